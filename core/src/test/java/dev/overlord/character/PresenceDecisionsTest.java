package dev.overlord.character;

import static dev.overlord.character.DecisionFixtures.SOCKET;
import static dev.overlord.character.DecisionFixtures.T0;
import static dev.overlord.character.DecisionFixtures.given;
import static dev.overlord.character.DecisionFixtures.online;
import static dev.overlord.character.DecisionFixtures.over;
import static dev.overlord.character.DecisionFixtures.telemetry;
import static dev.overlord.character.DecisionFixtures.vitae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.character.CharacterEvent.CameOnline;
import dev.overlord.character.CharacterEvent.PositionRecorded;
import dev.overlord.character.CharacterEvent.WentOffline;
import dev.overlord.character.CharacterState.Position;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coming online, position checkpoints and going offline, decided without actors. */
class PresenceDecisionsTest {

    static final PresenceDecisions PRESENCE = new PresenceDecisions(Duration.ofMinutes(1));
    static final Instant T1 = T0.plusSeconds(30);
    static final Instant T2 = T0.plusSeconds(60);

    @Test
    void anyFrameOfAnOfflineCharacterBringsItOnlineInThatSession() {
        Decision d = PresenceDecisions.comingOnline(given(), Ephemeral.EMPTY, vitae(5), T0);
        assertEquals(List.of(new CameOnline(T0, SOCKET)), d.events());
        assertEquals(Ephemeral.EMPTY, d.ephemeral());
    }

    @Test
    void aFrameOfTheSpeakingSessionIsNothingAndOneOfAnotherMovesIt() {
        assertTrue(PresenceDecisions.comingOnline(online(), Ephemeral.EMPTY, vitae(5), T1)
                .events()
                .isEmpty());
        var other = over("session-2", vitae(5).frame());
        assertEquals(
                List.of(new CameOnline(T1, "session-2")),
                PresenceDecisions.comingOnline(online(), Ephemeral.EMPTY, other, T1)
                        .events());
    }

    @Test
    void theFirstTelemetryIsACheckpointAndTheNextOnlyOnceTheIntervalIsOver() {
        Decision first = PRESENCE.checkpoint(
                online(),
                Ephemeral.EMPTY,
                over(telemetry().position(10, 20).z(1).frame()),
                T0);
        assertEquals(List.of(new PositionRecorded(T0, 10, 20, 1)), first.events());
        assertEquals(T0, first.ephemeral().lastCheckpoint());

        Decision early = PRESENCE.checkpoint(
                online(),
                first.ephemeral(),
                over(telemetry().position(11, 20).z(1).frame()),
                T1);
        assertTrue(early.events().isEmpty());
        assertEquals(new Position(11, 20, 1, T1), early.ephemeral().lastReported(), "the latest is remembered");
        assertEquals(T0, early.ephemeral().lastCheckpoint());

        Decision due = PRESENCE.checkpoint(
                online(),
                early.ephemeral(),
                over(telemetry().position(12, 20).z(1).frame()),
                T2);
        assertEquals(List.of(new PositionRecorded(T2, 12, 20, 1)), due.events());
    }

    @Test
    void framesWithoutAPositionLeaveTheCheckpointAlone() {
        Decision d = PRESENCE.checkpoint(online(), Ephemeral.EMPTY, vitae(5), T0);
        assertTrue(d.events().isEmpty());
        assertEquals(Ephemeral.EMPTY, d.ephemeral());
    }

    @Test
    void theSpeakingSessionClosingJournalsTheLastReportedPositionThenGoesOffline() {
        Ephemeral memory = new Ephemeral(new Position(-12.5, 88.1, 0.5, T1), T1);
        Decision d = PresenceDecisions.sessionClosed(online(), memory, SOCKET, T2);
        assertEquals(List.of(new PositionRecorded(T2, -12.5, 88.1, 0.5), new WentOffline(T2)), d.events());
        assertNull(d.ephemeral().lastCheckpoint(), "the next session's first telemetry is a checkpoint");
    }

    @Test
    void withoutTelemetryOnlyTheGoingOfflineIsJournaled() {
        assertEquals(
                List.of(new WentOffline(T2)),
                PresenceDecisions.sessionClosed(online(), Ephemeral.EMPTY, SOCKET, T2)
                        .events());
    }

    @Test
    void anotherSessionClosingOrClosingWhenOfflineIsNothing() {
        Ephemeral memory = new Ephemeral(new Position(1, 2, 3, T1), T1);
        Decision other = PresenceDecisions.sessionClosed(online(), memory, "session-2", T2);
        assertTrue(other.events().isEmpty());
        assertEquals(memory, other.ephemeral());
        assertTrue(PresenceDecisions.sessionClosed(given(), memory, SOCKET, T2)
                .events()
                .isEmpty());
    }
}
