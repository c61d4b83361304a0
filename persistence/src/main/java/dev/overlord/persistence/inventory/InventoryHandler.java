package dev.overlord.persistence.inventory;

import static dev.overlord.persistence.projection.GroupStatements.utc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.character.CharacterEvent;
import dev.overlord.inventory.Item;
import dev.overlord.inventory.ItemParser;
import dev.overlord.inventory.Slot;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.projection.FeatureHandler;
import dev.overlord.persistence.projection.GroupStatements;
import dev.overlord.persistence.projection.Upsert;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes each inventory change into the item tables: the removed items' rows and the changed items'
 * old rows are deleted, the changed items written anew, and the character's version and item count
 * kept in {@code inventories}. A full inventory's event holds only its difference to the previous
 * one, so applying it the same way leaves the tables equal to the entity's inventory.
 *
 * <p>Each table gets one JDBC batch per event, whatever the number of items: a login of 200 items
 * is about fifteen round trips, not 1,400. Items are read by {@link ItemParser} (bounded text and
 * numbers); one it rejects (no id, not an object) is skipped.
 */
public final class InventoryHandler implements FeatureHandler {

    /** The tables holding an item's rows, each keyed by (character_name, item_id). */
    static final List<String> ITEM_TABLES = List.of(
            "items",
            "item_combat_stats",
            "item_requirements",
            "item_enhancements",
            "item_ratings",
            "item_spells",
            "item_raw_data");

