package dev.overlord.character;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.character.CharacterEvent.BecameActive;
import dev.overlord.character.CharacterEvent.CameOnline;
import dev.overlord.character.CharacterEvent.CantripsUpdated;
import dev.overlord.character.CharacterEvent.CharacterStatsUpdated;
import dev.overlord.character.CharacterEvent.CombatSnapshotRecorded;
import dev.overlord.character.CharacterEvent.CountersChanged;
import dev.overlord.character.CharacterEvent.Died;
import dev.overlord.character.CharacterEvent.LifetimeCountersChanged;
import dev.overlord.character.CharacterEvent.PortalSeen;
import dev.overlord.character.CharacterEvent.PositionRecorded;
import dev.overlord.character.CharacterEvent.QuestsUpdated;
import dev.overlord.character.CharacterEvent.RareFound;
import dev.overlord.character.CharacterEvent.WentIdle;
import dev.overlord.character.CharacterEvent.WentOffline;
import dev.overlord.character.CharacterState.DocumentDigests;
import dev.overlord.character.CharacterState.Lifetime;
import dev.overlord.character.CharacterState.Position;
import dev.overlord.character.CharacterState.SessionMarks;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure evolve: given a state and an event, the next state. */
class CharacterStateTest {

    static final Instant T0 = Instant.parse("2025-06-14T08:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);

    static CharacterState fold(CharacterState s, List<CharacterEvent> events) {
        for (CharacterEvent e : events) s = s.evolve(e);
        return s;
    }

    /** Online in session s1, with counters, a position, one death, and idle since T0. */
    static final CharacterState ONLINE_AND_IDLE = fold(
            CharacterState.empty("Larsson"),
            List.of(
                    new CameOnline(T0, "s1"),
                    new CountersChanged(T0, 1184, 57, 318),
                    new PositionRecorded(T0, 53.8, -31.4, 12.0),
                    new Died(T0, 5),
                    new WentIdle(T0, T0.minusSeconds(300))));

    @Test
    void anEmptyCharacterIsOfflineWithNothingKnown() {
        CharacterState s = CharacterState.empty("Larsson");
        assertEquals("Larsson", s.name());
        assertFalse(s.presence().online());
        assertNull(s.presence().sessionId());
        assertNull(s.presence().lastSeen());
        assertNull(s.presence().lastPosition());
        assertEquals(0, s.sessionCounters().kills());
        assertEquals(0, s.observedDeaths().count());
        assertFalse(s.idleness().idle());
    }

    @Test
    void cameOnlineRecordsTheSessionAndClearsIdleness() {
        CharacterState s = ONLINE_AND_IDLE.evolve(new CameOnline(T1, "s2"));
        assertTrue(s.presence().online());
        assertEquals("s2", s.presence().sessionId());
        assertEquals(T1, s.presence().lastSeen());
        assertFalse(s.idleness().idle());
        assertNull(s.idleness().since());
        assertEquals(1184, s.sessionCounters().kills(), "counters survive a new session");
        assertEquals(ONLINE_AND_IDLE.presence().lastPosition(), s.presence().lastPosition());
        assertEquals(1, s.observedDeaths().count());
    }

    @Test
    void wentOfflineForgetsTheSessionButKeepsWhatWasLearned() {
        CharacterState s = ONLINE_AND_IDLE.evolve(new WentOffline(T1));
        assertFalse(s.presence().online());
        assertNull(s.presence().sessionId());
        assertEquals(T1, s.presence().lastSeen());
        assertFalse(s.idleness().idle());
        assertNull(s.idleness().since());
        assertEquals(1184, s.sessionCounters().kills());
        assertEquals(57, s.sessionCounters().deaths());
        assertEquals(318, s.sessionCounters().tapers());
        assertEquals(new Position(53.8, -31.4, 12.0, T0), s.presence().lastPosition());
    }

    @Test
    void countersChangedReplacesTheCounters() {
        CharacterState s = ONLINE_AND_IDLE.evolve(new CountersChanged(T1, 1190, 58, 300));
        assertEquals(1190, s.sessionCounters().kills());
        assertEquals(58, s.sessionCounters().deaths());
        assertEquals(300, s.sessionCounters().tapers());
        assertEquals(T1, s.presence().lastSeen());
        assertTrue(s.presence().online());
        assertTrue(s.idleness().idle(), "counters do not decide idleness");
    }

    @Test
    void positionRecordedBecomesTheLastKnownPosition() {
        CharacterState s = ONLINE_AND_IDLE.evolve(new PositionRecorded(T1, -12.5, 88.1, 0.5));
        assertEquals(new Position(-12.5, 88.1, 0.5, T1), s.presence().lastPosition());
        assertEquals(T1, s.presence().lastSeen());
        assertEquals(1184, s.sessionCounters().kills());
    }

    @Test
    void diedCountsTheDeathAndWhen() {
        CharacterState s = ONLINE_AND_IDLE.evolve(new Died(T1, 10));
        assertEquals(2, s.observedDeaths().count());
        assertEquals(T1, s.observedDeaths().lastAt());
        assertEquals(57, s.sessionCounters().deaths(), "the plugin's own death counter is left to CountersChanged");
    }

    @Test
    void wentIdleRecordsSinceWhen() {
        CharacterState active = ONLINE_AND_IDLE.evolve(new BecameActive(T0));
        CharacterState s = active.evolve(new WentIdle(T1, T0));
        assertTrue(s.idleness().idle());
        assertEquals(T0, s.idleness().since());
        assertEquals(T1, s.presence().lastSeen());
        assertTrue(s.presence().online());
    }

    @Test
    void becameActiveClearsIdleness() {
        CharacterState s = ONLINE_AND_IDLE.evolve(new BecameActive(T1));
        assertFalse(s.idleness().idle());
        assertNull(s.idleness().since());
        assertEquals(T1, s.presence().lastSeen());
        assertEquals("s1", s.presence().sessionId());
    }

    // ---- lifetime totals and documents: what the read side is filled from ----

    @Test
    void lifetimeCountersChangedTakesTheTotalsAndMarksTheSession() {
        CharacterState s = ONLINE_AND_IDLE.evolve(new LifetimeCountersChanged(T1, "A", 15, 2, 40, 5, 300));
        Lifetime h = s.lifetime();
        assertEquals(40, h.kills());
        assertEquals(5, h.deaths());
        assertEquals(300, h.tapers());
        assertEquals(new SessionMarks("A", 15, 2, null), h.session("A"));
        assertEquals(T1, s.presence().lastSeen());
        assertEquals(1184, s.sessionCounters().kills(), "the plugin's session counters are left to CountersChanged");
    }

    @Test
    void anUnknownSessionHasZeroMarks() {
        assertEquals(
                new SessionMarks("Z", 0, 0, null),
                CharacterState.empty("Larsson").lifetime().session("Z"));
    }

    @Test
    void aCombatSnapshotMarksItsSessionAndKeepsItsCounters() {
        CharacterState s = ONLINE_AND_IDLE
                .evolve(new LifetimeCountersChanged(T0, "A", 15, 2, 15, 2, 300))
                .evolve(new CombatSnapshotRecorded(T1, "A", T0, "{}"))
                .evolve(new LifetimeCountersChanged(T1, "A", 16, 2, 16, 2, 300));
        assertEquals(new SessionMarks("A", 16, 2, T0), s.lifetime().session("A"));
        assertEquals(1, s.lifetime().recentSessions().size());
    }

    @Test
    void onlyTheMostRecentlyTouchedSessionsAreRemembered() {
        CharacterState s = CharacterState.empty("Larsson");
        int many = Lifetime.RECENT_SESSIONS + 3;
        for (int i = 0; i < many; i++) {
            s = s.evolve(new LifetimeCountersChanged(T0, "s" + i, 1, 0, i + 1, 0, 0));
        }
        s = s.evolve(new CombatSnapshotRecorded(T1, "s3", T1, "{}")); // touched again: remembered
        List<SessionMarks> recent = s.lifetime().recentSessions();
        assertEquals(Lifetime.RECENT_SESSIONS, recent.size());
        assertEquals("s3", recent.getLast().sessionId());
        assertEquals(0, s.lifetime().session("s0").maxKills(), "the oldest is forgotten");
        assertEquals(1, s.lifetime().session("s3").maxKills());
        assertEquals(many, s.lifetime().kills(), "forgetting a session does not change the totals");
    }

    @Test
    void documentsAreRememberedByDigestOnly() {
        CharacterState s = ONLINE_AND_IDLE
                .evolve(new CharacterStatsUpdated(T1, "{\"level\":275}"))
                .evolve(new CantripsUpdated(T1, "{\"cantrips\":[]}"))
                .evolve(new QuestsUpdated(T1, "{\"quests\":[]}"));
        assertEquals(DocumentDigests.digest("{\"level\":275}"), s.documents().stats());
        assertEquals(DocumentDigests.digest("{\"cantrips\":[]}"), s.documents().cantrips());
        assertEquals(DocumentDigests.digest("{\"quests\":[]}"), s.documents().quests());
        assertFalse(DocumentDigests.digest("{\"level\":275}").equals(DocumentDigests.digest("{\"level\":276}")));
    }

    @Test
    void everyRareFoundCountsAndAPortalIsOnlySeen() {
        CharacterState s = ONLINE_AND_IDLE
                .evolve(new RareFound(T0, "Pearl", "A", 1.0, 2.0, null, "{}"))
                .evolve(new RareFound(T1, "Pearl", "A", null, null, null, "{}"));
        assertEquals(2, s.lifetime().rares());
        CharacterState seen = s.evolve(new PortalSeen(T1.plusSeconds(5), "Portal", 1, 2, null));
        assertEquals(T1.plusSeconds(5), seen.presence().lastSeen());
        assertEquals(s.lifetime(), seen.lifetime());
    }

    @Test
    void evolveNeverChangesTheStateItIsGiven() {
        CharacterState before = CharacterState.empty("Larsson");
        before.evolve(new CameOnline(T0, "s1"));
        assertEquals(CharacterState.empty("Larsson"), before);
    }
}
