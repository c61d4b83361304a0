package dev.overlord.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.overlord.metrics.Metrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's connection pool to its database, migrated to the current schema on open.
 *
 * <p>Migrations come from {@code db/migration/common} plus the vendor folder
 * ({@code db/migration/h2} or {@code db/migration/postgresql}); version numbers are shared across
 * the folders, so a number used in one vendor folder must be used in the other too.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final Vendor vendor;

    private Database(HikariDataSource dataSource, Vendor vendor) {
        this.dataSource = dataSource;
        this.vendor = vendor;
    }

    /**
     * Opens the pool and applies pending migrations; blocks until both are done.
     *
     * @throws RuntimeException if the database is unreachable or a migration fails; the pool is
     *     closed in that case
     */
    public static Database open(DatabaseSettings settings) {
        return open(settings, Optional.empty());
    }

    /** As {@link #open(DatabaseSettings)}, with the pool's own meters ({@code hikaricp_*}) in {@code metrics}. */
    public static Database open(DatabaseSettings settings, Metrics metrics) {
        return open(settings, Optional.of(metrics));
    }

    private static Database open(DatabaseSettings settings, Optional<Metrics> metrics) {
        HikariConfig config = hikariConfig(settings);
        metrics.ifPresent(m -> config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(m.registry())));
        HikariDataSource ds = new HikariDataSource(config);
        try {
            int applied = Flyway.configure()
                    .dataSource(ds)
                    .locations(migrationLocations(settings.vendor()).toArray(String[]::new))
                    .load()
                    .migrate()
                    .migrationsExecuted;
            log.info("Database ready ({}), {} migration(s) applied", settings.vendor(), applied);
            return new Database(ds, settings.vendor());
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** The Flyway locations used for a vendor: the shared folder first, then the vendor's own. */
    public static List<String> migrationLocations(Vendor vendor) {
        return List.of("classpath:db/migration/common", "classpath:db/migration/" + vendor.migrationFolder());
    }

    private static HikariConfig hikariConfig(DatabaseSettings s) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("overlord-db");
        hc.setJdbcUrl(s.url());
        hc.setUsername(s.user());
        hc.setPassword(s.password());
        hc.setMaximumPoolSize(s.maxPoolSize());
        hc.setMinimumIdle(Math.min(2, s.maxPoolSize()));
        // Fail fast at startup: a server that cannot reach its database should not come up.
        hc.setInitializationFailTimeout(1);
        hc.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        // A connection kept out of the pool longer than this is logged with the stack that took it.
        hc.setLeakDetectionThreshold(s.leakDetection().toMillis());
        return hc;
    }

    /** The pooled data source; every borrowed connection must be closed by the borrower. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Vendor vendor() {
        return vendor;
    }

    /**
     * Whether a connection can be borrowed and validated within {@code timeout}; for {@code /ready}.
     *
     * <p>Blocks at most about {@code timeout}: the check runs on a virtual thread so a hung pool or
     * network cannot hold the caller longer, and that thread returns its connection when done.
     */
    public boolean isReachable(Duration timeout) {
        if (dataSource.isClosed()) {
            return false;
        }
        int validSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        CompletableFuture<Boolean> check = new CompletableFuture<>();
        Thread checker = Thread.ofVirtual().name("overlord-db-ready-check").start(() -> {
            try (Connection c = dataSource.getConnection()) {
                check.complete(c.isValid(validSeconds));
            } catch (SQLException | RuntimeException e) {
                check.complete(false);
            }
        });
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            checker.interrupt(); // gives up the wait for a connection; try-with-resources still returns one
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            checker.interrupt();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
