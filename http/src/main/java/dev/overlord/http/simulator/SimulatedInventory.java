package dev.overlord.http.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.inventory.ItemParser;
import dev.overlord.inventory.Slot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A pretend character's belongings, as a plugin reports them: a worn suit of set armour, jewellery,
 * a shirt and pants, a wielded weapon, packs holding spare armour, jewellery, weapons and stacks of
 * consumables; 100 to 250 items. Most items use the flat keys of docs/frames.md, a few the nested
 * {@code IntValues} / {@code DoubleValues} / {@code StringValues} / {@code BoolValues} form, so that
 * both shapes flow. After login it changes as play changes it: loot is added, stacks shrink and
 * items are tinkered, things are sold or dropped. Not thread-safe.
 */
final class SimulatedInventory {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final String[] SETS = {
        "Soldier's Set",
        "Adept's Set",
        "Archer's Set",
        "Defender's Set",
        "Tinker's Set",
        "Crafter's Set",
        "Hearty Set",
        "Dexterous Set",
        "Wise Set",
        "Swift Set",
        "Hardened Set",
        "Reinforced Set",
        "Interlocking Set",
        "Flame Proof Set",
        "Acid Proof Set",
        "Cold Proof Set",
        "Lightning Proof Set"
    };
    private static final String[] ARMOR_MATERIALS = {"Steel", "Iron", "Bronze", "Leather", "Reed Shark Hide", "Silver"};
    private static final String[] CLOTH_MATERIALS = {"Satin", "Silk", "Linen", "Velvet", "Wool"};
    private static final String[] METALS = {"Gold", "Silver", "Copper", "Brass", "Pyreal", "Iron"};
    private static final String[] GEMS = {"Jet", "Onyx", "Sapphire", "Ruby", "Diamond", "Black Opal", "Fire Opal"};
    private static final String[] TIERS = {"Major", "Epic", "Legendary"};
    private static final String[] ARMOR_CANTRIPS = {
        "Strength",
        "Endurance",
        "Coordination",
        "Quickness",
        "Focus",
        "Willpower",
        "Invulnerability",
        "Impregnability",
        "Magic Resistance",
        "Armor",
        "Life Magic Aptitude",
        "War Magic Aptitude",
        "Heavy Weapon Aptitude",
        "Finesse Weapon Aptitude",
        "Two Handed Combat Aptitude",
        "Missile Weapon Aptitude",
        "Healing Prowess",
        "Mana Conversion Prowess",
        "Deception Prowess",
        "Acid Bane",
        "Flame Bane",
        "Frost Bane",
        "Storm Bane",
        "Blade Bane",
        "Piercing Bane",
        "Bludgeoning Bane",
        "Sprint",
        "Jumping Prowess"
    };
    private static final String[] ITEM_SPELLS = {
        "Impenetrability VII", "Blade Bane VII", "Acid Bane VII", "Flame Bane VII", "Brogard's Defiance"
    };
    /** An armour piece: its name and the slots it covers (wire names). */
    private record Piece(String name, String coverage) {}

    private static final Piece[] PIECES = {
        new Piece("Helm", "Head"),
        new Piece("Coif", "Head"),
        new Piece("Breastplate", "Chest"),
        new Piece("Cuirass", "Chest, Abdomen"),
        new Piece("Coat", "Chest, Abdomen, UpperArms, LowerArms"),
        new Piece("Hauberk", "Chest, Abdomen, UpperArms, LowerArms"),
        new Piece("Shirt of Mail", "Chest, UpperArms"),
        new Piece("Girth", "Abdomen"),
        new Piece("Pauldrons", "UpperArms"),
        new Piece("Vambraces", "LowerArms"),
        new Piece("Sleeves", "UpperArms, LowerArms"),
        new Piece("Gauntlets", "Hands"),
        new Piece("Tassets", "UpperLegs"),
        new Piece("Greaves", "LowerLegs"),
        new Piece("Leggings", "Abdomen, UpperLegs, LowerLegs"),
        new Piece("Pants", "UpperLegs, LowerLegs"),
        new Piece("Sollerets", "Feet"),
        new Piece("Boots", "Feet"),
    };
    /** The worn suit: every armour area once (helm, coat, gauntlets, tassets, greaves, sollerets). */
    private static final int[] SUIT = {0, 4, 11, 12, 13, 16};

