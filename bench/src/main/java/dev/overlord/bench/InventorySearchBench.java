package dev.overlord.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.character.CharacterEvent;
import dev.overlord.inventory.Item;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.inventory.InventoryItems;
import dev.overlord.persistence.inventory.ItemSearch;
import dev.overlord.persistence.inventory.ItemSearch.Sort;
import dev.overlord.persistence.projection.CharacterProjectionHandler;
import dev.overlord.persistence.projection.PlainJdbcSession;
import dev.overlord.persistence.setaside.SetAside;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * Inventory search over a realistic item population (100 characters x 1,000 items by default),
 * on a fresh PostgreSQL database and on H2: the items are written by the projection's own handler
 * (one full inventory per character, timed), then each search case runs {@code rounds} times (after
 * {@code warmup} untimed) with rotating values through {@link InventoryItems#search}, facets
 * included, and its p50/p95/max printed as a Markdown table row.
 *
 * <p>Arguments: {@code characters=100 items=1000 rounds=60 warmup=10 vendors=postgresql,h2}.
 */
public final class InventorySearchBench {

    static final String[] CLASSES = {
        "Armor",
        "Armor",
        "Armor",
        "Armor",
        "Jewelry",
        "Clothing",
        "MeleeWeapon",
        "MissileWeapon",
        "WandStaffOrb",
        "Gem",
        "Food",
        "Misc",
        "Container",
        "SpellComponents"
    };
    static final String[] SETS = {
        "Soldier's Set", "Adept's Set", "Archer's Set", "Defender's Set", "Tinker's Set", "Crafter's Set",
        "Hearty Set", "Dexterous Set", "Wise Set", "Swift Set", "Hardened Set", "Reinforced Set",
        "Interlocking Set", "Flame Proof Set", "Acid Proof Set", "Cold Proof Set", "Lightning Proof Set"
    };
    static final String[] MATERIALS = {
        "Gold", "Silver", "Steel", "Iron", "Copper", "Bronze", "Brass", "Leather", "Linen", "Silk", "Wool",
        "Satin", "Velvet", "Diamond", "Emerald", "Ruby", "Sapphire", "Jet", "Onyx", "Mahogany", "Oak", "Teak"
    };
    static final String[] NOUNS = {
        "Breastplate",
        "Helm",
        "Gauntlets",
        "Sollerets",
        "Greaves",
        "Pauldrons",
        "Girth",
        "Tassets",
        "Vambraces",
        "Ring",
        "Bracelet",
        "Necklace",
        "Amulet",
        "Shirt",
        "Pants",
        "Robe",
        "Sword",
        "Axe",
        "Bow",
        "Wand",
        "Staff",
        "Orb",
        "Mace",
        "Spear",
        "Dagger",
        "Pack",
        "Gem",
        "Scarab",
        "Taper",
        "Potion"
    };
    static final String[] ADJECTIVES = {
        "Celdon",
        "Amuli",
        "Koujia",
        "Lorica",
        "Olthoi",
        "Covenant",
        "Diforsa",
        "Scalemail",
        "Chainmail",
        "Platemail",
        "Leather",
        "Studded",
        "Yoroi",
        "Nariyid",
        "Gold",
        "Silver",
        "Ancient",
        "Heavy",
        "Light",
        "Fine",
        "Ornate",
        "Dented",
        "Shimmering",
        "Dark",
        "Radiant"
    };
    static final String[] ATTRIBUTES = {
        "Strength",
        "Endurance",
        "Coordination",
        "Quickness",
        "Focus",
        "Willpower",
        "Armor",
        "Impenetrability",
        "Blood Thirst",
        "Defender",
        "Heart Seeker",
        "Swift Killer",
        "Spirit Thirst",
        "Invulnerability",
        "Magic Resistance",
        "Acid Ward",
        "Flame Ward",
        "Frost Ward",
        "Storm Ward",
        "Bludgeoning Ward",
        "Piercing Ward",
        "Slashing Ward",
        "Sword Aptitude",
        "Axe Aptitude",
        "Bow Aptitude",
        "War Magic Aptitude",
        "Life Magic Aptitude",
        "Creature Enchantment Aptitude",
        "Item Enchantment Aptitude",
        "Healing Prowess",
        "Mana Conversion Prowess",
        "Arcane Prowess",
        "Deception Prowess",
        "Magic Item Tinkering Expertise",
        "Armor Tinkering Expertise",
        "Weapon Tinkering Expertise",
        "Fealty",
        "Leadership",
        "Jumping Prowess",
        "Sprint",
        "Monster Attunement",
        "Person Attunement",
        "Dual Wield Aptitude",
        "Two Handed Aptitude",
        "Shield Aptitude",
        "Dirty Fighting Prowess",
        "Recklessness Prowess",
        "Sneak Attack Prowess",
        "Summoning Prowess",
        "Void Magic Aptitude"
    };
    static final String[] GRADES = {"Minor", "Moderate", "Major", "Epic", "Legendary"};
    static final String[] SPELLS = spells();

    private static String[] spells() {
        List<String> all = new ArrayList<>();
        for (String grade : GRADES) for (String a : ATTRIBUTES) all.add(grade + " " + a);
        return all.toArray(String[]::new);
    }

    record Case(String name, IntFunction<ItemSearch> search) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int characters = Integer.parseInt(a.getOrDefault("characters", "100"));
        int items = Integer.parseInt(a.getOrDefault("items", "1000"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "60"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "10"));
        List<String> vendors =
                Arrays.asList(a.getOrDefault("vendors", "postgresql,h2").split(","));
        PrintStream out = System.out;
        for (String v : vendors) {
            Vendor vendor = Vendor.valueOf(v.trim().toUpperCase(Locale.ROOT));
            Path dir = Files.createTempDirectory("inventory-bench");
            try (TestDatabase test = TestDatabases.create(vendor, dir);
                    Database db = test.open()) {
                run(db, vendor, characters, items, rounds, warmup, out);
            }
        }
    }

    static void run(
            Database db, Vendor vendor, int characters, int perCharacter, int rounds, int warmup, PrintStream out)
            throws Exception {
        Random random = new Random(12);
        CharacterProjectionHandler handler = new CharacterProjectionHandler(
                vendor, "bench/inventory", new SetAside(new Metrics(), Clock.systemUTC()));
        long loadStart = System.nanoTime();
        List<Long> logins = new ArrayList<>();
        long id = 1;
        for (int c = 0; c < characters; c++) {
            List<String> upserts = new ArrayList<>(perCharacter);
            for (int i = 0; i < perCharacter; i++) upserts.add(item(random, id++));
            Instant at = Instant.parse("2026-11-20T12:00:00Z").plusSeconds(c);
            long t0 = System.nanoTime();
            PlainJdbcSession session = new PlainJdbcSession(db.dataSource());
            try {
                handler.process(
                        session,
                        List.of(EventEnvelope.create(
                                Offset.sequence(c + 1),
                                "Character|" + character(c),
                                1L,
                                (CharacterEvent)
                                        new CharacterEvent.InventoryChanged(at, 1, at, true, upserts, List.of()),
                                0L)));
                session.commit();
            } finally {
                session.close();
            }
            logins.add(System.nanoTime() - t0);
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        if (vendor == Vendor.POSTGRESQL) {
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
        } else {
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
        }
        out.printf(
                Locale.ROOT,
                "%n%s: %d items written in %.1f s; one login of %d items: p50 %.0f ms, p95 %.0f ms%n",
                vendor,
                characters * perCharacter,
                loadSeconds,
                perCharacter,
                pct(logins, 50),
                pct(logins, 95));

        InventoryItems queries = new InventoryItems(db.dataSource());
        out.println();
        out.println("| " + vendor.name().toLowerCase(Locale.ROOT)
                + " search | matches (first round) | p50 ms | p95 ms | max ms |");
        out.println("|---|---:|---:|---:|---:|");
        for (Case k : cases(characters)) {
            for (int i = 0; i < warmup; i++) queries.search(k.search().apply(i));
            List<Long> times = new ArrayList<>();
            long matches = -1;
            for (int i = 0; i < rounds; i++) {
                ItemSearch s = k.search().apply(i);
                long t0 = System.nanoTime();
                var r = queries.search(s);
                times.add(System.nanoTime() - t0);
                if (matches < 0) matches = r.total();
            }
            out.printf(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %.1f | %.1f |%n",
                    k.name(),
                    matches,
                    pct(times, 50),
                    pct(times, 95),
                    pct(times, 100));
        }
    }

    static String character(int c) {
        return String.format(Locale.ROOT, "Mule %03d", c);
    }

    static List<Case> cases(int characters) {
        return List.of(
                new Case(
                        "no filter (facets over all)", i -> ItemSearch.builder().build()),
                new Case(
                        "q (text in name)",
                        i -> b().q(prefix(NOUNS[i % NOUNS.length])).build()),
                new Case(
                        "q (one letter: most names)",
                        i -> b().q(String.valueOf("aeilo".charAt(i % 5))).build()),
                new Case(
                        "object_class",
                        i -> b().objectClasses(List.of(CLASSES[4 + i % 10])).build()),
                new Case(
                        "material",
                        i -> b().materials(List.of(MATERIALS[i % MATERIALS.length]))
                                .build()),
                new Case(
                        "armor_set",
                        i -> b().armorSets(List.of(SETS[i % SETS.length])).build()),
                new Case(
                        "spells_all (2)",
                        i -> b().spellsAll(List.of(SPELLS[i % SPELLS.length], SPELLS[(i * 7 + 3) % SPELLS.length]))
                                .build()),
                new Case(
                        "spells_any (3)",
                        i -> b().spellsAny(List.of(
                                        SPELLS[i % SPELLS.length],
                                        SPELLS[(i + 50) % SPELLS.length],
                                        SPELLS[(i + 100) % SPELLS.length]))
                                .build()),
                new Case(
                        "min_armor_level",
                        i -> b().minArmorLevel(500 + (i % 5) * 50).build()),
                new Case("min_damage", i -> b().minDamage(40 + i % 30).build()),
                new Case(
                        "min_rating_crit_damage",
                        i -> b().minRatings(Map.of("crit_damage", 1 + i % 3)).build()),
                new Case(
                        "tinks_min/max",
                        i -> b().tinksMin(i % 5).tinksMax(i % 5 + 2).build()),
                new Case(
                        "workmanship_min/max",
                        i -> b().workmanshipMin(5.0 + i % 3)
                                .workmanshipMax(8.0 + i % 3)
                                .build()),
                new Case("max_wield", i -> b().maxWield(100 + (i % 5) * 50).build()),
                new Case("equipped=true", i -> b().equipped(true).build()),
                new Case(
                        "characters (5)",
                        i -> b().characters(List.of(
                                        character(i % characters),
                                        character((i + 1) % characters),
                                        character((i + 2) % characters),
                                        character((i + 3) % characters),
                                        character((i + 4) % characters)))
                                .build()),
                new Case(
                        "armor_set + min_armor_level",
                        i -> b().armorSets(List.of(SETS[i % SETS.length]))
                                .minArmorLevel(600)
                                .build()),
                new Case(
                        "spells_all + object_class",
                        i -> b().spellsAll(List.of(SPELLS[(i * 11) % SPELLS.length]))
                                .objectClasses(List.of("Armor"))
                                .build()),
                new Case(
                        "q + equipped=false",
                        i -> b().q(ADJECTIVES[i % ADJECTIVES.length].toLowerCase(Locale.ROOT))
                                .equipped(false)
                                .build()),
                new Case(
                        "armor_set + spells_any + min rating",
                        i -> b().armorSets(List.of(SETS[i % SETS.length]))
                                .spellsAny(List.of(SPELLS[(i * 13) % SPELLS.length], SPELLS[(i * 17) % SPELLS.length]))
                                .minRatings(Map.of("damage_resist", 1))
                                .build()),
                new Case(
                        "sort armor_level desc, offset 200",
                        i -> b().sort(Sort.ARMOR_LEVEL)
                                .descending(true)
                                .offset(200)
                                .build()),
                new Case(
                        "object_class + sort value, limit 500",
                        i -> b().objectClasses(List.of("Armor"))
                                .sort(Sort.VALUE)
                                .limit(500)
                                .build()));
    }

    /** The first four letters of a word, lower case: what someone types into the search box. */
    private static String prefix(String word) {
        return word.toLowerCase(Locale.ROOT).substring(0, Math.min(4, word.length()));
    }

    private static ItemSearch.Builder b() {
        return ItemSearch.builder();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One item as a plugin would report it: class-typical fields, spells on armour and jewellery. */
    static String item(Random r, long id) {
        ObjectNode o = JSON.createObjectNode();
        String cls = CLASSES[r.nextInt(CLASSES.length)];
        o.put("id", id)
                .put("object_class", cls)
                .put("container_id", r.nextInt(4) == 0 ? 0 : 5000 + r.nextInt(6))
                .put("burden", r.nextInt(1000))
                .put("value", r.nextInt(50_000))
                .put("stack_size", 1)
                .put("icon", 0x6000000 + r.nextInt(5000));
        String noun = NOUNS[r.nextInt(NOUNS.length)];
        o.put("name", ADJECTIVES[r.nextInt(ADJECTIVES.length)] + " " + noun);
        boolean wearable = cls.equals("Armor") || cls.equals("Jewelry") || cls.equals("Clothing");
        if (wearable || cls.endsWith("Weapon") || cls.equals("WandStaffOrb")) {
            o.put("material", MATERIALS[r.nextInt(MATERIALS.length)])
                    .put("workmanship", 1 + r.nextInt(10))
                    .put("tinks", r.nextInt(11))
                    .put("wield_requirement", 50 + r.nextInt(8) * 25)
                    .put("wield_skill", "Level");
            ArrayNode spells = o.putArray("spells");
            int n = r.nextInt(wearable ? 5 : 3);
            for (int s = 0; s < n; s++) spells.add(SPELLS[r.nextInt(SPELLS.length)]);
            if (r.nextInt(10) == 0) o.put("equipped", true);
            if (r.nextInt(4) == 0) {
                ObjectNode ratings = o.putObject("ratings");
                ratings.put(Item.RATINGS.get(r.nextInt(Item.RATINGS.size())), 1 + r.nextInt(4));
            }
        }
        if (cls.equals("Armor")) {
            o.put("armor_level", 100 + r.nextInt(650));
            if (r.nextInt(3) > 0) o.put("armor_set", SETS[r.nextInt(SETS.length)]);
            o.putArray("coverage").add(r.nextBoolean() ? "Chest" : "Head");
        }
        if (cls.endsWith("Weapon")) {
            o.put("max_damage", 10 + r.nextInt(60)).put("damage_type", r.nextBoolean() ? "Slash" : "Pierce");
        }
        if (cls.equals("WandStaffOrb")) o.put("damage_bonus", 1 + r.nextDouble() / 5);
        return o.toString();
    }

    private static double pct(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }
}
