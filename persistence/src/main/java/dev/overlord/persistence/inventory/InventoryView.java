package dev.overlord.persistence.inventory;

import dev.overlord.inventory.Item;
import java.time.Instant;
import java.util.List;

/** One character's inventory as the tables hold it: its version, when it last changed and its items. */
public record InventoryView(String characterName, long version, Instant updatedAt, int itemCount, List<Item> items) {
    public InventoryView {
        items = List.copyOf(items);
    }
}
