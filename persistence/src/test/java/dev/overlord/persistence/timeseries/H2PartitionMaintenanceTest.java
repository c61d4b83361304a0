package dev.overlord.persistence.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class H2PartitionMaintenanceTest extends DatabaseTestBase {

    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }

    @Test
    void h2HasNoPartitionsSoThereIsNothingToDo() {
        PartitionMaintenance maintenance = new PartitionMaintenance(
                database().dataSource(),
                Vendor.H2,
                new PartitionSettings(3, Duration.ofHours(1), Duration.ofSeconds(5)),
                new ManualClock());
        assertEquals(new PartitionMaintenance.Report(List.of(), 0, List.of()), maintenance.run());
        TimeSeriesTestTables.writeTelemetry(database(), ManualClock.START, 2);
        assertEquals(2, TimeSeriesTestTables.count(database().dataSource(), "SELECT COUNT(*) FROM telemetry_events"));
    }
}
