package dev.overlord.persistence.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import dev.overlord.persistence.retention.RetentionSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeSeriesSettingsTest {

    @Test
    void defaultsComeFromReferenceConf() {
        var config = ConfigFactory.load();
        assertEquals(
                new TimeSeriesSettings(
                        100_000,
                        500,
                        Duration.ofSeconds(1),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(10)),
                TimeSeriesSettings.from(config));
        assertEquals(
                new PartitionSettings(3, Duration.ofHours(1), Duration.ofSeconds(5)), PartitionSettings.from(config));
        assertEquals(
                new RetentionSettings(
                        Duration.ofDays(30),
                        Duration.ofDays(7),
                        Duration.ofHours(1),
                        Duration.ofMinutes(1),
                        10_000,
                        Duration.ofSeconds(5)),
                RetentionSettings.from(config));
    }

    @Test
    void nonsenseIsRefusedAtStartUp() {
        var config = ConfigFactory.parseString("overlord.timeseries { buffer-bound = 10, batch-size = 50 }")
                .withFallback(ConfigFactory.load());
        assertThrows(IllegalArgumentException.class, () -> TimeSeriesSettings.from(config));
        var retention =
                ConfigFactory.parseString("overlord.retention.spawns = 0 days").withFallback(ConfigFactory.load());
        assertThrows(IllegalArgumentException.class, () -> RetentionSettings.from(retention));
    }
}
