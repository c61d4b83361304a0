package dev.overlord.character;

import static dev.overlord.character.DecisionFixtures.SOCKET;
import static dev.overlord.character.DecisionFixtures.online;
import static dev.overlord.character.DecisionFixtures.over;
import static dev.overlord.character.DecisionFixtures.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.character.CharacterEvent.CombatSnapshotRecorded;
import dev.overlord.testing.SampleFrames;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Combat snapshots, newest per plugin session only, decided without actors. */
class CombatDecisionsTest {

    static final Instant TAKEN = Instant.parse("2025-06-14T08:21:00Z");
    static final Instant NOW = TAKEN.plusSeconds(1);

    static SessionFrame combat(String pluginSession, Instant taken) {
        return over(sample("combat_stats")
                .set("session_id", pluginSession)
                .at(taken)
                .frame());
    }

    static Decision decide(CharacterState state, SessionFrame frame) {
        return CombatDecisions.snapshot(state, Ephemeral.EMPTY, frame, NOW);
    }

    @Test
    void aSessionsFirstSnapshotIsRecordedWithoutItsEnvelope() {
        CombatSnapshotRecorded e = (CombatSnapshotRecorded)
                decide(online(), combat("A", TAKEN)).events().getFirst();
        assertEquals("A", e.sessionId());
        assertEquals(TAKEN, e.snapshotTs());
        assertEquals(NOW, e.at());
        ObjectNode snapshot = SampleFrames.readJson(e.snapshot());
        assertEquals(
                412,
                snapshot.path("monsters").path("Olthoi Ripper").path("kills").asLong());
        for (String envelope : List.of("type", "character_name", "timestamp", "plugin_seq", "session_id")) {
            assertFalse(snapshot.has(envelope), envelope);
        }
    }

    @Test
    void onlyASnapshotNewerThanTheSessionsLatestIsNews() {
        var state = online(new CombatSnapshotRecorded(NOW, "A", TAKEN, "{}"));
        assertTrue(decide(state, combat("A", TAKEN)).events().isEmpty(), "repeated");
        assertTrue(decide(state, combat("A", TAKEN.minusSeconds(30))).events().isEmpty(), "out of order");
        assertEquals(
                1, decide(state, combat("A", TAKEN.plusSeconds(60))).events().size());
        assertEquals(
                1, decide(state, combat("B", TAKEN.minusSeconds(30))).events().size(), "another session's first");
    }

    @Test
    void aSnapshotWithoutAPluginSessionIsTheSockets() {
        var frame = over(sample("combat_stats").without("session_id").at(TAKEN).frame());
        assertEquals(
                SOCKET,
                ((CombatSnapshotRecorded) decide(online(), frame).events().getFirst()).sessionId());
    }
}
