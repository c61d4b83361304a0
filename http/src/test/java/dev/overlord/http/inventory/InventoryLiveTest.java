package dev.overlord.http.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inventory frames over a real plugin socket reach browsers as the entity's {@code inventory_delta}
 * notices, numbered by the inventory's version, never as the raw frames.
 */
class InventoryLiveTest {
    @RegisterExtension
    static final RunningServer overlord = RunningServer.create();

    static ObjectNode item(ObjectNode parent, long id, String name, int value) {
        return parent.put("id", id)
                .put("name", name)
                .put("object_class", "Armor")
                .put("value", value);
    }

    @Test
    void aLoginAndItsDeltasArriveAsVersionedNotices() {
        String name = "Inventoria";
        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            ObjectNode login = Frames.of("full_inventory", name).put("timestamp", "2025-06-14T08:00:00Z");
            var items = login.putArray("items");
            item(items.addObject(), 2148001101L, "Gelidite Robe", 16500);
            item(items.addObject(), 2148001102L, "Olthoi Helm", 9000);
            items.add("not an item");
            plugin.send(login);
            plugin.send(login.deepCopy().put("timestamp", "2025-06-14T08:00:05Z")); // a resend: no change
            ObjectNode add = Frames.of("inventory_delta", name)
                    .put("timestamp", "2025-06-14T08:01:00Z")
                    .put("action", "add");
            item(add.putObject("item"), 2148003391L, "Platinum Heavy Crossbow", 7420);
            plugin.send(add);
            plugin.send(add); // a duplicate: ignored
            plugin.send(Frames.of("inventory_delta", name)
                    .put("timestamp", "2025-06-14T08:02:00Z")
                    .put("action", "remove")
                    .put("item_id", 2148001102L));

            List<JsonNode> notices = browser.awaitCount(j -> Frames.isEvent(j, "inventory_delta", name), 3);
            assertEquals(
                    List.of(1L, 2L, 3L),
                    notices.stream().map(j -> j.path("version").asLong()).toList());
            assertEquals(
                    List.of("snapshot", "add", "remove"),
                    notices.stream().map(j -> j.path("action").asText()).toList());
            assertEquals(2, notices.get(0).path("added").asInt());
            assertEquals(
                    "Platinum Heavy Crossbow",
                    notices.get(1).path("item").path("name").asText());
            assertEquals(2148001102L, notices.get(2).path("item_id").asLong());
            assertTrue(
                    browser.events().stream().noneMatch(j -> Frames.isEvent(j, "full_inventory", name)),
                    "the raw dump is not forwarded");
            SocketClient.waiting("the ignored reports counted")
                    .until(() -> overlord.metric("overlord_inventory_ignored_total", "reason", "duplicate") >= 1
                            && overlord.metric("overlord_inventory_ignored_total", "reason", "bad_item") >= 1);
            assertFalse(plugin.isClosed());
        }
    }
}