    private static final String[][] WEAPONS = {
        // name, object class, damage type, wield skill
        {"Atlan Axe", "MeleeWeapon", "Slash", "Heavy Weapons"},
        {"Dericost Blade", "MeleeWeapon", "Slash", "Heavy Weapons"},
        {"Ornate Spear", "MeleeWeapon", "Pierce", "Finesse Weapons"},
        {"Frost Ken", "MeleeWeapon", "Cold", "Finesse Weapons"},
        {"Greatsword of Flame", "MeleeWeapon", "Fire", "Two Handed Combat"},
        {"Lightning Nekode", "MeleeWeapon", "Electric", "Light Weapons"},
        {"Acid Mace", "MeleeWeapon", "Acid", "Light Weapons"},
        {"Slashing Compound Bow", "MissileWeapon", "Slash", "Missile Weapons"},
        {"Fire Heavy Crossbow", "MissileWeapon", "Fire", "Missile Weapons"},
        {"Wand of the Frore Crystal", "WandStaffOrb", "Cold", "War Magic"},
        {"Staff of Lightning", "WandStaffOrb", "Electric", "War Magic"},
        {"Orb of Acid", "WandStaffOrb", "Acid", "Void Magic"},
    };
    private static final String[][] JEWELLERY = {
        // name, slot (equipped_slot when worn)
        {"Ring", "LeftFinger"},
        {"Signet Ring", "RightFinger"},
        {"Bracelet", "LeftWrist"},
        {"Heavy Bracelet", "RightWrist"},
        {"Necklace", "Neck"},
        {"Amulet", "Neck"},
        {"Gorget", "Neck"},
    };
    private static final String[][] STACKS = {
        // name, object class, burden each, value each, largest stack
        {"Mana Stone", "ManaStone", "50", "1000", "25"},
        {"Prismatic Taper", "SpellComponent", "1", "10", "500"},
        {"Scarab of Platinum", "SpellComponent", "1", "200", "100"},
        {"Healing Kit", "HealingKit", "60", "500", "50"},
        {"Pyreal Mote", "Misc", "5", "100", "100"},
        {"Health Draught", "Food", "20", "150", "40"},
        {"Trade Note (250,000)", "TradeNote", "1", "250000", "20"},
        {"Arrowhead", "Misc", "1", "5", "250"},
    };

    private final Random random;
    private long nextId;
    /** Everything held, by id, in the order acquired. */
    private final Map<Long, ObjectNode> held = new LinkedHashMap<>();

    private final List<Long> packs = new ArrayList<>();

    SimulatedInventory(Random random, long firstId) {
        this.random = random;
        this.nextId = firstId;
    }

    long takeId() {
        return nextId++;
    }

    int size() {
        return held.size();
    }

    /** A fresh inventory (replacing what was held): what a plugin sends on login. */
    ArrayNode login() {
        held.clear();
        packs.clear();
        String set = SETS[random.nextInt(SETS.length)];
        for (int p : SUIT) {
            ObjectNode piece = armor(PIECES[p], set, true, 0);
            // The gauntlets as the game's property maps: a worn item in the nested shape.
            keep(PIECES[p].name().equals("Gauntlets") ? nested(piece) : piece);
        }
        keep(clothing("Shirt", true, 0));
        keep(clothing("Pants", true, 0));
        for (int j = 0; j < 5; j++) {
            String[] kind = JEWELLERY[j];
            keep(jewel(kind, true, 0));
        }
        keep(weapon(WEAPONS[random.nextInt(WEAPONS.length)], true, 0));
        int packCount = 3 + random.nextInt(5);
        for (int i = 0; i < packCount; i++) {
            ObjectNode pack = base(i == 0 ? "Pack" : random.nextBoolean() ? "Sack" : "Pack", "Container", 0);
            pack.put("burden", 75);
            pack.put("value", 120);
            pack.put("items_capacity", 24);
            keep(pack);
            packs.add(pack.path("id").asLong());
        }
        int target = 100 + random.nextInt(151);
        while (held.size() < target) keep(loot());
        ArrayNode items = JSON.arrayNode();
        held.values().forEach(items::add);
        return items;
    }

