package dev.overlord.character;

import static dev.overlord.character.DecisionFixtures.PLUGIN_SESSION;
import static dev.overlord.character.DecisionFixtures.SOCKET;
import static dev.overlord.character.DecisionFixtures.T0;
import static dev.overlord.character.DecisionFixtures.online;
import static dev.overlord.character.DecisionFixtures.over;
import static dev.overlord.character.DecisionFixtures.telemetry;
import static dev.overlord.character.DecisionFixtures.vitae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.character.CharacterEvent.CountersChanged;
import dev.overlord.character.CharacterEvent.LifetimeCountersChanged;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Session and lifetime counters from telemetry, decided without actors. */
class CounterDecisionsTest {

    static Decision session(CharacterState state, SessionFrame frame) {
        return CounterDecisions.session(state, Ephemeral.EMPTY, frame, T0);
    }

    static Decision lifetime(CharacterState state, SessionFrame frame) {
        return CounterDecisions.lifetime(state, Ephemeral.EMPTY, frame, T0);
    }

    static SessionFrame counters(String pluginSession, long kills, long deaths) {
        return over(telemetry()
                .set("session_id", pluginSession)
                .kills(kills)
                .set("deaths", deaths)
                .frame());
    }

    @Test
    void changedSessionCountersAreJournaledAndTheSameAreNot() {
        var state = online(new CountersChanged(T0, 1184, 57, 318));
        assertEquals(
                List.of(new CountersChanged(T0, 1185, 57, 317)),
                session(state, over(telemetry().kills(1185).tapers(317).frame()))
                        .events());
        assertTrue(session(state, over(telemetry().frame())).events().isEmpty());
    }

    @Test
    void absentCountersKeepTheKnownValuesAndTotalDeathsWins() {
        var state = online(new CountersChanged(T0, 1184, 57, 318));
        var absent = telemetry()
                .without("kills")
                .without("deaths")
                .without("total_deaths")
                .without("prismatic_taper_count")
                .frame();
        assertTrue(session(state, over(absent)).events().isEmpty());
        assertEquals(
                List.of(new CountersChanged(T0, 1184, 60, 318)),
                session(state, over(telemetry().set("deaths", 3).totalDeaths(60).frame()))
                        .events());
        assertEquals(
                List.of(new CountersChanged(T0, 1184, 3, 318)),
                session(
                                state,
                                over(telemetry()
                                        .set("deaths", 3)
                                        .without("total_deaths")
                                        .frame()))
                        .events());
    }

    @Test
    void otherFramesCountNothing() {
        assertTrue(session(online(), vitae(5)).events().isEmpty());
        assertTrue(lifetime(online(), vitae(5)).events().isEmpty());
    }

    @Test
    void aSessionsRiseAboveItsOwnHighestAddsToTheLifetime() {
        var state = online(new LifetimeCountersChanged(T0, "A", 10, 1, 40, 5, 318));
        assertEquals(
                List.of(new LifetimeCountersChanged(T0, "A", 15, 2, 45, 6, 318)),
                lifetime(state, counters("A", 15, 2)).events());
    }

    @Test
    void aNewSessionCountsFromZero() {
        var state = online(new LifetimeCountersChanged(T0, "A", 10, 1, 10, 1, 318));
        assertEquals(
                List.of(new LifetimeCountersChanged(T0, "B", 3, 0, 13, 1, 318)),
                lifetime(state, counters("B", 3, 0)).events());
    }

    @Test
    void aRepeatedOrLowerCountAddsNothingButATaperChangeIsJournaled() {
        var state = online(new LifetimeCountersChanged(T0, "A", 10, 1, 10, 1, 318));
        assertTrue(lifetime(state, counters("A", 10, 1)).events().isEmpty());
        assertTrue(lifetime(state, counters("A", 8, 0)).events().isEmpty());
        var tapers = over(telemetry()
                .set("session_id", "A")
                .kills(10)
                .set("deaths", 1)
                .tapers(250)
                .frame());
        assertEquals(
                List.of(new LifetimeCountersChanged(T0, "A", 10, 1, 10, 1, 250)),
                lifetime(state, tapers).events());
    }

    @Test
    void telemetryWithoutAPluginSessionCountsInTheSocketsSession() {
        var frame =
                over(telemetry().without("session_id").kills(4).set("deaths", 0).frame());
        assertEquals(
                List.of(new LifetimeCountersChanged(T0, SOCKET, 4, 0, 4, 0, 318)),
                lifetime(online(), frame).events());
        assertEquals(
                PLUGIN_SESSION,
                ((LifetimeCountersChanged) lifetime(online(), over(telemetry().frame()))
                                .events()
                                .getFirst())
                        .sessionId());
    }
}
