package dev.overlord.character;

import dev.overlord.character.CharacterState.Position;
import java.time.Instant;

/**
 * What a character entity holds only in memory: not journaled, rebuilt from the next frames after
 * a restart.
 *
 * @param lastReported the last telemetry's position, journaled when the session closes
 * @param lastCheckpoint when the position was last journaled, null before the first
 */
record Ephemeral(Position lastReported, Instant lastCheckpoint) {

    static final Ephemeral EMPTY = new Ephemeral(null, null);

    Ephemeral withLastReported(Position lastReported) {
        return new Ephemeral(lastReported, lastCheckpoint);
    }

    Ephemeral withLastCheckpoint(Instant lastCheckpoint) {
        return new Ephemeral(lastReported, lastCheckpoint);
    }
}
