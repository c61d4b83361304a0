package dev.overlord.persistence.retention;

import static dev.overlord.persistence.timeseries.TimeSeriesTestTables.count;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.jobs.PeriodicJob;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.persistence.timeseries.TimeSeriesTestTables;
import dev.overlord.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention by batched deletes, which every vendor does (on PostgreSQL, in the DEFAULT partition). */
abstract class RetentionContract extends DatabaseTestBase {

    static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");

    /** Telemetry 30 days, spawns 7 days, and batches of 7 rows so a few dozen rows need several. */
    static final RetentionSettings SETTINGS = new RetentionSettings(
            Duration.ofDays(30), Duration.ofDays(7), Duration.ofHours(1), Duration.ZERO, 7, Duration.ofSeconds(5));

    ActorTestKit testKit;

    @BeforeAll
    void startActorSystem() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    void stopActorSystem() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void emptyTables() {
        TimeSeriesTestTables.reset(database());
    }

    Retention retention(RetentionSettings settings) {
        return new Retention(database().dataSource(), vendor(), settings, new ManualClock(NOW));
    }

    long rows(String sql) {
        return count(database().dataSource(), sql);
    }

    @Test
    void deletesRowsPastTheirTablesRetentionInBatchesAndKeepsTheRest() {
        TimeSeriesTestTables.writeTelemetry(database(), Instant.parse("2025-05-01T00:00:00Z"), 20); // 60 days old
        TimeSeriesTestTables.writeTelemetry(database(), Instant.parse("2025-06-20T00:00:00Z"), 5); // 10 days: kept
        TimeSeriesTestTables.writeSpawns(database(), Instant.parse("2025-06-20T00:00:00Z"), 10); // 10 days: gone
        TimeSeriesTestTables.writeSpawns(database(), Instant.parse("2025-06-29T00:00:00Z"), 3);

        RetentionReport report = retention(SETTINGS).run();

        assertTrue(report.ok(), report.toString());
        RetentionReport.Table telemetry = report.tables().get(0);
        assertEquals("telemetry_events", telemetry.table());
        assertEquals(Instant.parse("2025-05-31T12:00:00Z"), telemetry.cutoff());
        assertEquals(20, telemetry.rowsDeleted());
        assertEquals(3, telemetry.batches(), "7 + 7 + 6");
        RetentionReport.Table spawns = report.tables().get(1);
        assertEquals("spawn_events", spawns.table());
        assertEquals(Instant.parse("2025-06-23T12:00:00Z"), spawns.cutoff());
        assertEquals(10, spawns.rowsDeleted());
        assertEquals(2, spawns.batches(), "7 + 3");
        assertEquals(5, rows("SELECT COUNT(*) FROM telemetry_events"));
        assertEquals(3, rows("SELECT COUNT(*) FROM spawn_events"));

        RetentionReport again = retention(SETTINGS).run();
        assertEquals(
                List.of(0L, 0L),
                again.tables().stream().map(RetentionReport.Table::rowsDeleted).toList());
    }

    @Test
    void aRowExactlyAtTheCutoffIsKept() {
        TimeSeriesTestTables.writeTelemetry(database(), Instant.parse("2025-05-31T11:59:59Z"), 2); // 11:59:59, 12:00:00
        assertEquals(1, retention(SETTINGS).run().tables().get(0).rowsDeleted());
        assertEquals(1, rows("SELECT COUNT(*) FROM telemetry_events"));
    }

    @Test
    void theScheduleRemovesOldRowsWithoutBeingAsked() {
        TimeSeriesTestTables.writeSpawns(database(), Instant.parse("2025-06-01T00:00:00Z"), 9);
        RetentionSettings often = new RetentionSettings(
                Duration.ofDays(30),
                Duration.ofDays(7),
                Duration.ofMillis(100),
                Duration.ZERO,
                7,
                Duration.ofSeconds(5));
        Metrics metrics = new Metrics();
        PeriodicJob job = retention(often)
                .schedule(
                        testKit.system(),
                        testKit.system().dispatchers().lookup(DispatcherSelector.blocking()),
                        metrics);
        try {
            await().atMost(10, TimeUnit.SECONDS).until(() -> rows("SELECT COUNT(*) FROM spawn_events") == 0);
        } finally {
            job.stop();
        }
        assertEquals(0, metrics.value(PeriodicJob.FAILURES, "job", "retention"));
    }
}
