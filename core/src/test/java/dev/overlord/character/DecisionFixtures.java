package dev.overlord.character;

import dev.overlord.protocol.PluginFrame;
import dev.overlord.testing.SampleFrames;
import java.time.Instant;
import java.util.List;

/** Givens shared by the decision tests: a state made of events, frames over a session. */
final class DecisionFixtures {
    private DecisionFixtures() {}

    static final Instant T0 = Instant.parse("2025-06-14T08:00:00Z");
    /** The socket the frames come over. */
    static final String SOCKET = "session-1";
    /** The plugin's own session id in the sample telemetry and combat frames. */
    static final String PLUGIN_SESSION = "Larsson-20250614-0802";

    /** Larsson as the events make him, from nothing. */
    static CharacterState given(CharacterEvent... events) {
        CharacterState s = CharacterState.empty("Larsson");
        for (CharacterEvent e : events) s = s.evolve(e);
        return s;
    }

    /** Online in {@link #SOCKET} since {@link #T0}. */
    static CharacterState online(CharacterEvent... more) {
        CharacterState s = given(new CharacterEvent.CameOnline(T0, SOCKET));
        for (CharacterEvent e : more) s = s.evolve(e);
        return s;
    }

    static SessionFrame over(String socket, PluginFrame frame) {
        return new SessionFrame(socket, frame);
    }

    static SessionFrame over(PluginFrame frame) {
        return over(SOCKET, frame);
    }

    static SampleFrames.Builder telemetry() {
        return SampleFrames.telemetry().name("Larsson").vtState("Combat");
    }

    static SessionFrame vitae(double vitae) {
        return over(SampleFrames.vitals().name("Larsson").vitae(vitae).frame());
    }

    static SampleFrames.Builder sample(String type) {
        return SampleFrames.of(type).name("Larsson");
    }

    static List<CharacterEvent> events(CharacterEvent... events) {
        return List.of(events);
    }
}
