package dev.overlord.character;

import static dev.overlord.character.DecisionFixtures.T0;
import static dev.overlord.character.DecisionFixtures.online;
import static dev.overlord.character.DecisionFixtures.over;
import static dev.overlord.character.DecisionFixtures.telemetry;
import static dev.overlord.character.DecisionFixtures.vitae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.character.CharacterEvent.BecameActive;
import dev.overlord.character.CharacterEvent.Died;
import dev.overlord.character.CharacterEvent.WentIdle;
import dev.overlord.testing.SampleFrames;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Idleness with its grace period, and deaths from vitae, decided without actors. */
class IdleAndDeathDecisionsTest {

    static final IdleAndDeathDecisions DECISIONS = new IdleAndDeathDecisions(Duration.ofMinutes(5));
    static final SessionFrame IDLE = over(telemetry().vtState("Idle").frame());
    static final SessionFrame ACTIVE = over(telemetry().vtState("Combat").frame());

    @Test
    void theFirstIdleTelemetryStartsTheGracePeriodAndJournalsNothing() {
        Decision d = DECISIONS.idleness(online(), Ephemeral.EMPTY, IDLE, T0);
        assertTrue(d.events().isEmpty());
        assertEquals(T0, d.ephemeral().idleCandidateSince());
    }

    @Test
    void idleWithoutABreakForTheGracePeriodIsIdleOnce() {
        Ephemeral candidate = Ephemeral.EMPTY.withIdleCandidateSince(T0);
        assertTrue(DECISIONS
                .idleness(online(), candidate, IDLE, T0.plusSeconds(299))
                .events()
                .isEmpty());
        Decision due = DECISIONS.idleness(online(), candidate, IDLE, T0.plusSeconds(300));
        assertEquals(List.of(new WentIdle(T0.plusSeconds(300), T0)), due.events());
        var idle = online(new WentIdle(T0.plusSeconds(300), T0));
        assertTrue(
                DECISIONS
                        .idleness(idle, due.ephemeral(), IDLE, T0.plusSeconds(600))
                        .events()
                        .isEmpty(),
                "journaled once");
    }

    @Test
    void activityEndsTheGracePeriodAndAnIdleCharacterBecomesActive() {
        Ephemeral candidate = Ephemeral.EMPTY.withIdleCandidateSince(T0);
        Decision blip = DECISIONS.idleness(online(), candidate, ACTIVE, T0.plusSeconds(240));
        assertTrue(blip.events().isEmpty());
        assertNull(blip.ephemeral().idleCandidateSince());

        var idle = online(new WentIdle(T0.plusSeconds(300), T0));
        Decision back = DECISIONS.idleness(idle, candidate, ACTIVE, T0.plusSeconds(400));
        assertEquals(List.of(new BecameActive(T0.plusSeconds(400))), back.events());
        assertNull(back.ephemeral().idleCandidateSince());
    }

    @Test
    void vitaeGoingFromZeroToAboveZeroIsADeath() {
        Decision zero = IdleAndDeathDecisions.death(online(), Ephemeral.EMPTY, vitae(0), T0);
        assertTrue(zero.events().isEmpty());
        assertEquals(0.0, zero.ephemeral().vitae());
        assertEquals(
                List.of(new Died(T0, 5)),
                IdleAndDeathDecisions.death(online(), zero.ephemeral(), vitae(5), T0)
                        .events());
    }

    @Test
    void anUnknownPreviousVitaeOrOneThatStaysIsNoDeath() {
        assertTrue(IdleAndDeathDecisions.death(online(), Ephemeral.EMPTY, vitae(5), T0)
                .events()
                .isEmpty());
        var without =
                over(SampleFrames.vitals().name("Larsson").without("vitae").frame());
        Decision omitted = IdleAndDeathDecisions.death(online(), Ephemeral.EMPTY.withVitae(0.0), without, T0);
        assertNull(omitted.ephemeral().vitae(), "vitals without vitae make it unknown");
        assertTrue(IdleAndDeathDecisions.death(online(), omitted.ephemeral(), vitae(5), T0)
                .events()
                .isEmpty());
        assertTrue(IdleAndDeathDecisions.death(online(), Ephemeral.EMPTY.withVitae(5.0), vitae(10), T0)
                .events()
                .isEmpty());
        assertTrue(IdleAndDeathDecisions.death(online(), Ephemeral.EMPTY.withVitae(0.0), vitae(0), T0)
                .events()
                .isEmpty());
    }

    @Test
    void eachConcernIgnoresTheOthersFrames() {
        assertEquals(
                Ephemeral.EMPTY,
                DECISIONS.idleness(online(), Ephemeral.EMPTY, vitae(5), T0).ephemeral());
        assertEquals(
                Ephemeral.EMPTY,
                IdleAndDeathDecisions.death(online(), Ephemeral.EMPTY, IDLE, T0).ephemeral());
    }
}
