package dev.overlord.persistence.characterstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.persistence.testing.ReadModelRows;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link CharacterStatsQueries} answers, given rows written with SQL; run once per vendor.
 */
abstract class CharacterStatsQueriesContract extends DatabaseTestBase {

    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    ReadModelRows rows;
    CharacterStatsQueries statsQueries;

    @BeforeEach
    void emptyTables() {
        var ds = database().dataSource();
        rows = new ReadModelRows(ds).clear();
        statsQueries = new CharacterStatsQueries(ds);
    }

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void characterStatsAreTheLatestFrameParsedWithTotals() {
        rows.characterStats(
                        "Alice",
                        "{\"level\":275,\"attributes\":{\"strength\":100}}",
                        "[\"Major Strength\"]",
                        null,
                        t(0))
                .charStats("Alice", 1200, 3, 7, 412, t(5));

        CharacterStats stats = statsQueries.characterStats("Alice");

        assertEquals(275, stats.latest().orElseThrow().stats().path("level").asInt());
        assertEquals(
                100,
                stats.latest()
                        .orElseThrow()
                        .stats()
                        .path("attributes")
                        .path("strength")
                        .asInt());
        assertEquals(
                "Major Strength", stats.latest().orElseThrow().cantrips().get(0).asText());
        assertEquals(t(0), stats.latest().orElseThrow().updatedAt());
        assertEquals(
                new CharacterStats.LifetimeTotals(1200, 3, 7, 412, t(5)),
                stats.totals().orElseThrow());

        CharacterStats none = statsQueries.characterStats("Nobody");
        assertTrue(none.latest().isEmpty() && none.totals().isEmpty());
    }

    @Test
    void aColumnThatIsNotJsonComesBackAsText() {
        rows.characterStats("Alice", "not json {", null, null, t(0));

        CharacterStats.Latest latest =
                statsQueries.characterStats("Alice").latest().orElseThrow();

        assertTrue(latest.stats().isTextual());
        assertEquals("not json {", latest.stats().asText());
        assertNull(latest.cantrips());
    }

    @Test
    void questsComeFromTheLatestStatsFrame() {
        rows.characterStats("Alice", "{}", null, "{\"Stipend\":{\"solves\":3}}", t(7))
                .characterStats("Bob", "{}", null, null, t(8));

        Quests quests = statsQueries.quests("Alice").orElseThrow();
        assertEquals(3, quests.quests().path("Stipend").path("solves").asInt());
        assertEquals(t(7), quests.updatedAt());
        assertNull(statsQueries.quests("Bob").orElseThrow().quests(), "a frame without quests");
        assertTrue(statsQueries.quests("Nobody").isEmpty());
    }
}
