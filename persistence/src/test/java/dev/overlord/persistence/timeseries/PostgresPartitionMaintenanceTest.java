package dev.overlord.persistence.timeseries;

import static dev.overlord.persistence.timeseries.TimeSeriesTestTables.count;
import static dev.overlord.persistence.timeseries.TimeSeriesTestTables.partitions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Day partitions on PostgreSQL: created ahead, idempotent, and built around rows already in DEFAULT. */
class PostgresPartitionMaintenanceTest extends DatabaseTestBase {

    static final PartitionSettings THREE_AHEAD = new PartitionSettings(3, Duration.ofHours(1), Duration.ofSeconds(5));

    /** Counts a partition's (character_name, ts) index that carries the columns /history returns (V6). */
    static final String COVERING_INDEX = "SELECT COUNT(*) FROM pg_indexes WHERE indexdef LIKE"
            + " '%(character_name, ts) INCLUDE (ew, ns, z, kills, %, session_id)' AND tablename = ";

    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }

    @BeforeEach
    void emptyTables() {
        TimeSeriesTestTables.reset(database());
    }

    private PartitionMaintenance at(Instant now) {
        return new PartitionMaintenance(database().dataSource(), Vendor.POSTGRESQL, THREE_AHEAD, new ManualClock(now));
    }

    private DataSource ds() {
        return database().dataSource();
    }

    @Test
    void createsTodayAndThreeDaysAheadOnceOnly() {
        PartitionMaintenance.Report first =
                at(Instant.parse("2025-06-14T23:59:00Z")).run();
        assertTrue(first.ok(), first.errors().toString());
        List<String> telemetryDays = List.of(
                "telemetry_events_p20250614",
                "telemetry_events_p20250615",
                "telemetry_events_p20250616",
                "telemetry_events_p20250617");
        assertEquals(telemetryDays, partitions(ds(), TimeSeriesTable.TELEMETRY));
        assertEquals(
                List.of(
                        "spawn_events_p20250614",
                        "spawn_events_p20250615",
                        "spawn_events_p20250616",
                        "spawn_events_p20250617"),
                partitions(ds(), TimeSeriesTable.SPAWNS));
        assertEquals(8, first.created().size());

        PartitionMaintenance.Report again =
                at(Instant.parse("2025-06-14T23:59:30Z")).run();
        assertEquals(new PartitionMaintenance.Report(List.of(), 0, List.of()), again);

        PartitionMaintenance.Report nextDay =
                at(Instant.parse("2025-06-15T00:00:00Z")).run();
        assertEquals(List.of("telemetry_events_p20250618", "spawn_events_p20250618"), nextDay.created());
    }

    @Test
    void rowsGoToTheirDaysPartitionWithTheTablesIndexes() {
        at(Instant.parse("2025-06-14T08:00:00Z")).run();
        TimeSeriesTestTables.writeTelemetry(database(), Instant.parse("2025-06-15T23:59:58Z"), 4); // two days
        assertEquals(2, count(ds(), "SELECT COUNT(*) FROM telemetry_events_p20250615"));
        assertEquals(2, count(ds(), "SELECT COUNT(*) FROM telemetry_events_p20250616"));
        assertEquals(0, count(ds(), "SELECT COUNT(*) FROM telemetry_events_default"));
        assertEquals(2, count(ds(), "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'telemetry_events_p20250615'"));
        assertEquals(
                1, count(ds(), COVERING_INDEX + "'telemetry_events_p20250615'"), "the history query's covering index");
    }

    @Test
    void rowsWaitingInDefaultMoveIntoTheirNewPartition() {
        // Nothing was created for 1 July when these arrived, so they sit in DEFAULT; PostgreSQL
        // would refuse a plain CREATE ... PARTITION OF for that day now.
        TimeSeriesTestTables.writeTelemetry(database(), Instant.parse("2025-07-01T12:00:00Z"), 25);
        TimeSeriesTestTables.writeTelemetry(database(), Instant.parse("2025-07-09T12:00:00Z"), 3);
        TimeSeriesTestTables.writeSpawns(database(), Instant.parse("2025-07-02T00:00:00Z"), 4);
        assertEquals(28, count(ds(), "SELECT COUNT(*) FROM telemetry_events_default"));

        PartitionMaintenance.Report report =
                at(Instant.parse("2025-07-01T06:00:00Z")).run();
        assertTrue(report.ok(), report.errors().toString());
        assertEquals(8, report.created().size());
        assertEquals(29, report.rowsMoved());
        assertEquals(25, count(ds(), "SELECT COUNT(*) FROM telemetry_events_p20250701"));
        assertEquals(4, count(ds(), "SELECT COUNT(*) FROM spawn_events_p20250702"));
        assertEquals(3, count(ds(), "SELECT COUNT(*) FROM telemetry_events_default"), "9 July has no partition yet");
        assertEquals(28, count(ds(), "SELECT COUNT(*) FROM telemetry_events"), "nothing lost or doubled");
        assertEquals(
                2,
                count(ds(), "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'telemetry_events_p20250701'"),
                "attaching gave the moved partition the table's indexes");
        assertEquals(1, count(ds(), COVERING_INDEX + "'telemetry_events_p20250701'"), "the covering one included");
        assertEquals(0, count(ds(), "SELECT COUNT(*) FROM pg_constraint WHERE conname LIKE '%\\_range'"));

        // Later runs still succeed and new rows for that day go straight to the partition.
        assertTrue(at(Instant.parse("2025-07-01T07:00:00Z")).run().ok());
        TimeSeriesTestTables.writeTelemetry(database(), Instant.parse("2025-07-01T13:00:00Z"), 1);
        assertEquals(26, count(ds(), "SELECT COUNT(*) FROM telemetry_events_p20250701"));
        PartitionMaintenance.Report later =
                at(Instant.parse("2025-07-08T00:00:00Z")).run();
        assertTrue(later.ok(), later.errors().toString());
        assertEquals(3, later.rowsMoved(), "9 July's rows moved when its partition came");
        assertEquals(0, count(ds(), "SELECT COUNT(*) FROM telemetry_events_default"));
    }

    @Test
    void aDayThatFailsIsReportedAndTheNextRunRepairsIt() {
        // A stray table squatting on one day's name makes that day fail, not the whole run.
        TimeSeriesTestTables.execute(ds(), "CREATE TABLE telemetry_events_p20250615 (x int)");
        PartitionMaintenance.Report report =
                at(Instant.parse("2025-06-14T08:00:00Z")).run();
        assertEquals(7, report.created().size());
        assertEquals(1, report.errors().size());
        assertTrue(
                report.errors().get(0).startsWith("telemetry_events_p20250615: [42P07]"),
                report.errors().get(0));
        TimeSeriesTestTables.execute(ds(), "DROP TABLE telemetry_events_p20250615");
        assertEquals(
                List.of("telemetry_events_p20250615"),
                at(Instant.parse("2025-06-14T08:00:00Z")).run().created());
    }
}
