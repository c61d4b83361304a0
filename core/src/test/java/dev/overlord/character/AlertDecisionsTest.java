package dev.overlord.character;

import static dev.overlord.character.DecisionFixtures.T0;
import static dev.overlord.character.DecisionFixtures.online;
import static dev.overlord.character.DecisionFixtures.over;
import static dev.overlord.character.DecisionFixtures.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.alerts.AlertSettings;
import dev.overlord.alerts.FrameRules;
import dev.overlord.character.CharacterEvent.AlertRaised;
import dev.overlord.protocol.PluginFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vortex warnings and the user's rules, with their cooldowns, decided without actors. */
class AlertDecisionsTest {

    static AlertSettings settings(String monitor, FrameRules rules) {
        return new AlertSettings(
                Duration.ofMinutes(5),
                "whirlwind of vortexes",
                Duration.ofMinutes(1),
                monitor,
                Map.of("vortex", List.of("discord-channel:42")),
                rules);
    }

    static SessionFrame chat(String text) {
        return over(sample("chat").set("text", text).frame());
    }

    @Test
    void aVortexLineRaisesOneAlertPerCooldown() {
        AlertDecisions d = new AlertDecisions(settings("", FrameRules.NONE));
        Decision first = d.vortex(online(), Ephemeral.EMPTY, chat("You are caught in a Whirlwind of Vortexes!"), T0);
        AlertRaised alert = assertInstanceOf(AlertRaised.class, first.events().get(0));
        assertEquals("vortex", alert.kind());
        assertEquals(List.of("discord-channel:42"), alert.targets());
        CharacterState after = online().evolve(alert);
        assertTrue(d.vortex(after, Ephemeral.EMPTY, chat("whirlwind of vortexes"), T0.plusSeconds(30))
                .events()
                .isEmpty());
        assertEquals(
                1,
                d.vortex(after, Ephemeral.EMPTY, chat("whirlwind of vortexes"), T0.plusSeconds(60))
                        .events()
                        .size());
        assertTrue(d.vortex(online(), Ephemeral.EMPTY, chat("a quiet day"), T0)
                .events()
                .isEmpty());
    }

    @Test
    void onlyTheMonitoredCharactersChatCountsWhenOneIsNamed() {
        assertTrue(new AlertDecisions(settings("Thorvald", FrameRules.NONE))
                .vortex(online(), Ephemeral.EMPTY, chat("whirlwind of vortexes"), T0)
                .events()
                .isEmpty());
        assertEquals(
                1,
                new AlertDecisions(settings("larsson", FrameRules.NONE))
                        .vortex(online(), Ephemeral.EMPTY, chat("whirlwind of vortexes"), T0)
                        .events()
                        .size());
    }

    @Test
    void eachMatchedRuleRaisesAnAlertWithinItsOwnCooldown() {
        FrameRules rules = frame -> frame instanceof PluginFrame.Vitals
                ? List.of(new FrameRules.Matched(
                        "low-health",
                        "warning",
                        "Low health",
                        "Larsson is low",
                        Map.of("health_pct", "12"),
                        List.of("http:ops"),
                        Duration.ofMinutes(2)))
                : List.of();
        AlertDecisions d = new AlertDecisions(settings("", rules));
        SessionFrame vitals = DecisionFixtures.vitae(0);
        Decision first = d.rules(online(), Ephemeral.EMPTY, vitals, T0);
        AlertRaised alert = assertInstanceOf(AlertRaised.class, first.events().get(0));
        assertEquals("rule", alert.kind());
        assertEquals("low-health", alert.rule());
        assertEquals(List.of("http:ops"), alert.targets());
        CharacterState after = online().evolve(alert);
        assertTrue(d.rules(after, Ephemeral.EMPTY, vitals, T0.plusSeconds(119))
                .events()
                .isEmpty());
        assertEquals(
                1,
                d.rules(after, Ephemeral.EMPTY, vitals, T0.plusSeconds(120))
                        .events()
                        .size());
        assertTrue(d.rules(online(), Ephemeral.EMPTY, chat("hi"), T0).events().isEmpty());
    }
}
