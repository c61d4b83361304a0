package dev.overlord.persistence.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Items as the plugin reports them (the journaled JSON), built field by field for tests. */
public final class SampleItems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode node = JSON.createObjectNode();

    private SampleItems(long id, String name) {
        node.put("id", id).put("name", name).put("stack_size", 1);
    }

    public static SampleItems item(long id, String name) {
        return new SampleItems(id, name);
    }

    /** A piece of armour of a set, with its coverage, armour level and spells. */
    public static SampleItems armor(long id, String name, String set, int armorLevel, String... spells) {
        return item(id, name)
                .set("object_class", "Armor")
                .set("armor_set", set)
                .set("armor_level", armorLevel)
                .spells(spells);
    }

    public SampleItems set(String key, Object value) {
        node.set(key, JSON.valueToTree(value));
        return this;
    }

    public SampleItems spells(String... spells) {
        ArrayNode list = node.putArray("spells");
        for (String s : spells) list.add(s);
        return this;
    }

    public SampleItems ratings(Map<String, Integer> ratings) {
        node.set("ratings", JSON.valueToTree(ratings));
        return this;
    }

    public String json() {
        return node.toString();
    }
}
