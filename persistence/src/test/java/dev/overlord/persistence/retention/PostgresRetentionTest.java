package dev.overlord.persistence.retention;

import static dev.overlord.persistence.timeseries.TimeSeriesTestTables.partitions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.timeseries.PartitionMaintenance;
import dev.overlord.persistence.timeseries.PartitionSettings;
import dev.overlord.persistence.timeseries.TimeSeriesTable;
import dev.overlord.persistence.timeseries.TimeSeriesTestTables;
import dev.overlord.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On PostgreSQL retention drops whole day partitions, besides the batched deletes every vendor does. */
class PostgresRetentionTest extends RetentionContract {

    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }

    private void partitionsFrom(String day, int daysAhead) {
        PartitionMaintenance.Report r = new PartitionMaintenance(
                        database().dataSource(),
                        Vendor.POSTGRESQL,
                        new PartitionSettings(daysAhead, Duration.ofHours(1), Duration.ofSeconds(5)),
                        new ManualClock(Instant.parse(day + "T00:00:00Z")))
                .run();
        assertTrue(r.ok(), r.errors().toString());
    }

    @Test
    void dropsPartitionsOlderThanTheCutoffAndKeepsNewerOnes() {
        partitionsFrom("2025-05-01", 1); // 1-2 May: past both retentions
        partitionsFrom("2025-05-30", 2); // 30 May - 1 June: around the telemetry cut-off (31 May 12:00)
        partitionsFrom("2025-06-29", 1); // 29-30 June: kept
        TimeSeriesTestTables.writeTelemetry(database(), Instant.parse("2025-05-02T10:00:00Z"), 4);
        TimeSeriesTestTables.writeTelemetry(database(), Instant.parse("2025-05-31T06:00:00Z"), 2);
        TimeSeriesTestTables.writeTelemetry(database(), Instant.parse("2025-06-29T10:00:00Z"), 3);
        TimeSeriesTestTables.writeTelemetry(database(), Instant.parse("2025-04-15T10:00:00Z"), 9); // DEFAULT, old
        TimeSeriesTestTables.writeSpawns(database(), Instant.parse("2025-05-31T06:00:00Z"), 2);

        RetentionReport report = retention(SETTINGS).run();

        assertTrue(report.ok(), report.toString());
        RetentionReport.Table telemetry = report.tables().get(0);
        assertEquals(
                List.of("telemetry_events_p20250501", "telemetry_events_p20250502", "telemetry_events_p20250530"),
                telemetry.partitionsDropped());
        assertEquals(9, telemetry.rowsDeleted(), "old rows in DEFAULT, in batches");
        assertEquals(2, telemetry.batches());
        // 31 May ends after the cut-off, so its partition stays whole, morning rows included.
        assertEquals(
                List.of(
                        "telemetry_events_p20250531",
                        "telemetry_events_p20250601",
                        "telemetry_events_p20250629",
                        "telemetry_events_p20250630"),
                partitions(database().dataSource(), TimeSeriesTable.TELEMETRY));
        assertEquals(5, rows("SELECT COUNT(*) FROM telemetry_events"));

        RetentionReport.Table spawns = report.tables().get(1);
        assertEquals(
                List.of(
                        "spawn_events_p20250501",
                        "spawn_events_p20250502",
                        "spawn_events_p20250530",
                        "spawn_events_p20250531",
                        "spawn_events_p20250601"),
                spawns.partitionsDropped());
        assertEquals(
                List.of("spawn_events_p20250629", "spawn_events_p20250630"),
                partitions(database().dataSource(), TimeSeriesTable.SPAWNS));
        assertEquals(0, rows("SELECT COUNT(*) FROM spawn_events"));

        assertEquals(List.of(), retention(SETTINGS).run().tables().get(0).partitionsDropped(), "nothing left to drop");
    }
}
