package dev.overlord.persistence.combat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lifetime combat totals merge the sessions' latest snapshots by each field's rule (docs/api.md). */
class CombatTotalsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** Snapshots in session order, the first oldest; written and read back, as the handler stores it. */
    static JsonNode merge(String... snapshots) throws Exception {
        List<CombatTotals.Snapshot> sessions = new ArrayList<>();
        for (int i = 0; i < snapshots.length; i++) {
            sessions.add(new CombatTotals.Snapshot(JSON.readTree(snapshots[i]), T0.plusSeconds(i)));
        }
        return JSON.readTree(CombatTotals.merge(sessions).toString());
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void countsAreSummedAndWholeNumbersStayWholeWithoutOverflow() throws Exception {
        JsonNode total = merge("{\"kills\":9223372036854775807,\"exp\":0.5}", "{\"kills\":1,\"exp\":0.25}");
        assertEquals("9223372036854775808", total.get("kills").asText());
        assertEquals(0.75, total.get("exp").asDouble());
    }

    @Test
    void maximaKeepTheLargestAndMinimaTheSmallest() throws Exception {
        JsonNode total = merge(
                "{\"max_hit\":1211,\"hit_max\":5,\"min_hit\":3,\"hit_min\":9}",
                "{\"max_hit\":990,\"hit_max\":7,\"min_hit\":1,\"hit_min\":12}");
        assertEquals(json("{\"max_hit\":1211,\"hit_max\":7,\"min_hit\":1,\"hit_min\":9}"), total);
    }

    @Test
    void ratesAreRecomputedFromTheSummedCountsNeverSummed() throws Exception {
        JsonNode total = merge(
                "{\"attacks\":100,\"hits\":90,\"crits\":9,\"evades\":10,\"resists\":5,\"damage\":900,"
                        + "\"hit_rate\":0.9,\"crit_rate\":0.1,\"evade_rate\":0.1,\"resist_rate\":0.05,\"avg_hit\":10.0}",
                "{\"attacks\":300,\"hits\":210,\"crits\":21,\"evades\":90,\"resists\":15,\"damage\":4200,"
                        + "\"hit_rate\":0.7,\"crit_rate\":0.1,\"evade_rate\":0.3,\"resist_rate\":0.05,\"avg_hit\":20.0}");
        assertEquals(300.0 / 400, total.get("hit_rate").asDouble());
        assertEquals(30.0 / 300, total.get("crit_rate").asDouble());
        assertEquals(100.0 / 400, total.get("evade_rate").asDouble());
        assertEquals(20.0 / 400, total.get("resist_rate").asDouble());
        assertEquals(5100.0 / 300, total.get("avg_hit").asDouble());
    }

    @Test
    void averageHitTakesTotalDamageOrDamageGivenWhenThereIsNoDamage() throws Exception {
        assertEquals(
                30.0,
                merge("{\"hits\":2,\"total_damage\":60,\"avg_hit\":30}")
                        .get("avg_hit")
                        .asDouble());
        assertEquals(
                15.0,
                merge("{\"hits\":4,\"damage_given\":60,\"avg_hit\":15}")
                        .get("avg_hit")
                        .asDouble());
    }

    @Test
    void aRateWithAZeroOrMissingDenominatorOrNoKnownPairIsLeftOut() throws Exception {
        JsonNode total = merge("{\"attacks\":0,\"hits\":0,\"hit_rate\":0.0,\"crit_rate\":0.0,\"dps\":12.5,"
                + "\"kills_per_hour\":300,\"xp_pct\":4,\"average_damage\":3,\"avg_hit\":1}");
        assertEquals(json("{\"attacks\":0,\"hits\":0}"), total);
    }

    @Test
    void aRateIsWrittenOnlyWhereSomeSessionHadIt() throws Exception {
        assertFalse(merge("{\"attacks\":10,\"hits\":5}").has("hit_rate"));
    }

    @Test
    void arraysOfNamedObjectsMergeByNameInOrderOfFirstAppearance() throws Exception {
        JsonNode total = merge(
                "{\"spells\":[{\"name\":\"Frost Bolt\",\"casts\":3,\"max_hit\":50},{\"name\":\"Flame Bolt\",\"casts\":1}]}",
                "{\"spells\":[{\"name\":\"Acid Stream\",\"casts\":2},{\"name\":\"Frost Bolt\",\"casts\":4,\"max_hit\":40}]}");
        assertEquals(
                json("{\"spells\":[{\"name\":\"Frost Bolt\",\"casts\":7,\"max_hit\":50},"
                        + "{\"name\":\"Flame Bolt\",\"casts\":1},{\"name\":\"Acid Stream\",\"casts\":2}]}"),
                total);
    }

    @Test
    void otherArraysTextAndBooleansKeepTheLatestSession() throws Exception {
        String older = "{\"targets\":[1,2],\"build\":\"void\",\"pvp\":true}";
        String newer = "{\"targets\":[3],\"build\":\"war\",\"pvp\":false}";
        JsonNode expected = json(newer);
        assertEquals(expected, merge(older, newer));
        // By snapshot time, not by the order the sessions are given in.
        List<CombatTotals.Snapshot> reversed = List.of(
                new CombatTotals.Snapshot(json(newer), T0.plusSeconds(60)), new CombatTotals.Snapshot(json(older), T0));
        assertEquals(expected, json(CombatTotals.merge(reversed).toString()));
    }

    @Test
    void monstersAndElementsAreMergedByKeyWithTheirOwnRates() throws Exception {
        JsonNode total = merge(
                "{\"offense\":{\"by_element\":{\"cold\":{\"hits\":10,\"crits\":1,\"damage\":100,\"max_hit\":20}}},"
                        + "\"monsters\":{\"Olthoi Ripper\":{\"kills\":4,\"attacks\":10,\"hits\":8,\"hit_rate\":0.8}}}",
                "{\"offense\":{\"by_element\":{\"cold\":{\"hits\":30,\"crits\":3,\"damage\":500,\"max_hit\":25},"
                        + "\"void\":{\"hits\":5,\"crits\":0,\"damage\":50,\"max_hit\":12}}},"
                        + "\"monsters\":{\"Olthoi Ripper\":{\"kills\":1,\"attacks\":10,\"hits\":2,\"hit_rate\":0.2},"
                        + "\"Olthoi Soldier\":{\"kills\":2,\"attacks\":4,\"hits\":4,\"hit_rate\":1.0}}}");
        assertEquals(
                json("{\"offense\":{\"by_element\":{\"cold\":{\"hits\":40,\"crits\":4,\"damage\":600,\"max_hit\":25},"
                        + "\"void\":{\"hits\":5,\"crits\":0,\"damage\":50,\"max_hit\":12}}},"
                        + "\"monsters\":{\"Olthoi Ripper\":{\"kills\":5,\"attacks\":20,\"hits\":10,\"hit_rate\":0.5},"
                        + "\"Olthoi Soldier\":{\"kills\":2,\"attacks\":4,\"hits\":4,\"hit_rate\":1.0}}}"),
                total);
    }

    @Test
    void aFieldThatChangesKindKeepsTheFirstKind() throws Exception {
        assertEquals(json("{\"x\":1}"), merge("{\"x\":1}", "{\"x\":{\"y\":2}}"));
        assertEquals(json("{\"x\":{\"y\":2}}"), merge("{\"x\":{\"y\":2}}", "{\"x\":1}"));
    }

    @Test
    void noSessionsMergeToAnEmptyObject() throws Exception {
        assertEquals(json("{}"), merge());
    }
}
