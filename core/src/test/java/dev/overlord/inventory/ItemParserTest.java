package dev.overlord.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An item reads the same from the flat snake_case shape and from the game's property maps. */
class ItemParserTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Item item(String text) {
        return ItemParser.parseOrThrow(json(text));
    }

    @Test
    void aFlatArmourPieceFromTheFrameDocs() {
        Item i = item("""
                { "id": 2147839511, "name": "Olthoi Alduressa Coat", "object_class": "Armor", "container_id": 0,
                  "armor_level": 620, "burden": 1125, "value": 34000, "material": "Gold", "workmanship": 8.0,
                  "equip_mask": "Chest, Abdomen, UpperArms", "armor_set": "Soldier's Set", "tinks": 3,
                  "spells": ["Legendary Focus", {"id": 2, "name": "Epic Willpower"}, {"id": 77}],
                  "crit_damage_rating": 2, "ratings": {"damage_resist": 3, "crit": "1"}, "wield_level": 180 }
                """);
        assertEquals(2147839511L, i.id());
        assertEquals("Olthoi Alduressa Coat", i.name());
        assertEquals("Armor", i.objectClass());
        assertEquals(0L, i.containerId());
        assertEquals(620, i.armorLevel());
        assertEquals(1125, i.burden());
        assertEquals(34000, i.value());
        assertEquals("Gold", i.material());
        assertEquals(8.0, i.workmanship());
        assertEquals(EnumSet.of(Slot.CHEST, Slot.ABDOMEN, Slot.UPPER_ARMS), i.coverage());
        assertEquals("Soldier's Set", i.armorSet());
        assertEquals(3, i.tinks());
        assertEquals(List.of("Legendary Focus", "Epic Willpower", "spell #77"), i.spells());
        assertEquals(Map.of("crit_damage", 2, "damage_resist", 3, "crit", 1), i.ratings());
        assertEquals(180, i.wieldRequirement());
        assertEquals("Level", i.wieldSkill());
        assertFalse(i.equipped());
        assertEquals(1, i.stackSize());
        assertEquals(i.raw(), json(i.raw().toString()));
    }

    @Test
    void theGamesPropertyMapsByIdAndByName() {
        Item i = item("""
                { "Id": -2147127785,
                  "IntValues": {"1": 2, "5": 900, "9": 24576, "10": 8192, "19": 12000, "28": 550, "105": 7,
                                "131": 60, "158": 7, "160": 150, "171": 2, "265": 13, "370": 3, "379": 5, "377": 9},
                  "StringValues": {"1": "Gold Olthoi Amuli Leggings"},
                  "DoubleValues": {"DamageMod": 1.2},
                  "DataIdValues": {"8": 100676436} }
                """);
        assertEquals(0x80000000L + (2147839511L - 0x80000000L), i.id());
        assertEquals("Gold Olthoi Amuli Leggings", i.name());
        assertEquals("Armor", i.objectClass());
        assertEquals(900, i.burden());
        assertEquals(EnumSet.of(Slot.UPPER_LEGS, Slot.LOWER_LEGS), i.coverage());
        assertTrue(i.equipped());
        assertEquals(Set.of(Slot.UPPER_LEGS), i.equippedSlots());
        assertEquals(12000, i.value());
        assertEquals(550, i.armorLevel());
        assertEquals(7.0, i.workmanship());
        assertEquals("Gold", i.material());
        assertEquals(150, i.wieldRequirement());
        assertEquals("Level", i.wieldSkill());
        assertEquals(2, i.tinks());
        assertEquals("Soldier's Set", i.armorSet());
        assertEquals(Map.of("damage", 3, "vitality", 5), i.ratings());
        assertEquals(1.2, i.damageBonus());
        assertEquals(100676436, i.icon());
    }

    @Test
    void snakeCaseMapsWithNamedKeysAndAWeapon() {
        Item i = item("""
                { "item_id": "123", "int_values": {"Damage": 55, "damage_type": 3, "MaterialType": 999,
                  "WieldSkillType": 46, "WieldDifficulty": 375, "EquipmentSetId": 4242},
                  "float_values": {"152": 1.15}, "string_values": {"Name": "  Sword\\u0000 of Lost Light  "} }
                """);
        assertEquals(123L, i.id());
        assertEquals("Sword  of Lost Light", i.name());
        assertEquals(55, i.maxDamage());
        assertEquals("Slash/Pierce", i.damageType());
        assertEquals("material #999", i.material());
        assertEquals("set #4242", i.armorSet());
        assertEquals(375, i.wieldRequirement());
        assertEquals("Finesse Weapons", i.wieldSkill());
        assertEquals(1.15, i.damageBonus());
    }

    @Test
    void boundsAreKept() {
        StringBuilder spells = new StringBuilder("[");
        for (int n = 0; n < 100; n++)
            spells.append(n == 0 ? "" : ",").append("\"s").append(n).append('"');
        spells.append(']');
        Item i = item("{\"id\": 5, \"name\": \"" + "x".repeat(500) + "\", \"spells\": " + spells
                + ", \"armor_level\": 1e12, \"workmanship\": 99, \"stack_size\": -4, \"value\": \"lots\"}");
        assertEquals(ItemParser.MAX_TEXT, i.name().length());
        assertEquals(ItemParser.MAX_SPELLS, i.spells().size());
        assertNull(i.armorLevel());
        assertNull(i.workmanship());
        assertNull(i.value());
        assertEquals(1, i.stackSize());
    }

    @Test
    void anItemWithoutAUsableIdIsRejected() {
        for (String bad : List.of(
                "{}",
                "{\"id\": 0}",
                "{\"id\": \"abc\"}",
                "{\"id\": 1.5}",
                "{\"id\": 99999999999}",
                "{\"id\": {}}",
                "{\"id\": null}")) {
            assertEquals(new ItemParser.Rejected("no_id"), ItemParser.parse(json(bad)), bad);
        }
        assertInstanceOf(
                ItemParser.Rejected.class,
                ItemParser.parse(MAPPER.getNodeFactory().textNode("x")));
        assertInstanceOf(ItemParser.Rejected.class, ItemParser.parse(null));
    }

    @Test
    void equippedFlagWithoutALocationWearsTheCoverage() {
        Item i = item("{\"id\": 9, \"equipped\": true, \"coverage\": [\"Head\", \"Hands\"]}");
        assertTrue(i.equipped());
        assertEquals(EnumSet.of(Slot.HEAD, Slot.HANDS), i.equippedSlots());
        Item ring = item(
                "{\"id\": 10, \"valid_locations\": \"FingerWearLeft|FingerWearRight\", \"equipped_slot\": \"LeftFinger\"}");
        assertEquals(EnumSet.of(Slot.LEFT_FINGER, Slot.RIGHT_FINGER), ring.coverage());
        assertEquals(Set.of(Slot.LEFT_FINGER), ring.equippedSlots());
        assertTrue(ring.equipped());
    }
}
