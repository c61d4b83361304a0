package dev.overlord.character;

import com.typesafe.config.Config;
import dev.overlord.alerts.AlertSettings;
import java.time.Duration;

/**
 * How a character entity judges what it sees.
 *
 * @param idleAfter continuous idle state needed before the character counts as idle (a grace
 *     period against blips)
 * @param positionCheckpointEvery how often the last known position is journaled
 * @param snapshotEvery events between snapshots
 * @param backlog what a character keeps while its journal is away
 * @param alerts which alerts a character raises and where they go
 */
public record CharacterSettings(
        Duration idleAfter,
        Duration positionCheckpointEvery,
        int snapshotEvery,
        Backlog backlog,
        AlertSettings alerts) {

    /**
     * Frames a character keeps while its journal is away, and how it tries again.
     *
     * @param maxFrames discrete frames kept (telemetry, vitals, stats and combat keep only the latest)
     * @param maxBytes their JSON text, in bytes (counted as characters)
     * @param writeTimeout a journal write not confirmed by then counts as failed
     * @param retryMin first pause before the journal is tried again; doubles per failure
     * @param retryMax longest pause
     */
    public record Backlog(int maxFrames, long maxBytes, Duration writeTimeout, Duration retryMin, Duration retryMax) {
        public static Backlog defaults() {
            return new Backlog(
                    1024, 4L * 1024 * 1024, Duration.ofSeconds(20), Duration.ofMillis(500), Duration.ofSeconds(5));
        }

        static Backlog from(Config c) {
            return new Backlog(
                    c.getInt("max-frames"),
                    c.getBytes("max-bytes"),
                    c.getDuration("write-timeout"),
                    c.getDuration("retry-min"),
                    c.getDuration("retry-max"));
        }
    }

    public CharacterSettings(Duration idleAfter, Duration positionCheckpointEvery, int snapshotEvery) {
        this(idleAfter, positionCheckpointEvery, snapshotEvery, Backlog.defaults());
    }

    public CharacterSettings(Duration idleAfter, Duration positionCheckpointEvery, int snapshotEvery, Backlog backlog) {
        this(idleAfter, positionCheckpointEvery, snapshotEvery, backlog, AlertSettings.defaults());
    }

    public CharacterSettings withAlerts(AlertSettings alerts) {
        return new CharacterSettings(idleAfter, positionCheckpointEvery, snapshotEvery, backlog, alerts);
    }

    public static CharacterSettings from(Config c) {
        return new CharacterSettings(
                c.getDuration("idle-after"),
                c.getDuration("position-checkpoint-every"),
                c.getInt("snapshot-every"),
                c.hasPath("backlog") ? Backlog.from(c.getConfig("backlog")) : Backlog.defaults());
    }

    public static CharacterSettings defaults() {
        return new CharacterSettings(Duration.ofMinutes(5), Duration.ofMinutes(1), 100);
    }
}
