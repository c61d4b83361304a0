package dev.overlord.http.plugin;

import dev.overlord.http.auth.Secrets;
import dev.overlord.persistence.users.PluginTokenStore;
import dev.overlord.session.PluginSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a secret presented on {@code /ws/position} lets a plugin speak for: the shared secret (unless
 * tokens are required) speaks for anyone; a per-plugin token for its characters. Tokens are held in
 * memory (by hash) and reread every few seconds, so the upgrade never waits on the database; a
 * token created or revoked on the command line takes effect within that time.
 */
public final class PluginTokens {
    private static final Logger log = LoggerFactory.getLogger(PluginTokens.class);

    private final String sharedSecret;
    private final boolean required;
    private volatile Map<String, PluginTokenStore.Grant> byHash = Map.of();
    private volatile boolean refreshFailing;

    /**
     * @param required tokens only: the shared secret is refused
     */
    public PluginTokens(String sharedSecret, boolean required) {
        this.sharedSecret = sharedSecret;
        this.required = required;
    }

    /** With {@code overlord.plugin.require-tokens} read from the configuration. */
    public static PluginTokens from(String sharedSecret, com.typesafe.config.Config config) {
        return new PluginTokens(sharedSecret, config.getBoolean("overlord.plugin.require-tokens"));
    }

    /** Whom {@code presented} speaks for, or empty when it is neither the shared secret nor a token. */
    public Optional<PluginSession.Speaks> admit(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 256) return Optional.empty();
        if (!required && Secrets.constantTimeEquals(sharedSecret, presented)) {
            return Optional.of(PluginSession.Speaks.ANY);
        }
        // A map lookup by hash: the hash of a wrong guess tells nothing about a stored one.
        PluginTokenStore.Grant g = byHash.get(PluginTokenStore.hash(presented));
        return g == null ? Optional.empty() : Optional.of(PluginSession.Speaks.only(g.label(), g.characters()));
    }

    public boolean required() {
        return required;
    }

    /** Takes in the whole table. */
    public void replaceAll(List<PluginTokenStore.Grant> grants) {
        byHash = grants.stream().collect(Collectors.toUnmodifiableMap(PluginTokenStore.Grant::tokenHash, g -> g));
    }

    /** Loads the tokens now and then every {@code every} on {@code blocking}. */
    public void refreshEvery(
            ActorSystem<?> system, Duration every, Executor blocking, Supplier<List<PluginTokenStore.Grant>> table) {
        refresh(table);
        system.scheduler()
                .scheduleWithFixedDelay(
                        every, every, () -> blocking.execute(() -> refresh(table)), system.executionContext());
    }

    private void refresh(Supplier<List<PluginTokenStore.Grant>> table) {
        try {
            replaceAll(table.get());
            refreshFailing = false;
        } catch (RuntimeException e) {
            if (!refreshFailing) log.warn("could not refresh plugin tokens, keeping the last ones: {}", e.toString());
            refreshFailing = true;
        }
    }
}
