package dev.overlord.character;

import dev.overlord.character.CharacterState.Position;
import java.time.Instant;

/**
 * What a character entity holds only in memory: not journaled, rebuilt from the next frames after
 * a restart.
 *
 * @param vitae the last vitals' vitae, null when unknown (no vitals yet, or they omitted it)
 * @param lastReported the last telemetry's position, journaled when the session closes
 * @param idleCandidateSince since when telemetry has said idle without a break, null when it did not
 * @param lastCheckpoint when the position was last journaled, null before the first
 */
record Ephemeral(Double vitae, Position lastReported, Instant idleCandidateSince, Instant lastCheckpoint) {

    static final Ephemeral EMPTY = new Ephemeral(null, null, null, null);

    Ephemeral withVitae(Double vitae) {
        return new Ephemeral(vitae, lastReported, idleCandidateSince, lastCheckpoint);
    }

    Ephemeral withLastReported(Position lastReported) {
        return new Ephemeral(vitae, lastReported, idleCandidateSince, lastCheckpoint);
    }

    Ephemeral withIdleCandidateSince(Instant idleCandidateSince) {
        return new Ephemeral(vitae, lastReported, idleCandidateSince, lastCheckpoint);
    }

    Ephemeral withLastCheckpoint(Instant lastCheckpoint) {
        return new Ephemeral(vitae, lastReported, idleCandidateSince, lastCheckpoint);
    }
}
