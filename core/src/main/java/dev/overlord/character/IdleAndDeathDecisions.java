package dev.overlord.character;

import dev.overlord.character.CharacterEvent.BecameActive;
import dev.overlord.character.CharacterEvent.Died;
import dev.overlord.character.CharacterEvent.WentIdle;
import dev.overlord.protocol.PluginFrame;
import java.time.Duration;
import java.time.Instant;

/**
 * Idleness from telemetry's macro state, with a grace period of {@code idleAfter} against blips,
 * and deaths from the vitals.
 */
record IdleAndDeathDecisions(Duration idleAfter) {

    /** Idle once telemetry has said so without a break for {@code idleAfter}; active at once. */
    Decision idleness(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        if (!(frame.frame() instanceof PluginFrame.Telemetry t)) return Decision.none(ephemeral);
        boolean idle = state.idleness().idle();
        if (!t.idle()) {
            Ephemeral active = ephemeral.withIdleCandidateSince(null);
            return idle ? Decision.of(active, new BecameActive(now)) : Decision.none(active);
        }
        Instant since = ephemeral.idleCandidateSince() == null ? now : ephemeral.idleCandidateSince();
        Ephemeral candidate = ephemeral.withIdleCandidateSince(since);
        return !idle && Duration.between(since, now).compareTo(idleAfter) >= 0
                ? Decision.of(candidate, new WentIdle(now, since))
                : Decision.none(candidate);
    }

    /** Death shows as vitae going from 0 to above 0; an unknown previous value proves nothing. */
    static Decision death(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        if (!(frame.frame() instanceof PluginFrame.Vitals v)) return Decision.none(ephemeral);
        Double before = ephemeral.vitae();
        Ephemeral after = ephemeral.withVitae(v.vitae());
        return before != null && before == 0 && v.vitae() != null && v.vitae() > 0
                ? Decision.of(after, new Died(now, v.vitae()))
                : Decision.none(after);
    }
}
