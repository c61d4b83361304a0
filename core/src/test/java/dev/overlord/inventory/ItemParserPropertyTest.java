package dev.overlord.inventory;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever shape an item has, reading it answers an item within bounds or a rejection with a reason. */
class ItemParserPropertyTest {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final List<String> KEYS = List.of(
            "id",
            "item_id",
            "name",
            "object_class",
            "container_id",
            "material",
            "armor_set",
            "set",
            "armor_level",
            "max_damage",
            "damage",
            "damage_type",
            "damage_bonus",
            "wield_requirement",
            "wield_level",
            "wield_skill",
            "spells",
            "tinks",
            "workmanship",
            "burden",
            "value",
            "stack_size",
            "icon",
            "equipped",
            "current_wielded_location",
            "equipped_slot",
            "equip_mask",
            "valid_locations",
            "coverage",
            "ratings",
            "crit_damage_rating",
            "IntValues",
            "int_values",
            "DoubleValues",
            "StringValues",
            "BoolValues",
            "DataIdValues",
            "1",
            "28",
            "Name");

    @Provide
    Arbitrary<JsonNode> hostile() {
        return value(3);
    }

    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.longs().map(F::numberNode),
                Arbitraries.integers().between(-5, 100_000).map(F::numberNode),
                Arbitraries.doubles().map(F::numberNode),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, 1e300, -0.0)
                        .map(F::numberNode),
                Arbitraries.strings().ofMaxLength(300).map(F::textNode),
                Arbitraries.of("0x10", "Chest, Head", "Slash", "-1", "1e99", "", " ", "Level", "null")
                        .map(F::textNode),
                Arbitraries.of(F.nullNode(), F.booleanNode(true), F.booleanNode(false)));
        if (depth == 0) return leaf;
        Arbitrary<JsonNode> obj = Arbitraries.maps(
                        Arbitraries.oneOf(
                                Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(8)),
                        Arbitraries.lazy(() -> value(depth - 1)))
                .ofMaxSize(12)
                .map(m -> {
                    ObjectNode o = F.objectNode();
                    m.forEach(o::set);
                    return o;
                });
        Arbitrary<JsonNode> arr = Arbitraries.lazy(() -> value(depth - 1))
                .list()
                .ofMaxSize(6)
                .map(l -> {
                    ArrayNode a = F.arrayNode();
                    l.forEach(a::add);
                    return a;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(5, obj), net.jqwik.api.Tuple.of(1, arr));
    }

    @Property
    void neverThrowsAndKeepsBounds(@ForAll("hostile") JsonNode node) {
        ItemParser.Result r = ItemParser.parse(node);
        assertNotNull(r);
        switch (r) {
            case ItemParser.Rejected rej -> assertTrue(rej.reason().matches("[a-z_]+"));
            case ItemParser.Parsed p -> {
                Item i = p.item();
                assertTrue(i.id() > 0 && i.id() <= 0xFFFF_FFFFL);
                for (String s : new String[] {
                    i.name(), i.objectClass(), i.material(), i.armorSet(), i.damageType(), i.wieldSkill()
                }) {
                    assertTrue(s == null || (s.length() <= ItemParser.MAX_TEXT && !s.isBlank() && s.equals(s.strip())));
                }
                assertTrue(i.spells().size() <= ItemParser.MAX_SPELLS);
                assertTrue(i.stackSize() >= 1);
                assertTrue(i.workmanship() == null || (i.workmanship() >= 0 && i.workmanship() <= 10));
                assertTrue(!i.equipped() || i.equippedSlots().size() <= Slot.values().length);
                assertTrue(i.equipped() || i.equippedSlots().isEmpty());
                i.ratings().forEach((k, v) -> assertTrue(Item.RATINGS.contains(k) && v > 0));
            }
        }
    }

    @Property
    void aFlatItemWithAnIdAlwaysReads(@ForAll("hostile") JsonNode node) {
        ObjectNode o = node.isObject() ? ((ObjectNode) node).deepCopy() : F.objectNode();
        o.put("id", 42);
        o.remove(List.of("item_id", "object_id", "Id", "ObjectId"));
        assertTrue(ItemParser.parse(o) instanceof ItemParser.Parsed, () -> o.toString());
    }
}
