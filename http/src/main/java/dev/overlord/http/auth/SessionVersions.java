package dev.overlord.http.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's copy of every user's session token version, so that checking a session never waits
 * on the database. Changes made here (logout, login) apply at once; changes made elsewhere (another
 * node, {@code set-password} on the command line) arrive with the next refresh, every few seconds.
 * Versions only go up, so a refresh that read the table just before a local change cannot undo it.
 * While the database is away the last versions read stay in force.
 *
 * <p>A user this node has never seen counts as version 0, the column's default: a user created
 * after the last refresh has not been revoked yet.
 */
public final class SessionVersions {
    private static final Logger log = LoggerFactory.getLogger(SessionVersions.class);

    private final ConcurrentMap<String, Long> versions = new ConcurrentHashMap<>();
    private volatile boolean refreshFailing;

    /** The version a token of {@code username} must carry to be accepted. */
    public long current(String username) {
        return versions.getOrDefault(username, 0L);
    }

    /** Learns a version (from a login or a revocation); an older one never replaces a newer one. */
    public void observe(String username, long version) {
        versions.merge(username, version, Math::max);
    }

    /** Takes in the whole table; users no longer there are forgotten. */
    public void replaceAll(Map<String, Long> table) {
        table.forEach(this::observe);
        versions.keySet().retainAll(table.keySet());
    }

    /**
     * Loads the table now (start-up, before the first request) and then every {@code every} on
     * {@code blocking}, until the system stops.
     */
    public void refreshEvery(
            ActorSystem<?> system, Duration every, Executor blocking, Supplier<Map<String, Long>> table) {
        refresh(table);
        system.scheduler()
                .scheduleWithFixedDelay(
                        every, every, () -> blocking.execute(() -> refresh(table)), system.executionContext());
    }

    private void refresh(Supplier<Map<String, Long>> table) {
        try {
            replaceAll(table.get());
            if (refreshFailing) log.info("session versions readable again");
            refreshFailing = false;
        } catch (RuntimeException e) {
            // Logged once per outage: the last versions read stay in force meanwhile.
            if (!refreshFailing)
                log.warn("could not refresh session versions, keeping the last ones: {}", e.toString());
            refreshFailing = true;
        }
    }
}
