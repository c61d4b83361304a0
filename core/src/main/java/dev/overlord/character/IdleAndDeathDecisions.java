package dev.overlord.character;

import dev.overlord.alerts.Alert;
import dev.overlord.alerts.AlertSettings;
import dev.overlord.character.CharacterEvent.AlertRaised;
import dev.overlord.character.CharacterEvent.BecameActive;
import dev.overlord.character.CharacterEvent.Died;
import dev.overlord.character.CharacterEvent.IdleSuspected;
import dev.overlord.character.CharacterEvent.VitaePenaltySeen;
import dev.overlord.character.CharacterEvent.WentIdle;
import dev.overlord.protocol.PluginFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Idleness from telemetry's macro state, with a grace period of {@code idleAfter} against blips,
 * and deaths from the vitals; each raises an alert. The idle clock and the vitae penalty are
 * journaled (not kept in memory) so that a restart in the middle of an idle spell, or between the
 * vitals before and after a death, changes nothing.
 */
record IdleAndDeathDecisions(Duration idleAfter, AlertSettings alerts) {

    /** Idle once telemetry has said so without a break for {@code idleAfter}; active at once. */
    Decision idleness(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        if (!(frame.frame() instanceof PluginFrame.Telemetry t)) return Decision.none(ephemeral);
        boolean idle = state.idleness().idle();
        Instant candidate = state.alerting().idleCandidateSince();
        if (!t.idle()) {
            // Ends an idle spell (the alert is cleared) or a blip shorter than the grace period.
            return idle || candidate != null ? Decision.of(ephemeral, new BecameActive(now)) : Decision.none(ephemeral);
        }
        if (idle) return Decision.none(ephemeral);
        List<CharacterEvent> events = new ArrayList<>(3);
        if (candidate == null) {
            candidate = now;
            events.add(new IdleSuspected(now));
        }
        if (Duration.between(candidate, now).compareTo(idleAfter) >= 0) {
            events.add(new WentIdle(now, candidate));
            long minutes = Duration.between(candidate, now).toMinutes();
            events.add(raise(
                    state.name(),
                    Alert.KIND_IDLE,
                    Alert.WARNING,
                    "Idle: " + state.name(),
                    state.name() + " has been idle for " + minutes + " minute" + (minutes == 1 ? "" : "s") + " (since "
                            + candidate + ")",
                    Map.of("idle_since", candidate.toString(), "idle_minutes", Long.toString(minutes)),
                    now));
        }
        return new Decision(events, ephemeral);
    }

    /**
     * Death shows as vitae going from 0 to above 0 (a vitae penalty appearing); an unknown previous
     * value proves nothing. The death is always journaled; its alert at most once per cooldown.
     */
    Decision death(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        if (!(frame.frame() instanceof PluginFrame.Vitals v) || v.vitae() == null) return Decision.none(ephemeral);
        boolean penalty = v.vitae() > 0;
        Boolean before = state.alerting().vitaePenalty();
        if (Boolean.FALSE.equals(before) && penalty) {
            Died died = new Died(now, v.vitae());
            if (!state.alerting().cooledDown(Alert.KIND_DEATH, now, alerts.deathCooldown()))
                return Decision.of(ephemeral, died);
            String vitae = formatPercent(v.vitae());
            AlertRaised alert = raise(
                    state.name(),
                    Alert.KIND_DEATH,
                    Alert.CRITICAL,
                    "Death: " + state.name(),
                    state.name() + " died (vitae " + vitae + "%)",
                    Map.of("vitae", vitae),
                    now);
            return new Decision(List.of(died, alert), ephemeral);
        }
        return before == null || before != penalty
                ? Decision.of(ephemeral, new VitaePenaltySeen(now, penalty))
                : Decision.none(ephemeral);
    }

    private AlertRaised raise(
            String character,
            String kind,
            String severity,
            String title,
            String message,
            Map<String, String> fields,
            Instant now) {
        return new AlertRaised(
                now,
                AlertRaised.idOf(character, kind, null, now, message),
                kind,
                null,
                severity,
                title,
                message,
                fields,
                alerts.targets(kind));
    }

    static String formatPercent(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format("%.1f", value);
    }
}
