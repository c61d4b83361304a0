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
 * <p>The journal, snapshot store and read journal share one Slick database (and so one Hikari
 * pool, separate from {@code Database}'s) registered as {@value #SHARED_DB_NAME}; Pekko closes it
 * when the ActorSystem terminates.
 */
public final class JournalConfig {

    /** Name of the shared Slick database under {@code pekko-persistence-jdbc.shared-databases}. */
    public static final String SHARED_DB_NAME = "overlord";

    public static final String JOURNAL_PLUGIN = "jdbc-journal";
    public static final String SNAPSHOT_PLUGIN = "jdbc-snapshot-store";
    public static final String READ_JOURNAL_PLUGIN = "jdbc-read-journal";

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
        String shared = "pekko-persistence-jdbc.shared-databases." + SHARED_DB_NAME;
        // A map, not HOCON text, so URLs and passwords need no quoting or escaping.
        Map<String, Object> m = new HashMap<>();
        m.put("pekko.persistence.journal.plugin", JOURNAL_PLUGIN);
        m.put("pekko.persistence.snapshot-store.plugin", SNAPSHOT_PLUGIN);
        m.put(JOURNAL_PLUGIN + ".use-shared-db", SHARED_DB_NAME);
        // Tagged events in JDBC batches rather than one round trip each (see BatchingJournalDao).
        m.put(JOURNAL_PLUGIN + ".dao", BatchingJournalDao.class.getName());
        m.put(SNAPSHOT_PLUGIN + ".use-shared-db", SHARED_DB_NAME);
        m.put(READ_JOURNAL_PLUGIN + ".use-shared-db", SHARED_DB_NAME);
        m.put(shared + ".profile", slickProfile(s.vendor()));
        m.put(shared + ".db.connectionPool", "HikariCP");
        m.put(shared + ".db.poolName", "overlord-journal");
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
        m.put(shared + ".db.connectionTimeout", 30000);
        m.put(shared + ".db.keepAliveConnection", true);
        return ConfigFactory.parseMap(m, "JournalConfig.forDatabase");
    }

    /** The Slick profile object for a vendor, as pekko-persistence-jdbc expects it named. */
    public static String slickProfile(Vendor vendor) {
        return switch (vendor) {
            case H2 -> "slick.jdbc.H2Profile$";
            case POSTGRESQL -> "slick.jdbc.PostgresProfile$";
        };
    }
}
