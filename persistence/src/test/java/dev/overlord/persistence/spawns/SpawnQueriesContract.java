package dev.overlord.persistence.spawns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.persistence.testing.ReadModelRows;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link SpawnQueries} answers, given rows written with SQL; run once per vendor.
 */
abstract class SpawnQueriesContract extends DatabaseTestBase {

    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    ReadModelRows rows;
    SpawnQueries spawnQueries;

    @BeforeEach
    void emptyTables() {
        var ds = database().dataSource();
        rows = new ReadModelRows(ds).clear();
        spawnQueries = new SpawnQueries(ds);
    }

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void heatmapCountsSpawnsPerBinBusiestFirst() {
        rows.spawn("Alice", t(0), "Drudge", 10.2, 20.9)
                .spawn("Alice", t(1), "Drudge", 10.9, 20.1)
                .spawn("Bob", t(2), "Mite", 11.5, 20.5)
                .spawn("Bob", t(3), "Mite", -0.5, -0.5)
                .spawn("Bob", t(-7200), "Old", 10.5, 20.5);

        List<HeatCell> cells = spawnQueries.heatmap(t(-3600), 1.0, 100);

        assertEquals(List.of(new HeatCell(10, 20, 2), new HeatCell(-1, -1, 1), new HeatCell(11, 20, 1)), cells);
        assertEquals(
                List.of(new HeatCell(10, 20, 3)),
                spawnQueries.heatmap(t(-3600), 5.0, 1).subList(0, 1),
                "bigger bins merge; the cap keeps the busiest");
        assertEquals(1, spawnQueries.heatmap(t(-3600), 5.0, 1).size());
        assertTrue(
                spawnQueries.heatmap(t(-3600), 0.1, 100).contains(new HeatCell(10.9, 20.1, 1)),
                "corners are decimals, not 10.900000000000002");
    }
}
