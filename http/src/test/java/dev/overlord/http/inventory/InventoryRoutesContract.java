package dev.overlord.http.inventory;

import static dev.overlord.persistence.inventory.SampleItems.armor;
import static dev.overlord.persistence.inventory.SampleItems.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overlord.http.readapi.ReadRoutesTestBase;
import dev.overlord.persistence.inventory.InventoryRows;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /inventory/{character}} and {@code /inventory/search} through the route testkit; per vendor. */
abstract class InventoryRoutesContract extends ReadRoutesTestBase {

    @BeforeAll
    void writeAnInventory() {
        new InventoryRows(database().dataSource(), vendor())
                .change(
                        "Routed",
                        3,
                        T0,
                        true,
                        List.of(
                                armor(1, "Celdon Breastplate", "Soldier's Set", 600, "Legendary Strength")
                                        .set("material", "Steel")
                                        .set("coverage", List.of("Chest", "Abdomen"))
                                        .set("equipped", true)
                                        .set("equipped_slots", List.of("Chest"))
                                        .set("workmanship", 9.5)
                                        .ratings(Map.of("crit_damage", 2))
                                        .json(),
                                item(2, "Gold Ring")
                                        .set("object_class", "Jewelry")
                                        .json()),
                        List.of());
    }

    @Test
    void anInventoryIsItsVersionAndItsItemsAsViews() {
        JsonNode body = ok("/inventory/Routed");
        assertEquals(List.of("character_name", "version", "updated_at", "item_count", "items"), fieldNames(body));
        assertEquals(3, body.path("version").asLong());
        assertEquals(T0.toString(), body.path("updated_at").asText());
        assertEquals(2, body.path("item_count").asInt());
        JsonNode plate = body.path("items").get(0);
        assertEquals("Celdon Breastplate", plate.path("name").asText());
        assertEquals("Soldier's Set", plate.path("armor_set").asText());
        assertEquals(600, plate.path("armor_level").asInt());
        assertEquals("[\"Chest\",\"Abdomen\"]", plate.path("coverage").toString());
        assertEquals("[\"Chest\"]", plate.path("equipped_slots").toString());
        assertEquals("[\"Legendary Strength\"]", plate.path("spells").toString());
        assertEquals(2, plate.path("ratings").path("crit_damage").asInt());
        assertEquals(9.5, plate.path("workmanship").asDouble());
        JsonNode ring = body.path("items").get(1);
        assertFalse(ring.has("armor_level"), "nulls are left out: " + ring);
        assertFalse(ring.has("material"), ring.toString());
    }

    @Test
    void aCharacterNeverSeenIs404() {
        assertEquals("unknown character 'Nobody'", error(404, "/inventory/Nobody"));
    }

    @Test
    void searchAnswersPageAndFacets() {
        JsonNode body = ok("/inventory/search?object_class=Armor,Jewelry&min_rating_crit_damage=1&limit=10");
        assertEquals(List.of("total", "limit", "offset", "items", "facets"), fieldNames(body));
        assertEquals(1, body.path("total").asInt());
        assertEquals(10, body.path("limit").asInt());
        assertEquals("Routed", body.path("items").get(0).path("character_name").asText());
        assertEquals(
                1, body.path("facets").path("armor_set").path("Soldier's Set").asInt());
        // A repeated parameter is any of its values, like a comma list.
        JsonNode repeated = ok("/inventory/search?object_class=Armor&object_class=Jewelry&sort=name&order=desc");
        assertEquals(2, repeated.path("total").asInt());
        assertEquals("Gold Ring", repeated.path("items").get(0).path("name").asText());
        assertEquals(
                2,
                ok("/inventory/search?facets=ignored")
                        .path("facets")
                        .path("object_class")
                        .size());
        assertEquals(
                1,
                ok("/inventory/search?spells_all=legendary%20strength&equipped=true")
                        .path("total")
                        .asInt());
    }

    static String manyMaterials(int n) {
        return String.join(
                ",",
                java.util.stream.IntStream.range(0, n).mapToObj(i -> "m" + i).toList());
    }

    @Test
    void badSearchParametersGet400NamingTheParameter() {
        assertBadParameters(new String[][] {
            {"/inventory/search?limit=501", "limit", "from 1 to 500"},
            {"/inventory/search?limit=0", "limit", "from 1 to 500"},
            {"/inventory/search?offset=-1", "offset", "from 0"},
            {"/inventory/search?min_armor_level=lots", "min_armor_level", "whole number"},
            {"/inventory/search?min_rating_luck=3", "min_rating_luck", "is not a rating"},
            {"/inventory/search?min_rating_crit=x", "min_rating_crit", "whole number"},
            {"/inventory/search?workmanship_min=abc", "workmanship_min", "number"},
            {"/inventory/search?equipped=maybe", "equipped", "true or false"},
            {"/inventory/search?sort=weight", "sort", "expected one of"},
            {"/inventory/search?order=up", "order", "asc or desc"},
            {"/inventory/search?q=" + "x".repeat(129), "q", "longer than 128"},
            {"/inventory/search?characters=" + "c".repeat(65), "characters", "longer than 64"},
            {"/inventory/search?material=" + manyMaterials(51), "material", "more than 50 values"},
        });
    }
}
