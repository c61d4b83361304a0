package dev.overlord.character;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.character.CharacterEvent.CombatSnapshotRecorded;
import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.PluginFrame;
import java.time.Instant;
import java.util.List;

/** Combat snapshots: cumulative per plugin session, so only one newer than the session's latest is news. */
final class CombatDecisions {
    private CombatDecisions() {}

    static Decision snapshot(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        if (!(frame.frame() instanceof PluginFrame.CombatStats c)) return Decision.none(ephemeral);
        String session = frame.pluginSession(c.sessionId());
        Instant taken = c.envelope().timestamp();
        Instant latest = state.lifetime().session(session).lastCombatSnapshot();
        if (latest != null && !taken.isAfter(latest)) return Decision.none(ephemeral);
        ObjectNode snapshot = c.envelope().json().deepCopy();
        snapshot.remove(List.of(
                FrameParser.TYPE, FrameParser.CHARACTER, FrameParser.TIMESTAMP, FrameParser.PLUGIN_SEQ, "session_id"));
        return Decision.of(ephemeral, new CombatSnapshotRecorded(now, session, taken, snapshot.toString()));
    }
}
