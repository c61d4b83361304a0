package dev.overlord.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one item as a plugin reported it into an {@link Item}. Two shapes are accepted, and may be
 * mixed: a flat object with snake_case keys ({@code armor_level}, {@code equip_mask} ...) and the
 * game's property maps ({@code IntValues}, {@code DoubleValues}, {@code StringValues},
 * {@code BoolValues}, {@code DataIdValues}, or their snake_case spellings) keyed by the game's
 * numeric property ids or by the properties' names. A flat key wins over a property map.
 *
 * <p>Everything is bounded: text is trimmed, stripped of control characters and cut to
 * {@link #MAX_TEXT} characters, at most {@link #MAX_SPELLS} spells are kept, numbers outside a
 * field's range are dropped (left null; the raw item still holds them). Ids the name tables do not
 * know stay visible as {@code "material #N"}, {@code "set #N"}, {@code "skill #N"}. The only
 * rejection is an item without a usable id (a positive 32-bit object id). Thread-safe, never throws.
 */
public final class ItemParser {
    private ItemParser() {}

    /** Longest text kept in a field, in UTF-16 units. */
    public static final int MAX_TEXT = 200;

    /** Most spells kept per item. */
    public static final int MAX_SPELLS = 64;

    /** The outcome of reading one item. */
    public sealed interface Result {}

    /** A usable item. */
    public record Parsed(Item item) implements Result {}

    /** Not an item; {@code reason} is a short label fit for a metric ({@code not_object}, {@code no_id}). */
    public record Rejected(String reason) implements Result {}

    /** Reads one item; never throws. */
    public static Result parse(JsonNode node) {
        if (node == null || !node.isObject()) return new Rejected("not_object");
        try {
            return read((ObjectNode) node);
        } catch (RuntimeException e) {
            // A shape no rule foresaw still only rejects this one item.
            return new Rejected("unreadable");
        }
    }

    /** Reads one item, or throws {@link IllegalArgumentException} with the reason. */
    public static Item parseOrThrow(JsonNode node) {
        return switch (parse(node)) {
            case Parsed p -> p.item();
            case Rejected r -> throw new IllegalArgumentException("item rejected: " + r.reason());
        };
    }

    /** The object id read from an item ({@code id}, {@code item_id}, {@code object_id}), or null when none is usable. */
    public static Long id(JsonNode node) {
        if (node == null || !node.isObject()) return null;
        for (String k : ID_KEYS) {
            Long v = objectId(node.get(k));
            if (v != null) return v;
        }
        return null;
    }

    private static final List<String> ID_KEYS = List.of("id", "item_id", "object_id", "Id", "ObjectId");

    // --- property ids of the game (as the server emulator numbers them) ---
    static final int INT_ITEM_TYPE = 1;
    static final int INT_BURDEN = 5;
    static final int INT_VALID_LOCATIONS = 9;
    static final int INT_CURRENT_WIELDED_LOCATION = 10;
    static final int INT_STACK_SIZE = 12;
    static final int INT_VALUE = 19;
    static final int INT_ARMOR_LEVEL = 28;
    static final int INT_DAMAGE = 44;
    static final int INT_DAMAGE_TYPE = 45;
    static final int INT_WORKMANSHIP = 105;
    static final int INT_MATERIAL = 131;
    static final int INT_WIELD_REQUIREMENTS = 158;
    static final int INT_WIELD_SKILL = 159;
    static final int INT_WIELD_DIFFICULTY = 160;
    static final int INT_NUM_TIMES_TINKERED = 171;
    static final int INT_EQUIPMENT_SET = 265;
    static final int FLOAT_DAMAGE_MOD = 63;
    static final int FLOAT_ELEMENTAL_DAMAGE_MOD = 152;
    static final int FLOAT_WORKMANSHIP = 105;
    static final int STRING_NAME = 1;
    static final int DID_ICON = 8;

    /** Gear rating property ids by rating name (377/378, nether and life resist, stay raw). */
    static final Map<String, Integer> RATING_IDS = Map.of(
            "damage", 370,
            "damage_resist", 371,
            "crit", 372,
            "crit_resist", 373,
            "crit_damage", 374,
            "crit_damage_resist", 375,
            "heal_boost", 376,
            "vitality", 379);

    /** Property names the maps may use instead of ids, normalised (lower case, no separators). */
    private static final Map<String, Integer> INT_NAMES = Map.ofEntries(
            Map.entry("itemtype", INT_ITEM_TYPE),
            Map.entry("encumbranceval", INT_BURDEN),
            Map.entry("burden", INT_BURDEN),
            Map.entry("validlocations", INT_VALID_LOCATIONS),
            Map.entry("currentwieldedlocation", INT_CURRENT_WIELDED_LOCATION),
            Map.entry("stacksize", INT_STACK_SIZE),
            Map.entry("value", INT_VALUE),
            Map.entry("armorlevel", INT_ARMOR_LEVEL),
            Map.entry("damage", INT_DAMAGE),
            Map.entry("damagetype", INT_DAMAGE_TYPE),
            Map.entry("itemworkmanship", INT_WORKMANSHIP),
            Map.entry("workmanship", INT_WORKMANSHIP),
            Map.entry("materialtype", INT_MATERIAL),
            Map.entry("wieldrequirements", INT_WIELD_REQUIREMENTS),
            Map.entry("wieldskilltype", INT_WIELD_SKILL),
            Map.entry("wielddifficulty", INT_WIELD_DIFFICULTY),
            Map.entry("numtimestinkered", INT_NUM_TIMES_TINKERED),
            Map.entry("equipmentsetid", INT_EQUIPMENT_SET),
            Map.entry("geardamage", 370),
            Map.entry("geardamageresist", 371),
            Map.entry("gearcrit", 372),
            Map.entry("gearcritresist", 373),
            Map.entry("gearcritdamage", 374),
            Map.entry("gearcritdamageresist", 375),
            Map.entry("gearhealingboost", 376),
            Map.entry("gearmaxhealth", 379));

    private static final Map<String, Integer> FLOAT_NAMES = Map.of(
            "damagemod", FLOAT_DAMAGE_MOD,
            "elementaldamagemod", FLOAT_ELEMENTAL_DAMAGE_MOD,
            "workmanship", FLOAT_WORKMANSHIP);

    private static final Map<String, Integer> STRING_NAMES = Map.of("name", STRING_NAME);

    private static final Map<String, Integer> DID_NAMES = Map.of("icon", DID_ICON);

    private static final List<String> INT_MAPS = List.of("IntValues", "int_values", "Ints", "ints");
    private static final List<String> FLOAT_MAPS =
            List.of("DoubleValues", "double_values", "FloatValues", "float_values", "Doubles", "doubles");
    private static final List<String> STRING_MAPS = List.of("StringValues", "string_values", "Strings", "strings");
    private static final List<String> BOOL_MAPS = List.of("BoolValues", "bool_values", "Bools", "bools");
    private static final List<String> DID_MAPS =
            List.of("DataIdValues", "data_id_values", "DidValues", "did_values", "DataIDValues");

    /** One item's property maps, by kind, keyed by property id. */
    private record Props(
            Map<Integer, JsonNode> ints,
            Map<Integer, JsonNode> floats,
            Map<Integer, JsonNode> strings,
            Map<Integer, JsonNode> bools,
            Map<Integer, JsonNode> dids) {}

    private static Result read(ObjectNode j) {
        Long id = id(j);
        if (id == null) return new Rejected("no_id");
        Props p = new Props(
                props(j, INT_MAPS, INT_NAMES),
                props(j, FLOAT_MAPS, FLOAT_NAMES),
                props(j, STRING_MAPS, STRING_NAMES),
                props(j, BOOL_MAPS, Map.of()),
                props(j, DID_MAPS, DID_NAMES));

        String name = firstText(j, "name", "Name");
        if (name == null) name = text(p.strings().get(STRING_NAME));

        String objectClass = objectClass(j.get("object_class"));
        if (objectClass == null) objectClass = objectClass(j.get("ObjectClass"));
        if (objectClass == null)
            objectClass = itemTypeName(asInt(number(p.ints().get(INT_ITEM_TYPE), 0, Integer.MAX_VALUE)));

        Long container = objectIdOrZero(first(j, "container_id", "container", "ContainerId"));

        Set<Slot> coverage = slots(first(j, "equip_mask", "valid_locations", "coverage", "ValidLocations"));
        if (coverage.isEmpty()) coverage = slots(p.ints().get(INT_VALID_LOCATIONS));

        JsonNode wieldedNode =
                first(j, "current_wielded_location", "equipped_slot", "equipped_slots", "wielded_location");
        if (wieldedNode == null) wieldedNode = p.ints().get(INT_CURRENT_WIELDED_LOCATION);
        Set<Slot> equippedSlots = slots(wieldedNode);
        JsonNode equippedFlag = j.get("equipped");
        boolean equipped;
        if (equippedFlag != null && equippedFlag.isBoolean()) {
            equipped = equippedFlag.booleanValue();
        } else if (equippedFlag != null && equippedFlag.isValueNode() && !equippedFlag.isNull()) {
            equipped = truthy(equippedFlag);
        } else {
            Long loc = number(wieldedNode, 0, 0xFFFF_FFFFL);
            equipped = !equippedSlots.isEmpty() || (loc != null && loc != 0) || nonBlankText(wieldedNode);
        }
        if (equipped && equippedSlots.isEmpty() && !coverage.isEmpty() && wieldedNode == null) {
            // Reported as worn without saying where: a worn piece takes every slot it covers.
            equippedSlots = coverage;
        }
        if (!equipped) equippedSlots = Set.of();

        String material = named(first(j, "material", "material_type", "Material"), MATERIALS, "material");
        if (material == null) material = named(p.ints().get(INT_MATERIAL), MATERIALS, "material");

        String armorSet = named(first(j, "armor_set", "set", "equipment_set", "ArmorSet"), SETS, "set");
        if (armorSet == null) armorSet = named(p.ints().get(INT_EQUIPMENT_SET), SETS, "set");

        Integer armorLevel = intField(j, p, INT_ARMOR_LEVEL, 0, 100_000, "armor_level", "ArmorLevel");
        Integer maxDamage = intField(j, p, INT_DAMAGE, 0, 100_000, "max_damage", "damage", "Damage");

        String damageType = damageType(first(j, "damage_type", "DamageType"));
        if (damageType == null) damageType = damageType(p.ints().get(INT_DAMAGE_TYPE));

        Double damageBonus = dbl(first(j, "damage_bonus", "damage_mod"), -1000, 1000);
        if (damageBonus == null) damageBonus = dbl(p.floats().get(FLOAT_DAMAGE_MOD), -1000, 1000);
        if (damageBonus == null) {
            damageBonus = dbl(first(j, "elemental_damage_bonus", "elemental_damage_vs_monsters"), -1000, 1000);
        }
        if (damageBonus == null) damageBonus = dbl(p.floats().get(FLOAT_ELEMENTAL_DAMAGE_MOD), -1000, 1000);

        Integer wieldRequirement = intField(
                j, p, INT_WIELD_DIFFICULTY, 0, 1_000_000, "wield_requirement", "wield_level", "wield_difficulty");
        String wieldSkill = wieldSkill(j, p);
        if (wieldRequirement == null) wieldSkill = null;

        List<String> spells = spells(first(j, "spells", "Spells", "spell_names", "spell_ids"));

        Map<String, Integer> ratings = ratings(j, p);

        Integer tinks = intField(j, p, INT_NUM_TIMES_TINKERED, 0, 1000, "tinks", "num_times_tinkered", "tinkers");
        Double workmanship = dbl(first(j, "workmanship", "Workmanship"), 0, 10);
        if (workmanship == null) workmanship = dbl(p.ints().get(INT_WORKMANSHIP), 0, 10);
        if (workmanship == null) workmanship = dbl(p.floats().get(FLOAT_WORKMANSHIP), 0, 10);
        Integer burden = intField(j, p, INT_BURDEN, 0, 10_000_000, "burden", "Burden");
        Integer value = intField(j, p, INT_VALUE, 0, Integer.MAX_VALUE, "value", "Value");
        Integer stack = intField(j, p, INT_STACK_SIZE, 1, 1_000_000, "stack_size", "StackSize");
        Integer icon = asInt(number(first(j, "icon", "Icon"), 0, Integer.MAX_VALUE));
        if (icon == null) icon = asInt(number(p.dids().get(DID_ICON), 0, Integer.MAX_VALUE));

        return new Parsed(new Item(
                id,
                name,
                objectClass,
                container,
                equipped,
                equippedSlots,
                coverage,
                material,
                armorSet,
                armorLevel,
                maxDamage,
                damageType,
                damageBonus,
                wieldRequirement,
                wieldSkill,
                spells,
                ratings,
                tinks,
                workmanship,
                burden,
                value,
                stack == null ? 1 : stack,
                icon,
                j));
    }

    // --- property maps ---

    private static Map<Integer, JsonNode> props(ObjectNode j, List<String> keys, Map<String, Integer> names) {
        Map<Integer, JsonNode> out = new LinkedHashMap<>();
        for (String k : keys) {
            JsonNode m = j.get(k);
            if (m == null) continue;
            if (m.isObject()) {
                var it = m.fields();
                int seen = 0;
                while (it.hasNext() && seen++ < 4096) {
                    var e = it.next();
                    Integer pid = propertyId(e.getKey(), names);
                    if (pid != null) out.putIfAbsent(pid, e.getValue());
                }
            } else if (m.isArray()) {
                // [{"key": 28, "value": 620}, ...]
                int seen = 0;
                for (JsonNode e : m) {
                    if (seen++ >= 4096) break;
                    if (!e.isObject()) continue;
                    JsonNode key = e.has("key") ? e.get("key") : e.get("id");
                    if (key == null || !key.isValueNode()) continue;
                    Integer pid = propertyId(key.asText(), names);
                    if (pid != null && e.has("value")) out.putIfAbsent(pid, e.get("value"));
                }
            }
        }
        return out;
    }

    private static Integer propertyId(String key, Map<String, Integer> names) {
        if (key == null) return null;
        String k = key.trim();
        if (k.isEmpty() || k.length() > 64) return null;
        try {
            long n = Long.parseLong(k);
            return n >= 0 && n <= Integer.MAX_VALUE ? (int) n : null;
        } catch (NumberFormatException e) {
            return names.get(normal(k));
        }
    }

    private static String normal(String s) {
        return s.replaceAll("[\\s_\\-']", "").toLowerCase(Locale.ROOT);
    }

    private static Integer intField(ObjectNode j, Props p, int propId, long min, long max, String... flatKeys) {
        Integer v = asInt(number(first(j, flatKeys), min, max));
        return v != null ? v : asInt(number(p.ints().get(propId), min, max));
    }

    // --- scalar readers: never throw, null when absent or unusable ---

    private static JsonNode first(ObjectNode j, String... keys) {
        for (String k : keys) {
            JsonNode n = j.get(k);
            if (n != null && !n.isNull()) return n;
        }
        return null;
    }

    private static String firstText(ObjectNode j, String... keys) {
        for (String k : keys) {
            String t = text(j.get(k));
            if (t != null) return t;
        }
        return null;
    }

    /** Trimmed, printable, at most {@link #MAX_TEXT} characters; null when blank or not a value. */
    static String text(JsonNode n) {
        if (n == null || n.isNull() || !n.isValueNode()) return null;
        return clean(n.asText());
    }

    static String clean(String s) {
        if (s == null) return null;
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TEXT));
        for (int i = 0; i < s.length() && b.length() < MAX_TEXT; i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (b.length() + 2 > MAX_TEXT) break;
                    b.append(ch).append(s.charAt(++i));
                }
                continue;
            }
            switch (Character.getType(ch)) {
                case Character.CONTROL,
                        Character.FORMAT,
                        Character.SURROGATE,
                        Character.LINE_SEPARATOR,
                        Character.PARAGRAPH_SEPARATOR -> b.append(' ');
                default -> b.append(ch);
            }
        }
        String t = b.toString().strip();
        return t.isEmpty() ? null : t;
    }

    private static boolean nonBlankText(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank();
    }

    /** An integral number within [min, max]: a JSON number or a string holding one (decimal or 0x hex). */
    static Long number(JsonNode n, long min, long max) {
        if (n == null || n.isNull()) return null;
        long v;
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) return null;
            v = n.longValue();
        } else if (n.isNumber()) {
            double d = n.doubleValue();
            if (!Double.isFinite(d) || d != Math.rint(d) || Math.abs(d) > 9e15) return null;
            v = (long) d;
        } else if (n.isTextual()) {
            String s = n.asText().trim();
            if (s.isEmpty() || s.length() > 24) return null;
            try {
                if (s.startsWith("0x") || s.startsWith("0X")) {
                    v = Long.parseLong(s.substring(2), 16);
                } else if (s.contains(".")) {
                    double d = Double.parseDouble(s);
                    if (!Double.isFinite(d) || d != Math.rint(d)) return null;
                    v = (long) d;
                } else {
                    v = Long.parseLong(s);
                }
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return v >= min && v <= max ? v : null;
    }

    private static Integer asInt(Long v) {
        return v == null || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? null : (int) (long) v;
    }

    static Double dbl(JsonNode n, double min, double max) {
        if (n == null || n.isNull()) return null;
        double d;
        if (n.isNumber()) {
            d = n.doubleValue();
        } else if (n.isTextual()) {
            String s = n.asText().trim();
            if (s.isEmpty() || s.length() > 32) return null;
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return Double.isFinite(d) && d >= min && d <= max ? d : null;
    }

    private static boolean truthy(JsonNode n) {
        if (n.isNumber()) return n.doubleValue() != 0;
        String s = n.asText().trim().toLowerCase(Locale.ROOT);
        return s.equals("true") || s.equals("yes") || s.equals("1");
    }

    /**
     * A game object id: 1 to 2^32-1. A negative 32-bit number is the same id read as signed (the
     * game's dynamic ids have the top bit set), so it is read back as unsigned.
     */
    private static Long objectId(JsonNode n) {
        Long v = number(n, Integer.MIN_VALUE, 0xFFFF_FFFFL);
        if (v == null) return null;
        if (v < 0) v = v & 0xFFFF_FFFFL;
        return v == 0 ? null : v;
    }

    private static Long objectIdOrZero(JsonNode n) {
        Long v = objectId(n);
        return v == null ? 0L : v;
    }

    // --- named values ---

    /** A name from the table when the value is a known id, {@code "<what> #N"} for an unknown one, or the text as given. */
    private static String named(JsonNode n, Map<Integer, String> table, String what) {
        if (n == null || n.isNull()) return null;
        Long id = number(n, 0, Integer.MAX_VALUE);
        if (id != null) {
            if (id == 0) return null;
            String known = table.get((int) (long) id);
            return known != null ? known : what + " #" + id;
        }
        return text(n);
    }

    private static String objectClass(JsonNode n) {
        if (n == null || n.isNull()) return null;
        Long id = number(n, 0, Integer.MAX_VALUE);
        if (id != null) {
            String known = OBJECT_CLASSES.get((int) (long) id);
            return known != null ? known : "class #" + id;
        }
        return text(n);
    }

    private static String itemTypeName(Integer type) {
        if (type == null || type == 0) return null;
        for (var e : ITEM_TYPES.entrySet()) {
            if ((type & e.getKey()) != 0) return e.getValue();
        }
        return "type #" + type;
    }

    private static String damageType(JsonNode n) {
        if (n == null || n.isNull()) return null;
        Long mask = number(n, 0, Integer.MAX_VALUE);
        if (mask == null) return text(n);
        if (mask == 0) return null;
        List<String> names = new ArrayList<>();
        long rest = mask;
        for (var e : DAMAGE_TYPES.entrySet()) {
            if ((mask & e.getKey()) != 0) {
                names.add(e.getValue());
                rest &= ~e.getKey();
            }
        }
        if (rest != 0) names.add("damage #" + rest);
        return String.join("/", names);
    }

    private static String wieldSkill(ObjectNode j, Props p) {
        JsonNode flat = first(j, "wield_skill", "wield_skill_type");
        if (flat != null) return named(flat, SKILLS, "skill");
        Long requirementKind = number(p.ints().get(INT_WIELD_REQUIREMENTS), 0, Integer.MAX_VALUE);
        if (requirementKind != null && requirementKind == 7) return "Level";
        String skill = named(p.ints().get(INT_WIELD_SKILL), SKILLS, "skill");
        if (skill != null) return skill;
        // A flat wield_level with no skill named is a level requirement.
        return j.has("wield_level") ? "Level" : null;
    }

    private static List<String> spells(JsonNode n) {
        if (n == null || n.isNull()) return List.of();
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (n.isArray()) {
            int seen = 0;
            for (JsonNode s : n) {
                if (out.size() >= MAX_SPELLS || seen++ >= 4 * MAX_SPELLS) break;
                String name = spellName(s);
                if (name != null) out.add(name);
            }
        } else if (n.isTextual()) {
            for (String part : n.asText().split(",", 4 * MAX_SPELLS)) {
                if (out.size() >= MAX_SPELLS) break;
                String name = clean(part);
                if (name != null) out.add(name);
            }
        }
        return List.copyOf(out);
    }

    private static String spellName(JsonNode s) {
        if (s == null) return null;
        if (s.isObject()) {
            String name = text(s.get("name"));
            if (name != null) return name;
            Long id = number(s.get("id"), 1, Integer.MAX_VALUE);
            return id == null ? null : "spell #" + id;
        }
        if (s.isIntegralNumber()) {
            Long id = number(s, 1, Integer.MAX_VALUE);
            return id == null ? null : "spell #" + id;
        }
        return text(s);
    }

    private static Map<String, Integer> ratings(ObjectNode j, Props p) {
        Map<String, Integer> out = new LinkedHashMap<>();
        JsonNode nested = j.get("ratings");
        for (String r : Item.RATINGS) {
            Integer v = asInt(number(j.get(r + "_rating"), 0, 10_000));
            if (v == null && nested != null && nested.isObject()) v = asInt(number(nested.get(r), 0, 10_000));
            if (v == null) v = asInt(number(p.ints().get(RATING_IDS.get(r)), 0, 10_000));
            if (v != null && v != 0) out.put(r, v);
        }
        return out;
    }

    // --- slots ---

    /** Slots from a bit mask (number) or a comma list / array of slot or location names. */
    static Set<Slot> slots(JsonNode n) {
        if (n == null || n.isNull()) return Set.of();
        Long mask = number(n, 0, 0xFFFF_FFFFL);
        if (mask != null) return slotsOfMask(mask);
        EnumSet<Slot> out = EnumSet.noneOf(Slot.class);
        if (n.isTextual()) {
            String s = n.asText();
            if (s.length() > 4096) return Set.of();
            for (String part : s.split("[,|;]")) addNamed(out, part);
        } else if (n.isArray()) {
            int seen = 0;
            for (JsonNode e : n) {
                if (seen++ >= 64) break;
                if (e.isTextual()) addNamed(out, e.asText());
                else {
                    Long m = number(e, 0, 0xFFFF_FFFFL);
                    if (m != null) out.addAll(slotsOfMask(m));
                }
            }
        }
        return out.isEmpty() ? Set.of() : out;
    }

    private static void addNamed(EnumSet<Slot> out, String name) {
        if (name == null || name.length() > 64) return;
        Slot s = Slot.fromWire(name.trim());
        if (s != null) {
            out.add(s);
            return;
        }
        Long bits = LOCATION_NAMES.get(normal(name));
        if (bits != null) out.addAll(slotsOfMask(bits));
    }

    static Set<Slot> slotsOfMask(long mask) {
        EnumSet<Slot> out = EnumSet.noneOf(Slot.class);
        for (var e : MASK_SLOTS.entrySet()) {
            if ((mask & e.getKey()) != 0) out.add(e.getValue());
        }
        return out;
    }

    /**
     * The game's equip mask bits (ValidLocations / CurrentWieldedLocation) that are wearable slots.
     * Weapon, shield, ammunition and sigil bits have no {@link Slot} and are dropped (kept raw).
     */
    static final Map<Long, Slot> MASK_SLOTS = orderedMap(
            0x1L, Slot.HEAD, // HeadWear
            0x2L, Slot.SHIRT, // ChestWear (shirt)
            0x4L, Slot.PANTS, // AbdomenWear (pants)
            0x8L, Slot.SHIRT, // UpperArmWear
            0x10L, Slot.SHIRT, // LowerArmWear
            0x20L, Slot.HANDS, // HandWear
            0x40L, Slot.PANTS, // UpperLegWear
            0x80L, Slot.PANTS, // LowerLegWear
            0x100L, Slot.FEET, // FootWear
            0x200L, Slot.CHEST, // ChestArmor
            0x400L, Slot.ABDOMEN, // AbdomenArmor
            0x800L, Slot.UPPER_ARMS, // UpperArmArmor
            0x1000L, Slot.LOWER_ARMS, // LowerArmArmor
            0x2000L, Slot.UPPER_LEGS, // UpperLegArmor
            0x4000L, Slot.LOWER_LEGS, // LowerLegArmor
            0x8000L, Slot.NECK, // NeckWear
            0x10000L, Slot.LEFT_WRIST, // WristWearLeft
            0x20000L, Slot.RIGHT_WRIST, // WristWearRight
            0x40000L, Slot.LEFT_FINGER, // FingerWearLeft
            0x80000L, Slot.RIGHT_FINGER, // FingerWearRight
            0x4000000L, Slot.TRINKET, // TrinketOne
            0x8000000L, Slot.CLOAK); // Cloak

    /** The game's equip mask names, normalised, as bits (so "ChestArmor" or "UpperArmWear" read too). */
    private static final Map<String, Long> LOCATION_NAMES = Map.ofEntries(
            Map.entry("headwear", 0x1L),
            Map.entry("chestwear", 0x2L),
            Map.entry("abdomenwear", 0x4L),
            Map.entry("upperarmwear", 0x8L),
            Map.entry("lowerarmwear", 0x10L),
            Map.entry("handwear", 0x20L),
            Map.entry("upperlegwear", 0x40L),
            Map.entry("lowerlegwear", 0x80L),
            Map.entry("footwear", 0x100L),
            Map.entry("chestarmor", 0x200L),
            Map.entry("abdomenarmor", 0x400L),
            Map.entry("upperarmarmor", 0x800L),
            Map.entry("lowerarmarmor", 0x1000L),
            Map.entry("upperlegarmor", 0x2000L),
            Map.entry("lowerlegarmor", 0x4000L),
            Map.entry("neckwear", 0x8000L),
            Map.entry("wristwearleft", 0x10000L),
            Map.entry("wristwearright", 0x20000L),
            Map.entry("fingerwearleft", 0x40000L),
            Map.entry("fingerwearright", 0x80000L),
            Map.entry("trinketone", 0x4000000L),
            Map.entry("arms", 0x800L | 0x1000L),
            Map.entry("legs", 0x2000L | 0x4000L),
            Map.entry("shirt", 0x2L),
            Map.entry("pants", 0x4L),
            Map.entry("necklace", 0x8000L),
            Map.entry("bracelet", 0x10000L | 0x20000L),
            Map.entry("ring", 0x40000L | 0x80000L));

    // --- the game's ids by name: what a client writing the game's form (the simulator) needs ---

    /** The game's object class number of {@code name}, if the tables know it. */
    public static Optional<Integer> objectClassId(String name) {
        return keyOf(OBJECT_CLASSES, name);
    }

    /** The game's ItemType bit of an object class {@code name}, if it has one. */
    public static Optional<Long> itemTypeBit(String name) {
        return keyOf(ITEM_TYPES, name);
    }

    /** The game's MaterialType id of {@code name}. */
    public static Optional<Integer> materialId(String name) {
        return keyOf(MATERIALS, name);
    }

    /** The game's EquipmentSet id of {@code name}. */
    public static Optional<Integer> setId(String name) {
        return keyOf(SETS, name);
    }

    /** The game's skill id of {@code name}. */
    public static Optional<Integer> skillId(String name) {
        return keyOf(SKILLS, name);
    }

    /** The game's DamageType bit of {@code name}. */
    public static Optional<Long> damageTypeBit(String name) {
        return keyOf(DAMAGE_TYPES, name);
    }

    /** The gear rating property id of a rating {@code name} ({@link Item#RATINGS}). */
    public static Optional<Integer> ratingId(String name) {
        return Optional.ofNullable(RATING_IDS.get(name));
    }

    /** The equip mask bits that read as {@code slot}. */
    public static long slotBits(Slot slot) {
        long bits = 0;
        for (var e : MASK_SLOTS.entrySet()) {
            if (e.getValue() == slot) bits |= e.getKey();
        }
        return bits;
    }

    private static <K, V> Optional<K> keyOf(Map<K, V> table, V value) {
        for (var e : table.entrySet()) {
            if (e.getValue() != null && e.getValue().equals(value)) return Optional.of(e.getKey());
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> orderedMap(Object... kv) {
        Map<K, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((K) kv[i], (V) kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    // --- name tables ---

    /** Object classes as the client plugin framework numbers them. */
    static final Map<Integer, String> OBJECT_CLASSES = table(
            "Unknown",
            "MeleeWeapon",
            "Armor",
            "Clothing",
            "Jewelry",
            "Monster",
            "Food",
            "Money",
            "Misc",
            "MissileWeapon",
            "Container",
            "Gem",
            "SpellComponent",
            "Key",
            "Portal",
            "TradeNote",
            "ManaStone",
            "Plant",
            "BaseCooking",
            "BaseAlchemy",
            "BaseFletching",
            "CraftedCooking",
            "CraftedAlchemy",
            "CraftedFletching",
            "Player",
            "Vendor",
            "Door",
            "Corpse",
            "Lifestone",
            "HealingKit",
            "Lockpick",
            "WandStaffOrb",
            "Bundle",
            "Book",
            "Journal",
            "Sign",
            "Housing",
            "Npc",
            "Foci",
            "Salvage",
            "Ust",
            "Services",
            "Scroll");

    /** The game's ItemType bits, first match names the class when no object class is reported. */
    private static final Map<Long, String> ITEM_TYPES = orderedMap(
            0x1L, "MeleeWeapon",
            0x2L, "Armor",
            0x4L, "Clothing",
            0x8L, "Jewelry",
            0x10L, "Monster",
            0x20L, "Food",
            0x40L, "Money",
            0x100L, "MissileWeapon",
            0x200L, "Container",
            0x800L, "Gem",
            0x1000L, "SpellComponent",
            0x4000L, "Key",
            0x8000L, "WandStaffOrb",
            0x10000L, "Portal",
            0x40000L, "TradeNote",
            0x80000L, "ManaStone",
            0x80L, "Misc");

    /** The game's DamageType bits; a mask of several reads "Slash/Pierce". */
    private static final Map<Long, String> DAMAGE_TYPES = orderedMap(
            0x1L, "Slash",
            0x2L, "Pierce",
            0x4L, "Bludgeon",
            0x8L, "Cold",
            0x10L, "Fire",
            0x20L, "Acid",
            0x40L, "Electric",
            0x80L, "Health",
            0x100L, "Stamina",
            0x200L, "Mana",
            0x400L, "Nether");

    /** The game's MaterialType ids 1 to 77. */
    static final Map<Integer, String> MATERIALS = table(
            null,
            "Ceramic",
            "Porcelain",
            "Cloth",
            "Linen",
            "Satin",
            "Silk",
            "Velvet",
            "Wool",
            "Gem",
            "Agate",
            "Amber",
            "Amethyst",
            "Aquamarine",
            "Azurite",
            "Black Garnet",
            "Black Opal",
            "Bloodstone",
            "Carnelian",
            "Citrine",
            "Diamond",
            "Emerald",
            "Fire Opal",
            "Green Garnet",
            "Green Jade",
            "Hematite",
            "Imperial Topaz",
            "Jet",
            "Lapis Lazuli",
            "Lavender Jade",
            "Malachite",
            "Moonstone",
            "Onyx",
            "Opal",
            "Peridot",
            "Red Garnet",
            "Red Jade",
            "Rose Quartz",
            "Ruby",
            "Sapphire",
            "Smokey Quartz",
            "Sunstone",
            "Tiger Eye",
            "Tourmaline",
            "Turquoise",
            "White Jade",
            "White Quartz",
            "White Sapphire",
            "Yellow Garnet",
            "Yellow Topaz",
            "Zircon",
            "Ivory",
            "Leather",
            "Armoredillo Hide",
            "Gromnie Hide",
            "Reed Shark Hide",
            "Metal",
            "Brass",
            "Bronze",
            "Copper",
            "Gold",
            "Iron",
            "Pyreal",
            "Silver",
            "Steel",
            "Stone",
            "Alabaster",
            "Granite",
            "Marble",
            "Obsidian",
            "Sandstone",
            "Serpentine",
            "Wood",
            "Ebony",
            "Mahogany",
            "Oak",
            "Pine",
            "Teak");

    /** The game's EquipmentSet ids for the armour sets players build suits from. */
    static final Map<Integer, String> SETS = Map.ofEntries(
            Map.entry(4, "Carraida's Benediction"),
            Map.entry(5, "Noble Relic Set"),
            Map.entry(6, "Ancient Relic Set"),
            Map.entry(7, "Relic Alduressa Set"),
            Map.entry(8, "Shou-jen Set"),
            Map.entry(9, "Empyrean Rings Set"),
            Map.entry(10, "Arm, Mind, Heart Set"),
            Map.entry(11, "Coat of the Perfect Light Set"),
            Map.entry(12, "Leggings of Perfect Light Set"),
            Map.entry(13, "Soldier's Set"),
            Map.entry(14, "Adept's Set"),
            Map.entry(15, "Archer's Set"),
            Map.entry(16, "Defender's Set"),
            Map.entry(17, "Tinker's Set"),
            Map.entry(18, "Crafter's Set"),
            Map.entry(19, "Hearty Set"),
            Map.entry(20, "Dexterous Set"),
            Map.entry(21, "Wise Set"),
            Map.entry(22, "Swift Set"),
            Map.entry(23, "Hardened Set"),
            Map.entry(24, "Reinforced Set"),
            Map.entry(25, "Interlocking Set"),
            Map.entry(26, "Flame Proof Set"),
            Map.entry(27, "Acid Proof Set"),
            Map.entry(28, "Cold Proof Set"),
            Map.entry(29, "Lightning Proof Set"),
            Map.entry(30, "Society Armor Set"),
            Map.entry(31, "Colosseum Clothing Set"),
            Map.entry(32, "Graveyard Clothing Set"),
            Map.entry(33, "Olthoi Clothing Set"),
            Map.entry(34, "Noobie Armor Set"),
            Map.entry(35, "Aetheria Defense Set"),
            Map.entry(36, "Aetheria Destruction Set"),
            Map.entry(37, "Aetheria Fury Set"),
            Map.entry(38, "Aetheria Growth Set"),
            Map.entry(39, "Aetheria Vigor Set"),
            Map.entry(40, "Rare Damage Resistance Set"),
            Map.entry(41, "Rare Damage Boost Set"));

    /** The game's skill ids that wield requirements name. */
    static final Map<Integer, String> SKILLS = Map.ofEntries(
            Map.entry(6, "Melee Defense"),
            Map.entry(7, "Missile Defense"),
            Map.entry(15, "Magic Defense"),
            Map.entry(31, "Creature Enchantment"),
            Map.entry(32, "Item Enchantment"),
            Map.entry(33, "Life Magic"),
            Map.entry(34, "War Magic"),
            Map.entry(41, "Two Handed Combat"),
            Map.entry(43, "Void Magic"),
            Map.entry(44, "Heavy Weapons"),
            Map.entry(45, "Light Weapons"),
            Map.entry(46, "Finesse Weapons"),
            Map.entry(47, "Missile Weapons"),
            Map.entry(48, "Shield"),
            Map.entry(49, "Dual Wield"),
            Map.entry(50, "Recklessness"),
            Map.entry(51, "Sneak Attack"),
            Map.entry(52, "Dirty Fighting"),
            Map.entry(54, "Summoning"));

    private static Map<Integer, String> table(String... names) {
        Map<Integer, String> m = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) m.put(i, names[i]);
        }
        return Map.copyOf(m);
    }
}
