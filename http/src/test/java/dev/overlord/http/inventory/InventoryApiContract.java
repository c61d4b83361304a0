package dev.overlord.http.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.ApiContract;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.SocketClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole way: full inventories and deltas sent over a real plugin socket, journaled by the
 * character, projected into the item tables and answered over HTTP by {@code /inventory/{c}} and
 * {@code /inventory/search}.
 */
public abstract class InventoryApiContract extends ApiContract {

    static ObjectNode item(long id, String name) {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", id).put("name", name);
        return item;
    }

    static ObjectNode armor(long id, String name, String set, int armorLevel, String... spells) {
        ObjectNode item = item(id, name)
                .put("object_class", "Armor")
                .put("armor_set", set)
                .put("armor_level", armorLevel);
        ArrayNode list = item.putArray("spells");
        for (String s : spells) list.add(s);
        return item;
    }

    static ObjectNode fullInventory(String type, String character, ObjectNode... items) {
        ObjectNode frame = Frames.of(type, character);
        ArrayNode list = frame.putArray("items");
        for (ObjectNode i : items) list.add(i);
        frame.put("item_count", items.length);
        return frame;
    }

    static ObjectNode delta(String character, String action, ObjectNode item, Long itemId) {
        ObjectNode frame = Frames.of("inventory_delta", character).put("action", action);
        if (item != null) frame.set("item", item);
        if (itemId != null) frame.put("item_id", itemId);
        return frame;
    }

    static List<String> names(JsonNode inventory) {
        List<String> names = new ArrayList<>();
        inventory.path("items").forEach(i -> names.add(i.path("name").asText()));
        return names;
    }

    @Test
    void fullInventoriesAndDeltasFromAPluginAreAnsweredOverHttp() {
        String who = "Inventory Mule";
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(fullInventory(
                    "full_inventory",
                    who,
                    armor(9001, "Celdon Breastplate", "Soldier's Set", 640, "Legendary Strength", "Major Focus")
                            .put("material", "Steel"),
                    armor(9002, "Amuli Leggings", "Soldier's Set", 580, "Major Focus"),
                    item(9003, "Pyreal")));
            JsonNode first = awaitOk(
                    "/inventory/" + enc(who), body -> body.path("item_count").asInt() == 3);
            long version = first.path("version").asLong();
            assertTrue(version >= 1, first.toString());

            plugin.send(delta(who, "update", armor(9002, "Amuli Leggings", "Soldier's Set", 600, "Major Focus"), null))
                    .send(delta(who, "add", item(9004, "Gold Ring").put("object_class", "Jewelry"), null))
                    .send(delta(who, "remove", null, 9003L));
            JsonNode after = awaitOk(
                    "/inventory/" + enc(who), body -> body.path("version").asLong() >= version + 3);
            assertEquals(List.of("Amuli Leggings", "Celdon Breastplate", "Gold Ring"), names(after));
            assertEquals(600, after.path("items").get(0).path("armor_level").asInt());

            // A login resending the inventory: the tables end equal to it.
            plugin.send(fullInventory(
                    "inventory",
                    who,
                    armor(9002, "Amuli Leggings", "Soldier's Set", 600, "Major Focus")
                            .put("coverage", "UpperLegs, LowerLegs"),
                    item(9005, "Mana Stone")));
            JsonNode relogged = awaitOk(
                    "/inventory/" + enc(who), body -> body.path("item_count").asInt() == 2);
            assertEquals(List.of("Amuli Leggings", "Mana Stone"), names(relogged));
        }

        JsonNode found = ok("/inventory/search?characters=" + enc(who) + "&armor_set=" + enc("Soldier's Set")
                + "&spells_all=major%20focus&min_armor_level=590");
        assertEquals(1, found.path("total").asInt(), found.toString());
        JsonNode leggings = found.path("items").get(0);
        assertEquals(who, leggings.path("character_name").asText());
        assertEquals(9002, leggings.path("id").asLong());
        assertEquals(
                1, found.path("facets").path("armor_set").path("Soldier's Set").asInt());

        // Text: the names the projection keeps (item_names) come from the frames too, the login's
        // new item included; a text no name holds finds nothing.
        JsonNode stone = ok("/inventory/search?characters=" + enc(who) + "&q=STONE");
        assertEquals(1, stone.path("total").asInt(), stone.toString());
        assertEquals(9005, stone.path("items").get(0).path("id").asLong());
        JsonNode none = ok("/inventory/search?characters=" + enc(who) + "&q=" + enc("no such name"));
        assertEquals(0, none.path("total").asInt(), none.toString());
        assertEquals(0, none.path("items").size());
    }

    @Test
    void theSuitbuilderStreamsASuitBuiltFromTheItemsAPluginReported() {
        String who = "Suit Mule";
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(fullInventory(
                    "full_inventory",
                    who,
                    armor(9101, "Celdon Girth", "Soldier's Set", 610, "Major Focus")
                            .put("coverage", "Abdomen"),
                    armor(9102, "Amuli Leggings", "Soldier's Set", 600, "Epic Strength")
                            .put("coverage", "UpperLegs, LowerLegs"),
                    armor(9103, "Koujia Leggings", "Adept's Set", 650).put("coverage", "UpperLegs, LowerLegs")));
        }
        awaitOk("/inventory/" + enc(who), body -> body.path("item_count").asInt() == 3);
        var answer = overlord.postJson(
                "/inventory/suitbuilder",
                "{\"primary_set\":{\"name\":\"Soldier's Set\",\"pieces\":2},"
                        + "\"cantrips\":[\"Major Focus\",\"Epic Strength\"],"
                        + "\"characters\":[\"" + who + "\"],\"results\":1,\"time_limit_s\":20}",
                "Cookie",
                overlord.cookieHeader(overlord.sessionCookie()));
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(
                answer.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"),
                answer.headers().toString());
        JsonNode best = null;
        JsonNode done = null;
        // An event is a block of lines ended by a blank line, its data and event lines in any order.
        for (String block : answer.body().split("\r?\n\r?\n")) {
            String event = "";
            String data = "";
            for (String line : block.split("\r?\n")) {
                if (line.startsWith("event:")) event = line.substring(6).strip();
                if (line.startsWith("data:")) data = line.substring(5).strip();
            }
            if (event.equals("result")) best = parse(data);
            if (event.equals("done")) done = parse(data);
        }
        assertTrue(best != null && done != null, answer.body());
        assertEquals("complete", done.path("reason").asText(), done.toString());
        List<Long> ids = new ArrayList<>();
        best.path("items").forEach(i -> ids.add(i.path("item").path("id").asLong()));
        // The two Soldier's pieces carry both cantrips; the Adept's leggings would block the set.
        assertEquals(List.of(9101L, 9102L), ids.stream().sorted().toList(), best.toString());
        assertEquals(List.of(), JSON.convertValue(best.path("missing"), List.class), best.toString());
    }

    @Test
    void anUnknownCharacterIs404AndABadSearchIs400() {
        var unknown = get("/inventory/" + enc("Never Reported"));
        assertEquals(404, unknown.statusCode(), unknown.body());
        var bad = get("/inventory/search?min_rating_luck=1");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(parse(bad.body()).path("error").asText().startsWith("parameter 'min_rating_luck'"), bad.body());
    }
}
