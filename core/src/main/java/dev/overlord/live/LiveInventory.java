package dev.overlord.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.character.InventoryFeed;
import dev.overlord.protocol.FrameTypes;

/**
 * Inventory changes on the live feed, once journaled: {@code {"type":"inventory_delta",
 * "character_name", "timestamp", "version", "action"}} with {@code item} (the raw item) for an add
 * or update, {@code item_id} for a remove, and {@code added}/{@code updated}/{@code removed} counts
 * for a snapshot. The plugin's own inventory frames are not forwarded (a full one is too big).
 */
public final class LiveInventory implements InventoryFeed {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LiveHub hub;

    public LiveInventory(LiveHub hub) {
        this.hub = hub;
    }

    @Override
    public void changed(String characterName, Change c) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", FrameTypes.INVENTORY_DELTA)
                .put("character_name", characterName)
                .put("timestamp", c.at().toString())
                .put("version", c.version())
                .put("action", c.action());
        switch (c.action()) {
            case "add", "update" -> {
                try {
                    json.set("item", MAPPER.readTree(c.item()));
                } catch (Exception e) {
                    json.put("item", c.item());
                }
            }
            case "remove" -> json.put("item_id", c.itemId());
            default -> json.put("added", c.added()).put("updated", c.updated()).put("removed", c.removed());
        }
        hub.publishNotice(FrameTypes.INVENTORY_DELTA, characterName, c.at(), json);
    }
}
