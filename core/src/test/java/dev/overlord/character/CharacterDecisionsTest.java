package dev.overlord.character;

import static dev.overlord.character.DecisionFixtures.PLUGIN_SESSION;
import static dev.overlord.character.DecisionFixtures.SOCKET;
import static dev.overlord.character.DecisionFixtures.T0;
import static dev.overlord.character.DecisionFixtures.given;
import static dev.overlord.character.DecisionFixtures.sample;
import static dev.overlord.character.DecisionFixtures.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.overlord.character.CharacterEvent.CameOnline;
import dev.overlord.character.CharacterEvent.CountersChanged;
import dev.overlord.character.CharacterEvent.Died;
import dev.overlord.character.CharacterEvent.IdleSuspected;
import dev.overlord.character.CharacterEvent.LifetimeCountersChanged;
import dev.overlord.character.CharacterEvent.PositionRecorded;
import dev.overlord.character.CharacterEvent.WentIdle;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.testing.SampleFrames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every concern's decision folded over the frames of one observation, without actors. */
class CharacterDecisionsTest {

    static final CharacterDecisions DECISIONS = new CharacterDecisions(CharacterSettings.defaults());

    static PluginFrame vitae(double vitae) {
        return SampleFrames.vitals().name("Larsson").vitae(vitae).frame();
    }

    @Test
    void aFramesEventsComeInTheOrderTheyAreJournaled() {
        Decision d = DECISIONS.decide(
                given(),
                Ephemeral.EMPTY,
                SOCKET,
                List.of(telemetry().position(53.8, -31.4).z(12).frame()),
                T0);
        assertEquals(
                List.of(
                        new CameOnline(T0, SOCKET),
                        new CountersChanged(T0, 1184, 57, 318),
                        new PositionRecorded(T0, 53.8, -31.4, 12),
                        new LifetimeCountersChanged(T0, PLUGIN_SESSION, 1184, 2, 1184, 2, 318)),
                d.events());
    }

    @Test
    void framesDecidedTogetherMakeTheEventsTheyWouldOneByOne() {
        List<PluginFrame> frames = List.of(
                telemetry().kills(5).frame(),
                vitae(0),
                telemetry().kills(7).frame(),
                vitae(0),
                vitae(3),
                telemetry().kills(7).frame(),
                sample("rare").frame(),
                telemetry().kills(9).frame());
        CharacterState state = given();
        Ephemeral memory = Ephemeral.EMPTY;
        List<CharacterEvent> oneByOne = new ArrayList<>();
        for (PluginFrame f : frames) {
            Decision d = DECISIONS.decide(state, memory, SOCKET, List.of(f), T0);
            for (CharacterEvent e : d.events()) state = state.evolve(e);
            oneByOne.addAll(d.events());
            memory = d.ephemeral();
        }

        Decision together = DECISIONS.decide(given(), Ephemeral.EMPTY, SOCKET, frames, T0);

        assertEquals(oneByOne, together.events());
        assertEquals(memory, together.ephemeral());
        assertEquals(
                1, together.events().stream().filter(Died.class::isInstance).count(), "vitae 0 then 3 is a death");
        assertEquals(
                1,
                together.events().stream().filter(CameOnline.class::isInstance).count(),
                "online once");
    }

    @Test
    void withinAFrameEachConcernSeesWhatTheOnesBeforeItDecided() {
        // Idle past the grace period in session 0; the plugin reconnects and is still idle. Coming
        // online clears idleness and its clock, and the idleness concern, seeing that, starts a new
        // clock at once (no second idle alert for a spell that a reconnect interrupted).
        CharacterState idle =
                given(new CameOnline(T0, "session-0"), new IdleSuspected(T0), new WentIdle(T0.plusSeconds(300), T0));
        Ephemeral memory = Ephemeral.EMPTY.withLastCheckpoint(T0.plusSeconds(300));
        Decision d = DECISIONS.decide(
                idle, memory, SOCKET, List.of(telemetry().vtState("Idle").frame()), T0.plusSeconds(310));
        assertEquals(
                List.of(new CameOnline(T0.plusSeconds(310), SOCKET), new IdleSuspected(T0.plusSeconds(310))),
                d.events().stream()
                        .filter(e -> e instanceof CameOnline || e instanceof WentIdle || e instanceof IdleSuspected)
                        .toList());
    }

    @Test
    void closingTheSpeakingSessionIsPresencesDecision() {
        var online = given(new CameOnline(T0, SOCKET));
        assertEquals(
                PresenceDecisions.sessionClosed(online, Ephemeral.EMPTY, SOCKET, T0),
                DECISIONS.sessionClosed(online, Ephemeral.EMPTY, SOCKET, T0));
    }
}
