package dev.overlord.persistence.timeseries;

import static dev.overlord.persistence.timeseries.TimeSeriesTestTables.telemetry;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer while its database is really gone (connections refused and cut) and after it
 * returns: nothing within the buffer bound is lost, and exactly the overflow is counted.
 */
abstract class WriterOutageContract extends WriterTestBase {

    static final Instant T0 = Instant.parse("2025-06-14T08:00:00Z");

    /** Makes the database refuse new connections and cuts the open ones. */
    abstract void takeDatabaseAway();

    abstract void bringDatabaseBack();

    /** The URL the writer's own pool connects with (it may differ from the fixture's). */
    abstract String writerUrl();

    private HikariDataSource writerPool;

    @AfterEach
    void cleanUp() {
        bringDatabaseBack(); // idempotent: a failed test must not leave the database away
        if (writerPool != null) {
            writerPool.close();
        }
    }

    /** A small pool that gives up on a connection after a second, so retries are paced by the writer. */
    DataSource writerPool() {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(writerUrl());
        hc.setUsername(settings().user());
        hc.setPassword(settings().password());
        hc.setMaximumPoolSize(2);
        hc.setConnectionTimeout(1000);
        hc.setValidationTimeout(500);
        hc.setInitializationFailTimeout(-1);
        writerPool = new HikariDataSource(hc);
        return writerPool;
    }

    @Test
    void everyRowWithinTheBoundArrivesAfterTheDatabaseReturns() {
        try (TimeSeriesWriter w = writer(writerPool(), settings(1000, 50, Duration.ofMillis(50)))) {
            for (int i = 0; i < 100; i++) {
                assertTrue(w.offer(telemetry("Before", T0.plusSeconds(i))));
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> w.backlog() == 0);
            assertFalse(w.health().failing());

            takeDatabaseAway();
            for (int i = 0; i < 300; i++) {
                assertTrue(w.offer(telemetry("During", T0.plusSeconds(i))), "frame " + i);
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> w.health().failing());
            assertEquals(300, w.backlog());
            assertTrue(metrics.render().contains(TimeSeriesWriter.BACKLOG + " 300.0\n"), "backlog in /metrics");
            await().atMost(10, TimeUnit.SECONDS).until(() -> metrics.value(TimeSeriesWriter.RETRIES) >= 2);

            bringDatabaseBack();
            await().atMost(20, TimeUnit.SECONDS).until(() -> w.backlog() == 0);
            assertFalse(w.health().failing());
        }
        assertEquals(400, rows("telemetry_events"));
        assertEquals(
                400,
                TimeSeriesTestTables.count(
                        database().dataSource(),
                        "SELECT COUNT(*) FROM (SELECT DISTINCT character_name, ts FROM telemetry_events) d"),
                "no duplicates");
        assertEquals(0, dropped(TimeSeriesWriter.BUFFER_FULL));
        assertEquals(400, written(TimeSeriesTable.TELEMETRY));
    }

    @Test
    void beyondTheBoundExactlyTheOverflowIsDroppedAndCounted() {
        try (TimeSeriesWriter w = writer(writerPool(), settings(100, 20, Duration.ofMillis(50)))) {
            takeDatabaseAway();
            int accepted = 0;
            for (int i = 0; i < 250; i++) {
                if (w.offer(telemetry("Flood", T0.plusSeconds(i)))) {
                    accepted++;
                }
            }
            assertEquals(100, accepted);
            assertEquals(150, dropped(TimeSeriesWriter.BUFFER_FULL));
            await().atMost(10, TimeUnit.SECONDS).until(() -> w.health().failing());

            bringDatabaseBack();
            await().atMost(20, TimeUnit.SECONDS).until(() -> w.backlog() == 0);
        }
        assertEquals(100, rows("telemetry_events"));
        assertEquals(100, written(TimeSeriesTable.TELEMETRY));
        assertEquals(150, dropped(TimeSeriesWriter.BUFFER_FULL));
    }

    @Test
    void stoppingWhileTheDatabaseIsAwayDropsTheBacklogAfterTheDrainTimeout() throws Exception {
        TimeSeriesSettings s = new TimeSeriesSettings(
                100, 20, Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(500));
        TimeSeriesWriter w = writer(writerPool(), s);
        takeDatabaseAway();
        for (int i = 0; i < 70; i++) {
            assertTrue(w.offer(telemetry("Stuck", T0.plusSeconds(i))));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> metrics.value(TimeSeriesWriter.RETRIES) >= 1);
        // The next retry is 5 s away, ten times the drain timeout: stopping must not wait for it.
        long start = System.nanoTime();
        w.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(4)) < 0);
        assertEquals(70, dropped(TimeSeriesWriter.SHUTDOWN));
        assertEquals(0, w.backlog());
    }
}
