package dev.overlord.character;

import static dev.overlord.character.DecisionFixtures.T0;
import static dev.overlord.character.DecisionFixtures.online;
import static dev.overlord.character.DecisionFixtures.over;
import static dev.overlord.character.DecisionFixtures.telemetry;
import static dev.overlord.character.DecisionFixtures.vitae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.alerts.Alert;
import dev.overlord.alerts.AlertSettings;
import dev.overlord.alerts.FrameRules;
import dev.overlord.character.CharacterEvent.AlertRaised;
import dev.overlord.character.CharacterEvent.BecameActive;
import dev.overlord.character.CharacterEvent.Died;
import dev.overlord.character.CharacterEvent.IdleSuspected;
import dev.overlord.character.CharacterEvent.VitaePenaltySeen;
import dev.overlord.character.CharacterEvent.WentIdle;
import dev.overlord.testing.SampleFrames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Idleness with its grace period, and deaths from vitae, with their alerts, decided without actors. */
class IdleAndDeathDecisionsTest {

    static final AlertSettings ALERTS = new AlertSettings(
            Duration.ofMinutes(5),
            "whirlwind of vortexes",
            Duration.ofMinutes(1),
            "",
            Map.of("death", List.of("aclog-webhook"), "idle", List.of("aclog-webhook")),
            FrameRules.NONE);
    static final IdleAndDeathDecisions DECISIONS = new IdleAndDeathDecisions(Duration.ofMinutes(5), ALERTS);
    static final SessionFrame IDLE = over(telemetry().vtState("Idle").frame());
    static final SessionFrame ACTIVE = over(telemetry().vtState("Combat").frame());

    /** The state after {@code d}'s events. */
    static CharacterState after(CharacterState s, Decision d) {
        for (CharacterEvent e : d.events()) s = s.evolve(e);
        return s;
    }

    @Test
    void theFirstIdleTelemetryStartsTheJournaledIdleClock() {
        Decision d = DECISIONS.idleness(online(), Ephemeral.EMPTY, IDLE, T0);
        assertEquals(List.of(new IdleSuspected(T0)), d.events());
        assertEquals(T0, after(online(), d).alerting().idleCandidateSince());
        assertTrue(
                DECISIONS
                        .idleness(after(online(), d), Ephemeral.EMPTY, IDLE, T0.plusSeconds(2))
                        .events()
                        .isEmpty(),
                "the clock started once");
    }

    @Test
    void idleWithoutABreakForTheGracePeriodIsIdleOnceWithOneAlert() {
        CharacterState suspected = online(new IdleSuspected(T0));
        assertTrue(DECISIONS
                .idleness(suspected, Ephemeral.EMPTY, IDLE, T0.plusSeconds(299))
                .events()
                .isEmpty());
        Decision due = DECISIONS.idleness(suspected, Ephemeral.EMPTY, IDLE, T0.plusSeconds(300));
        assertEquals(new WentIdle(T0.plusSeconds(300), T0), due.events().get(0));
        AlertRaised alert = assertInstanceOf(AlertRaised.class, due.events().get(1));
        assertEquals(Alert.KIND_IDLE, alert.kind());
        assertEquals(List.of("aclog-webhook"), alert.targets());
        assertEquals("5", alert.fields().get("idle_minutes"));
        assertTrue(alert.message().startsWith("Larsson has been idle for 5 minutes"), alert.message());
        assertTrue(
                DECISIONS
                        .idleness(after(suspected, due), Ephemeral.EMPTY, IDLE, T0.plusSeconds(600))
                        .events()
                        .isEmpty(),
                "journaled once");
    }

    @Test
    void aBlipWithinTheGracePeriodRaisesNothingAndRestartsTheClock() {
        CharacterState suspected = online(new IdleSuspected(T0));
        Decision blip = DECISIONS.idleness(suspected, Ephemeral.EMPTY, ACTIVE, T0.plusSeconds(240));
        assertEquals(List.of(new BecameActive(T0.plusSeconds(240))), blip.events());
        CharacterState afterBlip = after(suspected, blip);
        assertNull(afterBlip.alerting().idleCandidateSince());
        Decision again = DECISIONS.idleness(afterBlip, Ephemeral.EMPTY, IDLE, T0.plusSeconds(300));
        assertEquals(List.of(new IdleSuspected(T0.plusSeconds(300))), again.events(), "a new clock, no alert");
    }

