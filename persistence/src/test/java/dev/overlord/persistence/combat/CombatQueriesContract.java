package dev.overlord.persistence.combat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.persistence.testing.ReadModelRows;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link CombatQueries} answers, given rows written with SQL; run once per vendor.
 */
abstract class CombatQueriesContract extends DatabaseTestBase {

    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    ReadModelRows rows;
    CombatQueries combatQueries;

    @BeforeEach
    void emptyTables() {
        var ds = database().dataSource();
        rows = new ReadModelRows(ds).clear();
        combatQueries = new CombatQueries(ds);
    }

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void combatStatsAreLifetimeAndTheLatestSessionsNewestFirst() {
        rows.combatLifetime("Alice", "{\"kills\":30,\"damage_dealt\":9000}", 3, t(30))
                .combatSession("Alice", "s-1", "{\"kills\":10}", t(10))
                .combatSession("Alice", "s-3", "{\"kills\":5}", t(30))
                .combatSession("Alice", "s-2", "{\"kills\":15}", t(20))
                .combatSession("Bob", "s-9", "{\"kills\":1}", t(40));

        CombatStats stats = combatQueries.combatStats("Alice", 2);

        CombatStats.Lifetime lifetime = stats.lifetime().orElseThrow();
        assertEquals(9000, lifetime.totals().path("damage_dealt").asInt());
        assertEquals(3, lifetime.sessions());
        assertEquals(
                List.of("s-3", "s-2"),
                stats.sessions().stream().map(CombatStats.Session::sessionId).toList());
        assertEquals(5, stats.sessions().get(0).snapshot().path("kills").asInt());
        assertEquals(t(30), stats.sessions().get(0).snapshotTs());

        CombatStats bob = combatQueries.combatStats("Bob", 10);
        assertTrue(bob.lifetime().isEmpty());
        assertEquals(1, bob.sessions().size());
    }
}
