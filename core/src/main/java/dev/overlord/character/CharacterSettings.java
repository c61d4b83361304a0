package dev.overlord.character;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How a character entity judges what it sees.
 *
 * @param idleAfter continuous idle state needed before the character counts as idle (a grace
 *     period against blips)
 * @param positionCheckpointEvery how often the last known position is journaled
 * @param snapshotEvery events between snapshots
 */
public record CharacterSettings(Duration idleAfter, Duration positionCheckpointEvery, int snapshotEvery) {

    public static CharacterSettings from(Config c) {
        return new CharacterSettings(
                c.getDuration("idle-after"), c.getDuration("position-checkpoint-every"), c.getInt("snapshot-every"));
    }

    public static CharacterSettings defaults() {
        return new CharacterSettings(Duration.ofMinutes(5), Duration.ofMinutes(1), 100);
    }
}
