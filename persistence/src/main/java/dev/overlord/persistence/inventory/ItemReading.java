package dev.overlord.persistence.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.inventory.Item;
import dev.overlord.inventory.Slot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a journaled item's JSON into an {@link Item}: the flat snake_case keys the read side needs.
 * An item without a usable id is not an item (empty).
 */
final class ItemReading {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ItemReading() {}

    static Optional<Item> read(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (!(node instanceof ObjectNode o)) return Optional.empty();
            Long id = longOf(o, "id", "item_id");
            if (id == null) return Optional.empty();
            Map<String, Integer> ratings = new LinkedHashMap<>();
            JsonNode r = o.path("ratings");
            for (String name : Item.RATINGS) {
                Integer v = intOf(r.path(name));
                if (v != null) ratings.put(name, v);
            }
            List<String> spells = new ArrayList<>();
            for (JsonNode s : o.path("spells")) if (s.isTextual()) spells.add(s.asText());
            Long container = longOf(o, "container_id");
            Integer stack = intOf(o.path("stack_size"));
            return Optional.of(new Item(
                    id,
                    textOf(o, "name") == null ? "" : textOf(o, "name"),
                    textOf(o, "object_class"),
                    container == null ? 0 : container,
                    o.path("equipped").asBoolean(false),
                    slots(o.path("equipped_slots")),
                    slots(o.path("coverage")),
                    textOf(o, "material"),
                    textOf(o, "armor_set"),
                    intOf(o.path("armor_level")),
                    intOf(o.path("max_damage")),
                    textOf(o, "damage_type"),
                    doubleOf(o.path("damage_bonus")),
                    intOf(o.path("wield_requirement")),
                    textOf(o, "wield_skill"),
                    spells,
                    ratings,
                    intOf(o.path("tinks")),
                    doubleOf(o.path("workmanship")),
                    intOf(o.path("burden")),
                    intOf(o.path("value")),
                    stack == null ? 1 : stack,
                    intOf(o.path("icon")),
                    o));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Set<Slot> slots(JsonNode list) {
        Set<Slot> slots = EnumSet.noneOf(Slot.class);
        for (JsonNode s : list) {
            Slot slot = Slot.fromWire(s.asText());
            if (slot != null) slots.add(slot);
        }
        return slots;
    }

    private static String textOf(ObjectNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static Long longOf(ObjectNode o, String... keys) {
        for (String k : keys) {
            JsonNode v = o.get(k);
            if (v != null && v.isIntegralNumber()) return v.asLong();
            if (v != null && v.isTextual()) {
                try {
                    return Long.parseLong(v.asText().trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Integer intOf(JsonNode v) {
        if (v == null || !(v.isNumber() || v.isTextual())) return null;
        if (v.isNumber()) return v.canConvertToInt() ? v.asInt() : null;
        try {
            return (int) Double.parseDouble(v.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double doubleOf(JsonNode v) {
        if (v == null || !(v.isNumber() || v.isTextual())) return null;
        if (v.isNumber()) return v.asDouble();
        try {
            return Double.parseDouble(v.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