    @Test
    void activityClearsAnIdleCharacter() {
        var idle = online(new IdleSuspected(T0), new WentIdle(T0.plusSeconds(300), T0));
        Decision back = DECISIONS.idleness(idle, Ephemeral.EMPTY, ACTIVE, T0.plusSeconds(400));
        assertEquals(List.of(new BecameActive(T0.plusSeconds(400))), back.events());
        assertNull(after(idle, back).alerting().idleCandidateSince());
        assertTrue(
                DECISIONS
                        .idleness(after(idle, back), Ephemeral.EMPTY, ACTIVE, T0.plusSeconds(402))
                        .events()
                        .isEmpty(),
                "an active character stays quiet");
    }

    @Test
    void vitaeGoingFromZeroToAboveZeroIsADeathWithAnAlert() {
        Decision zero = DECISIONS.death(online(), Ephemeral.EMPTY, vitae(0), T0);
        assertEquals(List.of(new VitaePenaltySeen(T0, false)), zero.events());
        Decision died = DECISIONS.death(after(online(), zero), Ephemeral.EMPTY, vitae(5), T0.plusSeconds(1));
        assertEquals(new Died(T0.plusSeconds(1), 5), died.events().get(0));
        AlertRaised alert = assertInstanceOf(AlertRaised.class, died.events().get(1));
        assertEquals(Alert.KIND_DEATH, alert.kind());
        assertEquals("Larsson died (vitae 5%)", alert.message());
        assertEquals(Alert.CRITICAL, alert.severity());
    }

    @Test
    void aSecondDeathWithinTheCooldownIsJournaledWithoutAnAlert() {
        CharacterState dead = online(
                new VitaePenaltySeen(T0, false),
                new Died(T0.plusSeconds(1), 5),
                alert(Alert.KIND_DEATH, T0.plusSeconds(1)),
                new VitaePenaltySeen(T0.plusSeconds(60), false));
        Decision again = DECISIONS.death(dead, Ephemeral.EMPTY, vitae(10), T0.plusSeconds(120));
        assertEquals(List.of(new Died(T0.plusSeconds(120), 10)), again.events());
        Decision later = DECISIONS.death(dead, Ephemeral.EMPTY, vitae(10), T0.plusSeconds(301));
        assertEquals(2, later.events().size(), "past the five minutes the alert comes again");
    }

    @Test
    void anUnknownPreviousVitaeOrOneThatStaysIsNoDeath() {
        Decision first = DECISIONS.death(online(), Ephemeral.EMPTY, vitae(5), T0);
        assertEquals(List.of(new VitaePenaltySeen(T0, true)), first.events(), "unknown before: no death");
        var without =
                over(SampleFrames.vitals().name("Larsson").without("vitae").frame());
        CharacterState clear = online(new VitaePenaltySeen(T0, false));
        assertTrue(DECISIONS.death(clear, Ephemeral.EMPTY, without, T0).events().isEmpty());
        assertTrue(
                DECISIONS.death(clear, Ephemeral.EMPTY, vitae(0), T0).events().isEmpty());
        CharacterState penalised = online(new VitaePenaltySeen(T0, true));
        assertTrue(DECISIONS
                .death(penalised, Ephemeral.EMPTY, vitae(10), T0)
                .events()
                .isEmpty());
        assertEquals(
                List.of(new VitaePenaltySeen(T0, false)),
                DECISIONS.death(penalised, Ephemeral.EMPTY, vitae(0), T0).events(),
                "the penalty wearing off is journaled, so the next death is known across a restart");
    }

    @Test
    void eachConcernIgnoresTheOthersFrames() {
        assertTrue(DECISIONS
                .idleness(online(), Ephemeral.EMPTY, vitae(5), T0)
                .events()
                .isEmpty());
        assertTrue(DECISIONS.death(online(), Ephemeral.EMPTY, IDLE, T0).events().isEmpty());
    }

    static AlertRaised alert(String kind, java.time.Instant at) {
        return new AlertRaised(at, "given-" + kind, kind, null, "warning", kind, kind, Map.of(), List.of());
    }
}
