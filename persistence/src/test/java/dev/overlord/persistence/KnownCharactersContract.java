package dev.overlord.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.persistence.testing.ReadModelRows;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which characters {@link KnownCharacters} knows, given rows written with SQL; run once per vendor.
 */
abstract class KnownCharactersContract extends DatabaseTestBase {

    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    ReadModelRows rows;
    KnownCharacters known;

    @BeforeEach
    void emptyTables() {
        var ds = database().dataSource();
        rows = new ReadModelRows(ds).clear();
        known = new KnownCharacters(ds);
    }

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aCharacterIsKnownByAnyOfItsRows() {
        rows.telemetry("Tele", t(0), 0, 0)
                .characterStats("Stats", "{}", null, null, t(0))
                .charStats("Totals", 1, 0, 0, 0, t(0))
                .combatLifetime("Combat", "{}", 1, t(0))
                .rare("Rare", t(0), "Pearl", null, null, null, null);

        for (String name : List.of("Tele", "Stats", "Totals", "Combat", "Rare")) {
            assertTrue(known.contains(name), name);
        }
        assertFalse(known.contains("Nobody"));
        assertFalse(known.contains("tele"), "names are case-sensitive, as the plugin sends them");
    }
}
