package dev.overlord.persistence.retention;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How long time-series rows are kept and how retention runs: {@code overlord.retention}.
 *
 * @param telemetry age after which {@code telemetry_events} rows go
 * @param spawns age after which {@code spawn_events} rows go
 * @param interval pause between scheduled runs
 * @param initialDelay pause before the first scheduled run after start-up
 * @param batchSize most rows one DELETE removes (H2, and PostgreSQL's DEFAULT partition)
 * @param lockTimeout longest a partition drop waits for its table lock before giving up until the
 *     next run (a long query must not make every insert queue behind the drop)
 */
public record RetentionSettings(
        Duration telemetry,
        Duration spawns,
        Duration interval,
        Duration initialDelay,
        int batchSize,
        Duration lockTimeout) {

    public RetentionSettings {
        positive("telemetry", telemetry);
        positive("spawns", spawns);
        positive("interval", interval);
        positive("lock-timeout", lockTimeout);
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("overlord.retention.initial-delay must not be negative");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("overlord.retention.batch-size must be at least 1, got " + batchSize);
        }
    }

    /** Reads {@code overlord.retention} (defaults in persistence's reference.conf). */
    public static RetentionSettings from(Config root) {
        Config c = root.getConfig("overlord.retention");
        return new RetentionSettings(
                c.getDuration("telemetry"),
                c.getDuration("spawns"),
                c.getDuration("interval"),
                c.getDuration("initial-delay"),
                c.getInt("batch-size"),
                c.getDuration("lock-timeout"));
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("overlord.retention." + name + " must be positive, got " + d);
        }
    }
}
