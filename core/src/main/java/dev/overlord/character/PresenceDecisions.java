package dev.overlord.character;

import dev.overlord.character.CharacterEvent.CameOnline;
import dev.overlord.character.CharacterEvent.PositionRecorded;
import dev.overlord.character.CharacterEvent.WentOffline;
import dev.overlord.character.CharacterState.Position;
import dev.overlord.protocol.PluginFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Online, in which session, and where: a frame from another session brings the character online
 * in it; telemetry's position is journaled at most once per {@code checkpointEvery}, and once more
 * when the session closes.
 */
record PresenceDecisions(Duration checkpointEvery) {

    /** Any frame from a session other than the one speaking for the character brings it online. */
    static Decision comingOnline(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        return state.presence().speaksFor(frame.sessionId())
                ? Decision.none(ephemeral)
                : Decision.of(ephemeral, new CameOnline(now, frame.sessionId()));
    }

    /** Positions themselves are time series; the state keeps a checkpoint of the last one. */
    Decision checkpoint(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        if (!(frame.frame() instanceof PluginFrame.Telemetry t)) return Decision.none(ephemeral);
        Ephemeral reported = ephemeral.withLastReported(new Position(t.ew(), t.ns(), t.z(), now));
        Instant last = ephemeral.lastCheckpoint();
        return last != null && now.isBefore(last.plus(checkpointEvery))
                ? Decision.none(reported)
                : Decision.of(reported.withLastCheckpoint(now), new PositionRecorded(now, t.ew(), t.ns(), t.z()));
    }

    /**
     * The session {@code sessionId} closed: if it spoke for the character, the last reported
     * position is journaled and the character goes offline; another session's closing is nothing.
     */
    static Decision sessionClosed(CharacterState state, Ephemeral ephemeral, String sessionId, Instant now) {
        if (!state.presence().speaksFor(sessionId)) return Decision.none(ephemeral);
        List<CharacterEvent> events = new ArrayList<>(2);
        Position last = ephemeral.lastReported();
        if (last != null) events.add(new PositionRecorded(now, last.ew(), last.ns(), last.z()));
        events.add(new WentOffline(now));
        // The next session starts its own idle grace period and checkpoints from scratch.
        return new Decision(events, ephemeral.withLastCheckpoint(null));
    }
}