    private static final String INSERT_ITEM = "INSERT INTO items (character_name, item_id, name, name_lower,"
            + " object_class, container_id, equipped, equipped_slots, coverage, material, armor_set, armor_level,"
            + " max_damage, damage_type, damage_bonus, wield_requirement, wield_skill, tinks, workmanship, burden,"
            + " item_value, stack_size, icon, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_COMBAT = "INSERT INTO item_combat_stats (character_name, item_id,"
            + " armor_level, max_damage, damage_type, damage_bonus) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_REQUIREMENT = "INSERT INTO item_requirements (character_name, item_id,"
            + " wield_requirement, wield_skill) VALUES (?, ?, ?, ?)";
    private static final String INSERT_ENHANCEMENT = "INSERT INTO item_enhancements (character_name, item_id,"
            + " material, tinks, workmanship) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_RATING =
            "INSERT INTO item_ratings (character_name, item_id, rating, rating_value) VALUES (?, ?, ?, ?)";
    private static final String INSERT_SPELL = "INSERT INTO item_spells (character_name, item_id, spell_lower,"
            + " spell, position) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_RAW =
            "INSERT INTO item_raw_data (character_name, item_id, raw) VALUES (?, ?, ?)";
    private static final String COUNT = "SELECT COUNT(*) FROM items WHERE character_name = ?";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String inventory;
    private final String name;

    public InventoryHandler(Vendor vendor) {
        name = Upsert.into("item_names").key("name_lower", "VARCHAR").sql(vendor);
        inventory = Upsert.into("inventories")
                .key("character_name", "VARCHAR")
                .value("version", "BIGINT")
                .value("item_count", "INTEGER")
                .value("updated_at", "TIMESTAMP WITH TIME ZONE")
                .replace("version", "item_count", "updated_at")
                .sql(vendor);
    }

    @Override
    public Set<Class<? extends CharacterEvent>> events() {
        return Set.of(CharacterEvent.InventoryChanged.class);
    }

    @Override
    public void apply(GroupStatements c, String character, CharacterEvent event) throws SQLException {
        if (!(event instanceof CharacterEvent.InventoryChanged e)) return;
        OffsetDateTime at = utc(e.at());
        Map<Long, Item> items = new LinkedHashMap<>();
        for (String text : e.upserts()) {
            if (ItemParser.parse(json(text)) instanceof ItemParser.Parsed parsed)
                items.put(parsed.item().id(), parsed.item());
        }
        Set<Long> gone = new LinkedHashSet<>(e.removed());
        gone.addAll(items.keySet());
        List<Object[]> keys = new ArrayList<>(gone.size());
        for (Long id : gone) keys.add(new Object[] {character, id});
        for (String table : ITEM_TABLES)
            c.batch("DELETE FROM " + table + " WHERE character_name = ? AND item_id = ?", keys);
        write(c, character, at, items.values());
        if (!items.isEmpty()) {
            Names names = c.gatherAtEnd(Names.class, () -> new Names(c, name));
            for (Item i : items.values()) names.add(lower(i.name()));
        }
        long version = e.version();
        c.atEnd(new Counted(character), () -> {
            PreparedStatement count = c.prepare(COUNT);
            count.setString(1, character);
            int n;
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                n = rs.getInt(1);
            }
            c.update(inventory, character, version, n, at);
        });
    }

    private static void write(GroupStatements c, String character, OffsetDateTime at, Iterable<Item> items)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> combat = new ArrayList<>();
        List<Object[]> requirements = new ArrayList<>();
        List<Object[]> enhancements = new ArrayList<>();
        List<Object[]> ratings = new ArrayList<>();
        List<Object[]> spells = new ArrayList<>();
        List<Object[]> raw = new ArrayList<>();
        for (Item i : items) {
            long id = i.id();
            rows.add(new Object[] {
                character,
                id,
                i.name(),
                lower(i.name()),
                i.objectClass(),
                i.containerId(),
                i.equipped(),
                slots(i.equippedSlots()),
                slots(i.coverage()),
                i.material(),
                i.armorSet(),
                i.armorLevel(),
                i.maxDamage(),
                i.damageType(),
                i.damageBonus(),
                i.wieldRequirement(),
                i.wieldSkill(),
                i.tinks(),
                i.workmanship(),
                i.burden(),
                i.value(),
                i.stackSize(),
                i.icon(),
                at
            });
            if (i.armorLevel() != null || i.maxDamage() != null || i.damageType() != null || i.damageBonus() != null)
                combat.add(
                        new Object[] {character, id, i.armorLevel(), i.maxDamage(), i.damageType(), i.damageBonus()});
            if (i.wieldRequirement() != null || i.wieldSkill() != null)
                requirements.add(new Object[] {character, id, i.wieldRequirement(), i.wieldSkill()});
            if (i.material() != null || i.tinks() != null || i.workmanship() != null)
                enhancements.add(new Object[] {character, id, i.material(), i.tinks(), i.workmanship()});
            for (Map.Entry<String, Integer> r : i.ratings().entrySet())
                ratings.add(new Object[] {character, id, r.getKey(), r.getValue()});
            Set<String> seen = new LinkedHashSet<>();
            int position = 0;
            for (String spell : i.spells()) {
                if (spell == null || spell.isBlank() || !seen.add(lower(spell))) continue;
                spells.add(new Object[] {character, id, lower(spell), spell, position++});
            }
            raw.add(new Object[] {character, id, i.raw().toString()});
        }
        c.batch(INSERT_ITEM, rows);
        c.batch(INSERT_COMBAT, combat);
        c.batch(INSERT_REQUIREMENT, requirements);
        c.batch(INSERT_ENHANCEMENT, enhancements);
        c.batch(INSERT_RATING, ratings);
        c.batch(INSERT_SPELL, spells);
        c.batch(INSERT_RAW, raw);
    }

    /** The journaled text as JSON; text that is not JSON reads as nothing, which the parser rejects. */
    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Slots as the tables keep them: wire names joined by commas, null for none. */
    static String slots(Set<Slot> slots) {
        if (slots.isEmpty()) return null;
        return slots.stream().sorted().map(Slot::wireName).collect(Collectors.joining(","));
    }

    /**
     * The group's item names, added to {@code item_names} once at the end of the group in sorted
     * order: two slices adding the same new names lock them in the same order, so one waits for
     * the other instead of deadlocking.
     */
    private static final class Names implements GroupStatements.Work {
        private final GroupStatements statements;
        private final String sql;
        private final TreeSet<String> names = new TreeSet<>();

        Names(GroupStatements statements, String sql) {
            this.statements = statements;
            this.sql = sql;
        }

        void add(String name) {
            names.add(name);
        }

        @Override
        public void run() throws SQLException {
            statements.batch(sql, names.stream().map(n -> new Object[] {n}).toList());
        }
    }

    /** The end-of-group work that counts one character's items. */
    private record Counted(String character) {}
}
