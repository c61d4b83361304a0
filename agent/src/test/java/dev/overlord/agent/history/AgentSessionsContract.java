package dev.overlord.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.agent.history.AgentSessions.Ownership;
import dev.overlord.agent.history.AgentSessions.Role;
import dev.overlord.agent.history.AgentSessions.Turn;
import dev.overlord.persistence.testing.DatabaseTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The conversation store, the same on every vendor: turns in order, owned, bounded, purged when idle. */
abstract class AgentSessionsContract extends DatabaseTestBase {
    private static final Instant T0 = Instant.parse("2025-06-14T08:00:00Z");

    private AgentSessions sessions() {
        return new AgentSessions(database().dataSource());
    }

    @Test
    void turnsAreKeptInOrderForTheirOwnerOnly() {
        AgentSessions s = sessions();
        UUID id = UUID.randomUUID();
        assertEquals(Ownership.NEW, s.ownership(id, "alice"));
        assertTrue(s.append(id, "alice", Role.USER, "who is online?", T0));
        assertTrue(s.append(id, "alice", Role.ASSISTANT, "Alpha and Bravo", T0.plusSeconds(2)));
        assertTrue(s.append(id, "alice", Role.USER, "and now? ✓", T0.plusSeconds(9)));

        assertEquals(
                List.of(
                        new Turn(Role.USER, "who is online?", T0),
                        new Turn(Role.ASSISTANT, "Alpha and Bravo", T0.plusSeconds(2)),
                        new Turn(Role.USER, "and now? ✓", T0.plusSeconds(9))),
                s.history(id, "alice", 100));
        assertEquals(2, s.history(id, "alice", 2).size(), "the newest turns");
        assertEquals("Alpha and Bravo", s.history(id, "alice", 2).get(0).text());
        assertEquals(Ownership.MINE, s.ownership(id, "alice"));

        assertEquals(Ownership.OTHERS, s.ownership(id, "mallory"));
        assertEquals(List.of(), s.history(id, "mallory", 100), "another user's session reads as empty");
        assertFalse(s.append(id, "mallory", Role.USER, "let me in", T0.plusSeconds(10)));
        assertEquals(3, s.history(id, "alice", 100).size(), "nothing was added by another user");
        assertEquals(List.of(), s.history(UUID.randomUUID(), "alice", 100), "an unknown session is empty");
    }

    @Test
    void aLongTextIsCutAndIdleSessionsArePurgedWithTheirTurns() {
        AgentSessions s = sessions();
        UUID old = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        s.append(old, "bob", Role.USER, "x".repeat(AgentSessions.MAX_TEXT + 500), T0);
        assertEquals(
                AgentSessions.MAX_TEXT, s.history(old, "bob", 10).get(0).text().length());
        s.append(fresh, "bob", Role.USER, "recent", T0.plus(Duration.ofDays(40)));
        long before = s.count();

        // Other tests' sessions of T0 go too: the count is checked against what was deleted.
        int purged = s.purgeIdleSince(T0.plus(Duration.ofDays(30)));
        assertTrue(purged >= 1);
        assertEquals(before - purged, s.count());
        assertEquals(List.of(), s.history(old, "bob", 10));
        assertEquals(Ownership.NEW, s.ownership(old, "bob"), "the purged id is free again");
        assertEquals(1, s.history(fresh, "bob", 10).size());
    }
}
