package dev.overlord.persistence.timeseries;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How far ahead day partitions are created and how often that is checked:
 * {@code overlord.timeseries.partitions}.
 *
 * @param daysAhead partitions exist for today and this many days after
 * @param interval pause between checks
 * @param lockTimeout longest a check waits for its table lock before giving up until the next run
 */
public record PartitionSettings(int daysAhead, Duration interval, Duration lockTimeout) {

    public PartitionSettings {
        if (daysAhead < 0) {
            throw new IllegalArgumentException(
                    "overlord.timeseries.partitions.days-ahead must be >= 0, got " + daysAhead);
        }
        TimeSeriesSettings.positive("partitions.interval", interval);
        TimeSeriesSettings.positive("partitions.lock-timeout", lockTimeout);
    }

    /** Reads {@code overlord.timeseries.partitions} (defaults in persistence's reference.conf). */
    public static PartitionSettings from(Config root) {
        Config c = root.getConfig("overlord.timeseries.partitions");
        return new PartitionSettings(c.getInt("days-ahead"), c.getDuration("interval"), c.getDuration("lock-timeout"));
    }
}
