package dev.overlord.http.inventory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.inventory.Item;
import dev.overlord.inventory.Slot;
import java.util.Map;
import java.util.Set;

/** The item view every inventory endpoint answers with (docs/api.md, "Inventory"); nulls are left out. */
public final class ItemJson {

    private ItemJson() {}

    public static ObjectNode of(Item i) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", i.id()).put("name", i.name());
        text(o, "object_class", i.objectClass());
        o.put("container_id", i.containerId()).put("equipped", i.equipped());
        slots(o.putArray("equipped_slots"), i.equippedSlots());
        slots(o.putArray("coverage"), i.coverage());
        text(o, "material", i.material());
        text(o, "armor_set", i.armorSet());
        number(o, "armor_level", i.armorLevel());
        number(o, "max_damage", i.maxDamage());
        text(o, "damage_type", i.damageType());
        if (i.damageBonus() != null) o.put("damage_bonus", i.damageBonus());
        number(o, "wield_requirement", i.wieldRequirement());
        text(o, "wield_skill", i.wieldSkill());
        ArrayNode spells = o.putArray("spells");
        i.spells().forEach(spells::add);
        ObjectNode ratings = o.putObject("ratings");
        for (String name : Item.RATINGS) {
            Integer v = i.ratings().get(name);
            if (v != null) ratings.put(name, v);
        }
        for (Map.Entry<String, Integer> r : i.ratings().entrySet())
            if (!ratings.has(r.getKey())) ratings.put(r.getKey(), r.getValue());
        number(o, "tinks", i.tinks());
        if (i.workmanship() != null) o.put("workmanship", i.workmanship());
        number(o, "burden", i.burden());
        number(o, "value", i.value());
        o.put("stack_size", i.stackSize());
        number(o, "icon", i.icon());
        return o;
    }

    private static void slots(ArrayNode list, Set<Slot> slots) {
        slots.stream().sorted().map(Slot::wireName).forEach(list::add);
    }

    private static void text(ObjectNode o, String key, String value) {
        if (value != null) o.put(key, value);
    }

    private static void number(ObjectNode o, String key, Integer value) {
        if (value != null) o.put(key, value);
    }
}
