package dev.overlord.persistence.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.Vendor;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the Pekko configuration that points pekko-persistence-jdbc at Overlord's database.
 *
 * <p>Use it as the highest-priority layer when creating the ActorSystem:
 * {@code ActorSystem.create(guardian, "overlord", JournalConfig.forDatabase(s).withFallback(appConfig))}.
 * The schema itself comes from our Flyway migrations ({@code Database.open}), which must have run
 * before the first persistent actor starts; the plugin never creates tables.
 *
 * <p>The journal and snapshot store share one Slick database (and so one Hikari pool, separate from
 * {@code Database}'s) registered as {@value #SHARED_DB_NAME}; the read journal, which the
 * projections poll, has its own ({@value #QUERY_DB_NAME}, {@value #QUERY_POOL_SIZE} connections),
 * so that reading events never holds up writing them. Pekko closes both when the ActorSystem
 * terminates.
 */
public final class JournalConfig {

    /** Name of the shared Slick database under {@code pekko-persistence-jdbc.shared-databases}. */
    public static final String SHARED_DB_NAME = "overlord";

    /** Name of the read journal's Slick database under {@code pekko-persistence-jdbc.shared-databases}. */
    public static final String QUERY_DB_NAME = "overlord-query";

    /**
     * Connections (and Slick threads) of the read journal: one per projection slice polling
     * {@code eventsByTag}, which is also enough for the journal-sequence tracker between polls.
     */
    public static final int QUERY_POOL_SIZE = 4;

    public static final String JOURNAL_PLUGIN = "jdbc-journal";
    public static final String SNAPSHOT_PLUGIN = "jdbc-snapshot-store";
    public static final String READ_JOURNAL_PLUGIN = "jdbc-read-journal";

    /** How long a journal write waits for a connection before it fails. */
    public static final int CONNECTION_TIMEOUT_MILLIS = 10_000;

    /** Connections (and Slick threads) the journal pool gets unless told otherwise. */
    public static final int DEFAULT_POOL_SIZE = 4;

    private JournalConfig() {}

    /** Journal configuration for {@code s} with a pool of {@value #DEFAULT_POOL_SIZE} connections. */
    public static Config forDatabase(DatabaseSettings s) {
        return forDatabase(s, DEFAULT_POOL_SIZE);
    }

    /** Journal configuration for {@code s} with a pool of {@code poolSize} connections. */
    public static Config forDatabase(DatabaseSettings s, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("journal pool size must be at least 1, got " + poolSize);
        }
        // A map, not HOCON text, so URLs and passwords need no quoting or escaping.
        Map<String, Object> m = new HashMap<>();
        m.put("pekko.persistence.journal.plugin", JOURNAL_PLUGIN);
        m.put("pekko.persistence.snapshot-store.plugin", SNAPSHOT_PLUGIN);
        m.put(JOURNAL_PLUGIN + ".use-shared-db", SHARED_DB_NAME);
        // Tagged events in JDBC batches rather than one round trip each (see BatchingJournalDao).
        m.put(JOURNAL_PLUGIN + ".dao", BatchingJournalDao.class.getName());
        m.put(SNAPSHOT_PLUGIN + ".use-shared-db", SHARED_DB_NAME);
        m.put(READ_JOURNAL_PLUGIN + ".use-shared-db", QUERY_DB_NAME);
        // eventsByTag bounded on the tag rows (see TagOrderReadJournalDao).
        m.put(READ_JOURNAL_PLUGIN + ".dao", TagOrderReadJournalDao.class.getName());
        // After a database outage the plugins' breakers let a call through again within 5 s (Pekko's
        // default is 30 s), so characters recover and write what they kept soon after the return.
        m.put(JOURNAL_PLUGIN + ".circuit-breaker.reset-timeout", "5s");
        m.put(SNAPSHOT_PLUGIN + ".circuit-breaker.reset-timeout", "5s");
        sharedDatabase(m, SHARED_DB_NAME, "overlord-journal", s, poolSize);
        sharedDatabase(m, QUERY_DB_NAME, "overlord-query", s, QUERY_POOL_SIZE);
        return ConfigFactory.parseMap(m, "JournalConfig.forDatabase");
    }

    private static void sharedDatabase(
            Map<String, Object> m, String name, String poolName, DatabaseSettings s, int poolSize) {
        String shared = "pekko-persistence-jdbc.shared-databases." + name;
        m.put(shared + ".profile", slickProfile(s.vendor()));
        m.put(shared + ".db.connectionPool", "HikariCP");
        m.put(shared + ".db.poolName", poolName);
        m.put(shared + ".db.url", s.url());
        m.put(shared + ".db.user", s.user());
        m.put(shared + ".db.password", s.password());
        m.put(shared + ".db.driver", s.vendor().driverClassName());
        // Slick wants as many threads as connections: fewer threads leave connections idle, more
        // threads queue for a connection while holding a thread.
        m.put(shared + ".db.numThreads", poolSize);
        m.put(shared + ".db.maxConnections", poolSize);
        m.put(shared + ".db.minConnections", 1);
        m.put(shared + ".db.queueSize", 10000);
        // A write waits this long for a connection; then it fails, the character keeps its frames
        // (CharacterBacklog) and tries again, instead of holding its plugins for half a minute.
        m.put(shared + ".db.connectionTimeout", CONNECTION_TIMEOUT_MILLIS);
        m.put(shared + ".db.keepAliveConnection", true);
    }

    /** The Slick profile object for a vendor, as pekko-persistence-jdbc expects it named. */
    public static String slickProfile(Vendor vendor) {
        return switch (vendor) {
            case H2 -> "slick.jdbc.H2Profile$";
            case POSTGRESQL -> "slick.jdbc.PostgresProfile$";
        };
    }
}