    /** One change, as a plugin reports it: loot picked up, a stack or tinks changed, or an item sold or dropped. */
    ObjectNode delta(ObjectNode frame) {
        double roll = random.nextDouble();
        List<ObjectNode> loose = held.values().stream()
                .filter(i -> i.has("name")
                        && !i.path("equipped").asBoolean(false)
                        && !"Container".equals(i.path("object_class").asText()))
                .toList();
        if (roll < 0.5 || loose.size() < 20) {
            ObjectNode item = keep(loot());
            frame.put("action", "add");
            frame.set("item", item);
            return frame;
        }
        ObjectNode pick = loose.get(random.nextInt(loose.size()));
        if (roll < 0.8) {
            ObjectNode updated = pick.deepCopy();
            if (updated.has("stack_size") && updated.path("stack_size").asInt() > 1) {
                updated.put("stack_size", updated.path("stack_size").asInt() - 1 - random.nextInt(3));
                if (updated.path("stack_size").asInt() < 1) updated.put("stack_size", 1);
            } else if (updated.has("tinks")) {
                updated.put("tinks", Math.min(10, updated.path("tinks").asInt() + 1));
                if (updated.has("armor_level"))
                    updated.put("armor_level", updated.path("armor_level").asInt() + 20);
            } else {
                updated.put("value", updated.path("value").asInt() + 1 + random.nextInt(500));
            }
            held.put(updated.path("id").asLong(), updated);
            frame.put("action", "update");
            frame.set("item", updated);
            return frame;
        }
        long id = pick.path("id").asLong();
        held.remove(id);
        frame.put("action", "remove");
        frame.put("item_id", id);
        return frame;
    }

    private ObjectNode keep(ObjectNode item) {
        held.put(item.path("id").asLong(), item);
        return item;
    }

    private long somePack() {
        return packs.isEmpty() ? 0 : packs.get(random.nextInt(packs.size()));
    }

    private ObjectNode loot() {
        int kind = random.nextInt(100);
        long in = somePack();
        ObjectNode item;
        if (kind < 40) {
            item = armor(PIECES[random.nextInt(PIECES.length)], SETS[random.nextInt(SETS.length)], false, in);
        } else if (kind < 55) {
            item = jewel(JEWELLERY[random.nextInt(JEWELLERY.length)], false, in);
        } else if (kind < 62) {
            item = clothing(random.nextBoolean() ? "Shirt" : "Pants", false, in);
        } else if (kind < 75) {
            item = weapon(WEAPONS[random.nextInt(WEAPONS.length)], false, in);
        } else {
            item = stack(STACKS[random.nextInt(STACKS.length)], in);
        }
        // Now and then the plugin reports an item as the game's property maps rather than flat.
        return random.nextInt(12) == 0 ? nested(item) : item;
    }

    private ObjectNode base(String name, String objectClass, long containerId) {
        ObjectNode it = JSON.objectNode();
        it.put("id", takeId());
        it.put("name", name);
        it.put("object_class", objectClass);
        it.put("container_id", containerId);
        it.put("icon", 0x06000000 + random.nextInt(0x8000));
        return it;
    }

    private void wear(ObjectNode it, boolean equipped, String slots) {
        if (!equipped) return;
        it.put("equipped", true);
        it.put("equipped_slot", slots);
        it.put("current_wielded_location", slots);
    }

