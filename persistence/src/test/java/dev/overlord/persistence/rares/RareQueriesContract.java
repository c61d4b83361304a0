package dev.overlord.persistence.rares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.persistence.testing.ReadModelRows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link RareQueries} answers, given rows written with SQL; run once per vendor.
 */
abstract class RareQueriesContract extends DatabaseTestBase {

    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    ReadModelRows rows;
    RareQueries rareQueries;

    @BeforeEach
    void emptyTables() {
        var ds = database().dataSource();
        rows = new ReadModelRows(ds).clear();
        rareQueries = new RareQueries(ds);
    }

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void raresAreNewestFirstFilterableAndLimited() {
        rows.rare("Alice", t(0), "Pearl of Blood Drinking", "s-1", 1.0, 2.0, "{\"type\":\"rare\",\"name\":\"Pearl\"}")
                .rare("Bob", t(10), "Shimmering Skeleton Key", null, null, null, null)
                .rare("Alice", t(20), "Gelidite Ring", "s-2", 3.0, 4.0, "{}");

        List<RareFind> all = rareQueries.latest(Optional.empty(), 10);
        assertEquals(
                List.of("Gelidite Ring", "Shimmering Skeleton Key", "Pearl of Blood Drinking"),
                all.stream().map(RareFind::name).toList());
        RareFind pearl = all.get(2);
        assertEquals("Alice", pearl.characterName());
        assertEquals(t(0), pearl.ts());
        assertEquals("s-1", pearl.sessionId());
        assertEquals(1.0, pearl.ew());
        assertEquals("rare", pearl.frame().path("type").asText());
        assertNull(all.get(1).ew());
        assertNull(all.get(1).frame());

        assertEquals(
                List.of("Gelidite Ring", "Pearl of Blood Drinking"),
                rareQueries.latest(Optional.of("Alice"), 10).stream()
                        .map(RareFind::name)
                        .toList());
        assertEquals(
                List.of("Gelidite Ring"),
                rareQueries.latest(Optional.empty(), 1).stream()
                        .map(RareFind::name)
                        .toList());
    }
}
