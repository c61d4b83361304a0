package dev.overlord.character;

import dev.overlord.alerts.Alert;
import dev.overlord.alerts.AlertSettings;
import dev.overlord.alerts.FrameRules;
import dev.overlord.character.CharacterEvent.AlertRaised;
import dev.overlord.protocol.PluginFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Alerts read straight off one frame: a vortex warning in the monitored chat, and the user's
 * rules. Each kind (each rule) has a cooldown per character, kept in the journaled state.
 */
record AlertDecisions(AlertSettings alerts) {

    /** Longest chat line quoted in a vortex alert. */
    static final int QUOTE_LIMIT = 300;

    Decision vortex(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        if (!(frame.frame() instanceof PluginFrame.Chat chat) || chat.text() == null) return Decision.none(ephemeral);
        String phrase = alerts.vortexPhrase();
        if (phrase.isBlank()) return Decision.none(ephemeral);
        String monitor = alerts.monitorCharacter();
        if (!monitor.isEmpty() && !monitor.equalsIgnoreCase(state.name())) return Decision.none(ephemeral);
        if (!chat.text().toLowerCase(Locale.ROOT).contains(phrase.toLowerCase(Locale.ROOT)))
            return Decision.none(ephemeral);
        if (!state.alerting().cooledDown(Alert.KIND_VORTEX, now, alerts.vortexCooldown()))
            return Decision.none(ephemeral);
        String line = chat.text().length() > QUOTE_LIMIT ? chat.text().substring(0, QUOTE_LIMIT) + "…" : chat.text();
        String message = state.name() + " sees a whirlwind of vortexes: " + line;
        return Decision.of(
                ephemeral,
                new AlertRaised(
                        now,
                        AlertRaised.idOf(state.name(), Alert.KIND_VORTEX, null, now, message),
                        Alert.KIND_VORTEX,
                        null,
                        Alert.WARNING,
                        "Vortex warning",
                        message,
                        Map.of("chat", line),
                        alerts.targets(Alert.KIND_VORTEX)));
    }

    Decision rules(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        List<FrameRules.Matched> matched = alerts.rules().evaluate(frame.frame());
        if (matched.isEmpty()) return Decision.none(ephemeral);
        List<CharacterEvent> events = new ArrayList<>(matched.size());
        CharacterState s = state;
        for (FrameRules.Matched m : matched) {
            AlertRaised alert = new AlertRaised(
                    now,
                    AlertRaised.idOf(state.name(), Alert.KIND_RULE, m.rule(), now, m.message()),
                    Alert.KIND_RULE,
                    m.rule(),
                    m.severity(),
                    m.title(),
                    m.message(),
                    m.fields(),
                    m.targets());
            if (!s.alerting().cooledDown(alert.cooldownKey(), now, m.cooldown())) continue;
            events.add(alert);
            s = s.evolve(alert);
        }
        return new Decision(events, ephemeral);
    }
}