    private void cantrips(ObjectNode it, int most) {
        ArrayNode spells = it.putArray("spells");
        int n = random.nextInt(most + 1);
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < n) {
            String s = ARMOR_CANTRIPS[random.nextInt(ARMOR_CANTRIPS.length)];
            if (chosen.stream().noneMatch(c -> c.endsWith(" " + s))) {
                chosen.add(TIERS[weightedTier()] + " " + s);
            }
        }
        chosen.forEach(spells::add);
        if (random.nextInt(3) == 0) spells.add(ITEM_SPELLS[random.nextInt(ITEM_SPELLS.length)]);
    }

    private int weightedTier() {
        int r = random.nextInt(10);
        return r < 6 ? 0 : r < 9 ? 1 : 2;
    }

    private void ratings(ObjectNode it, String... names) {
        if (random.nextInt(3) != 0) return;
        ObjectNode r = it.putObject("ratings");
        for (String n : names) if (random.nextBoolean()) r.put(n, 1 + random.nextInt(3));
        if (r.isEmpty()) r.put(names[0], 1 + random.nextInt(3));
    }

    private void crafted(ObjectNode it, String[] materials) {
        it.put("material", materials[random.nextInt(materials.length)]);
        it.put("workmanship", Math.round((4 + random.nextDouble() * 6) * 10) / 10.0);
        it.put("tinks", random.nextInt(5) == 0 ? random.nextInt(10) : 0);
    }

    private void wield(ObjectNode it, String skill) {
        int r = random.nextInt(4);
        if (r == 0) return;
        if ("Level".equals(skill) || r == 1) {
            it.put("wield_requirement", new int[] {150, 180}[random.nextInt(2)]);
            it.put("wield_skill", "Level");
        } else {
            it.put("wield_requirement", new int[] {300, 325, 350, 375, 385, 400, 420}[random.nextInt(7)]);
            it.put("wield_skill", skill);
        }
    }

    private ObjectNode armor(Piece piece, String set, boolean equipped, long containerId) {
        String material = ARMOR_MATERIALS[random.nextInt(ARMOR_MATERIALS.length)];
        String setWord = set.replace(" Set", "");
        ObjectNode it = base(setWord + " " + material + " " + piece.name(), "Armor", containerId);
        it.put("armor_set", set);
        it.put("coverage", piece.coverage());
        it.put("armor_level", 400 + random.nextInt(26) * 10);
        crafted(it, new String[] {material});
        wield(it, "Level");
        cantrips(it, 4);
        ratings(it, "damage_resist", "crit_damage_resist", "crit_resist", "damage", "crit_damage");
        it.put("burden", 300 + random.nextInt(900));
        it.put("value", 5_000 + random.nextInt(60_000));
        wear(it, equipped, piece.coverage());
        return it;
    }

    /** A shirt or pants: the under-armour layer, worn in the {@code Shirt} or {@code Pants} slot. */
    private ObjectNode clothing(String kind, boolean equipped, long containerId) {
        String material = CLOTH_MATERIALS[random.nextInt(CLOTH_MATERIALS.length)];
        String name = ("Shirt".equals(kind) ? "Flared " : "Loose ") + material + " " + kind;
        ObjectNode it = base(name, "Clothing", containerId);
        it.put("coverage", kind);
        it.put("armor_level", random.nextInt(3) == 0 ? 0 : 40 + random.nextInt(60));
        crafted(it, new String[] {material});
        cantrips(it, 3);
        ratings(it, "damage_resist", "crit_damage_resist", "heal_boost", "vitality");
        it.put("burden", 20 + random.nextInt(60));
        it.put("value", 1_000 + random.nextInt(20_000));
        wear(it, equipped, kind);
        return it;
    }

    private ObjectNode jewel(String[] kind, boolean equipped, long containerId) {
        String gem = GEMS[random.nextInt(GEMS.length)];
        ObjectNode it = base(gem + " " + kind[0], "Jewelry", containerId);
        crafted(it, METALS);
        String slot = kind[1];
        it.put(
                "coverage",
                slot.endsWith("Finger")
                        ? "LeftFinger, RightFinger"
                        : slot.endsWith("Wrist") ? "LeftWrist, RightWrist" : slot);
        wield(it, "Level");
        cantrips(it, 3);
        ratings(it, "crit_damage", "damage", "heal_boost", "vitality", "crit");
        it.put("burden", 10 + random.nextInt(40));
        it.put("value", 2_000 + random.nextInt(40_000));
        wear(it, equipped, slot);
        return it;
    }

    private ObjectNode weapon(String[] kind, boolean equipped, long containerId) {
        String material = METALS[random.nextInt(METALS.length)];
        ObjectNode it = base(material + " " + kind[0], kind[1], containerId);
        it.put("damage_type", kind[2]);
        if ("WandStaffOrb".equals(kind[1])) {
            it.put("damage_bonus", Math.round((1.05 + random.nextDouble() * 0.15) * 100) / 100.0);
            it.put("max_damage", 0);
        } else {
            it.put("max_damage", 40 + random.nextInt(60));
            it.put("damage_bonus", Math.round((1 + random.nextDouble() * 0.4) * 100) / 100.0);
        }
        crafted(it, new String[] {material});
        wield(it, kind[3]);
        ArrayNode spells = it.putArray("spells");
        String skill = kind[3].replace("Weapons", "Weapon");
        if (random.nextBoolean()) spells.add(TIERS[weightedTier()] + " " + skill + " Aptitude");
        if (random.nextBoolean()) spells.add(TIERS[weightedTier()] + " Blood Thirst");
        if (random.nextInt(3) == 0) spells.add("Blood Drinker VII");
        ratings(it, "damage", "crit", "crit_damage");
        it.put("burden", 100 + random.nextInt(600));
        it.put("value", 3_000 + random.nextInt(40_000));
        wear(
                it,
                equipped,
                "MeleeWeapon".equals(kind[1])
                        ? "MeleeWeapon"
                        : "MissileWeapon".equals(kind[1]) ? "MissileWeapon" : "Held");
        return it;
    }

    private ObjectNode stack(String[] kind, long containerId) {
        ObjectNode it = base(kind[0], kind[1], containerId);
        int n = 1 + random.nextInt(Integer.parseInt(kind[4]));
        it.put("stack_size", n);
        it.put("burden", Integer.parseInt(kind[2]) * n);
        it.put("value", Integer.parseInt(kind[3]) * n);
        return it;
    }

    /**
     * The same item as the game's property maps, keyed by the game's property ids as a plugin reads
     * them from the client: ints (item type, burden, value, armour level, workmanship, material,
     * set, tinks, wield requirement, damage, equip masks, ratings), doubles (damage modifier),
     * strings (name). The id, container, object class and spell names stay at the top, as a plugin
     * sends them beside the maps.
     */
    static ObjectNode nested(ObjectNode flat) {
        ObjectNode it = JSON.objectNode();
        it.set("id", flat.get("id"));
        it.set("container_id", flat.get("container_id"));
        String objectClass = flat.path("object_class").asText();
        it.put("ObjectClass", ItemParser.objectClassId(objectClass).orElse(8));
        if (flat.has("spells")) it.set("spells", flat.get("spells"));
        ObjectNode ints = it.putObject("IntValues");
        ItemParser.itemTypeBit(objectClass).ifPresent(bit -> ints.put("1", bit));
        copyInt(flat, "burden", ints, "5");
        copyInt(flat, "value", ints, "19");
        copyInt(flat, "armor_level", ints, "28");
        copyInt(flat, "stack_size", ints, "12");
        copyInt(flat, "max_damage", ints, "44");
        copyInt(flat, "tinks", ints, "171");
        if (flat.has("workmanship"))
            ints.put("105", (int) Math.round(flat.path("workmanship").asDouble()));
        ItemParser.materialId(flat.path("material").asText()).ifPresent(id -> ints.put("131", id));
        ItemParser.setId(flat.path("armor_set").asText()).ifPresent(id -> ints.put("265", id));
        if (flat.has("wield_requirement")) {
            String skill = flat.path("wield_skill").asText();
            ints.put("158", "Level".equals(skill) ? 7 : 2);
            if (!"Level".equals(skill)) ItemParser.skillId(skill).ifPresent(id -> ints.put("159", id));
            ints.put("160", flat.path("wield_requirement").asInt());
        }
        ItemParser.damageTypeBit(flat.path("damage_type").asText()).ifPresent(bit -> ints.put("45", bit));
        long valid = mask(flat.path("coverage").asText());
        if (valid != 0) ints.put("9", valid);
        if (flat.path("equipped").asBoolean())
            ints.put("10", mask(flat.path("equipped_slot").asText()));
        flat.path("ratings").properties().forEach(r -> {
            ItemParser.ratingId(r.getKey()).ifPresent(id -> ints.set(String.valueOf(id), r.getValue()));
        });
        if (flat.has("damage_bonus")) it.putObject("DoubleValues").set("63", flat.get("damage_bonus"));
        it.putObject("StringValues").set("1", flat.get("name"));
        return it;
    }

    private static void copyInt(ObjectNode from, String key, ObjectNode to, String id) {
        if (from.has(key)) to.put(id, from.path(key).asLong());
    }

    /** The game's equip mask of slot names ("Chest, Abdomen"), weapon places included. */
    static long mask(String slots) {
        long m = 0;
        for (String part : slots.split(",")) {
            Slot slot = Slot.fromWire(part.trim());
            m |= slot != null ? ItemParser.slotBits(slot) : WEAPON_BITS.getOrDefault(part.trim(), 0L);
        }
        return m;
    }

    /** The game's equip mask bits of the wielded places that are not a {@link Slot}. */
    private static final Map<String, Long> WEAPON_BITS =
            Map.of("MeleeWeapon", 0x100000L, "MissileWeapon", 0x400000L, "Held", 0x1000000L);
}
