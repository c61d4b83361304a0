package dev.overlord.persistence.inventory;

import static dev.overlord.persistence.inventory.SampleItems.armor;
import static dev.overlord.persistence.inventory.SampleItems.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.character.CharacterEvent;
import dev.overlord.inventory.Item;
import dev.overlord.inventory.ItemParser;
import dev.overlord.inventory.Slot;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.projection.CharacterProjectionHandler;
import dev.overlord.persistence.projection.PlainJdbcSession;
import dev.overlord.persistence.setaside.SetAside;
import dev.overlord.persistence.setaside.SetAsideEvents;
import dev.overlord.persistence.testing.DatabaseTestBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;

/**
 * Inventory changes written by the character projection: a full inventory's difference, deltas and
 * removals leave the item tables equal to the entity's inventory; an item the tables refuse sets
 * its event aside. Per vendor.
 */
abstract class InventoryHandlerContract extends DatabaseTestBase {

    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    private long seq;

    static CharacterEvent.InventoryChanged change(
            long version, boolean snapshot, List<String> upserts, List<Long> removed) {
        Instant at = T0.plusSeconds(version);
        return new CharacterEvent.InventoryChanged(at, version, at, snapshot, upserts, removed);
    }

    void process(String who, CharacterEvent... events) throws Exception {
        process(
                new CharacterProjectionHandler(
                        vendor(), "test/inventory", new SetAside(new Metrics(), Clock.systemUTC())),
                who,
                events);
    }

    void process(CharacterProjectionHandler handler, String who, CharacterEvent... events) throws Exception {
        PlainJdbcSession session = new PlainJdbcSession(database().dataSource());
        try {
            List<EventEnvelope<CharacterEvent>> envelopes = new ArrayList<>();
            for (CharacterEvent e : events) {
                seq++;
                envelopes.add(EventEnvelope.create(Offset.sequence(seq), "Character|" + who, seq, e, 0L));
            }
            handler.process(session, envelopes);
            session.commit();
        } finally {
            session.close();
        }
    }

    long count(String sql, Object... params) throws SQLException {
        try (Connection c = database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    InventoryView inventory(String who) {
        return new InventoryItems(database().dataSource()).inventory(who).orElseThrow();
    }

    static List<String> names(InventoryView view) {
        return view.items().stream().map(Item::name).toList();
    }

    @Test
    void aFullInventoryFillsEveryTable() throws Exception {
        String who = "Snapper";
        process(
                who,
                change(
                        1,
                        true,
                        List.of(
                                armor(
                                                1,
                                                "Celdon Breastplate",
                                                "Soldier's Set",
                                                640,
                                                "Legendary Strength",
                                                "Major Focus")
                                        .set("material", "Steel")
                                        .set("coverage", List.of("Chest", "Abdomen", "UpperArms"))
                                        .set("equipped", true)
                                        .set("equipped_slots", List.of("Chest"))
                                        .set("tinks", 4)
                                        .set("workmanship", 8.5)
                                        .set("wield_requirement", 150)
                                        .set("wield_skill", "Level")
                                        .set("value", 12000)
                                        .set("burden", 900)
                                        .set("icon", 4242)
                                        .ratings(Map.of("crit_damage", 2, "damage_resist", 3))
                                        .json(),
                                item(2, "Gold Ring")
                                        .set("object_class", "Jewelry")
                                        .set("material", "Gold")
                                        .json(),
                                item(3, "Heavy Axe")
                                        .set("object_class", "MeleeWeapon")
                                        .set("max_damage", 45)
                                        .set("damage_type", "Slash")
                                        .set("damage_bonus", 1.2)
                                        .json()),
                        List.of()));

        InventoryView view = inventory(who);
        assertEquals(1, view.version());
        assertEquals(3, view.itemCount());
        assertEquals(T0.plusSeconds(1), view.updatedAt());
        assertEquals(List.of("Celdon Breastplate", "Gold Ring", "Heavy Axe"), names(view));
        Item plate = view.items().get(0);
        assertEquals("Armor", plate.objectClass());
        assertEquals("Soldier's Set", plate.armorSet());
        assertEquals(640, plate.armorLevel());
        assertEquals(List.of("Legendary Strength", "Major Focus"), plate.spells());
        assertEquals(Map.of("crit_damage", 2, "damage_resist", 3), plate.ratings());
        assertEquals(Set.of(Slot.CHEST, Slot.ABDOMEN, Slot.UPPER_ARMS), plate.coverage());
        assertEquals(Set.of(Slot.CHEST), plate.equippedSlots());
        assertTrue(plate.equipped());
        assertEquals(4, plate.tinks());
        assertEquals(8.5, plate.workmanship());
        assertEquals(150, plate.wieldRequirement());
        assertEquals("Level", plate.wieldSkill());
        assertEquals(12000, plate.value());
        assertEquals(4242, plate.icon());
        Item axe = view.items().get(2);
        assertEquals(45, axe.maxDamage());
        assertEquals("Slash", axe.damageType());
        assertEquals(1.2, axe.damageBonus());

        assertEquals(3, count("SELECT COUNT(*) FROM item_raw_data WHERE character_name = ?", who));
        assertEquals(2, count("SELECT COUNT(*) FROM item_combat_stats WHERE character_name = ?", who));
        assertEquals(1, count("SELECT COUNT(*) FROM item_requirements WHERE character_name = ?", who));
        assertEquals(2, count("SELECT COUNT(*) FROM item_enhancements WHERE character_name = ?", who));
        assertEquals(2, count("SELECT COUNT(*) FROM item_ratings WHERE character_name = ?", who));
        assertEquals(2, count("SELECT COUNT(*) FROM item_spells WHERE character_name = ?", who));
        assertEquals(
                1,
                count(
                        "SELECT COUNT(*) FROM item_spells WHERE character_name = ? AND spell_lower = 'major focus'",
                        who));
    }

    @Test
    void deltasAndTheNextFullInventoryLeaveTheTablesEqualToTheInventory() throws Exception {
        String who = "Delta";
        process(
                who,
                change(
                        1,
                        true,
                        List.of(
                                armor(10, "Helm", "Adept's Set", 300, "Minor Focus")
                                        .json(),
                                item(11, "Pyreal").json(),
                                item(12, "Mana Stone").json()),
                        List.of()));
        // A delta changing one item, one adding, one removing; in one group.
        process(
                who,
                change(
                        2,
                        false,
                        List.of(armor(10, "Helm", "Adept's Set", 320, "Major Focus")
                                .json()),
                        List.of()),
                change(3, false, List.of(item(13, "Pack").json()), List.of()),
                change(4, false, List.of(), List.of(11L)));
        InventoryView view = inventory(who);
        assertEquals(4, view.version());
        assertEquals(List.of("Helm", "Mana Stone", "Pack"), names(view));
        assertEquals(3, view.itemCount());
        assertEquals(320, view.items().get(0).armorLevel());
        assertEquals(List.of("Major Focus"), view.items().get(0).spells());
        assertEquals(
                0,
                count(
                        "SELECT COUNT(*) FROM item_spells WHERE character_name = ? AND spell_lower = 'minor focus'",
                        who));
        assertEquals(0, count("SELECT COUNT(*) FROM item_raw_data WHERE character_name = ? AND item_id = 11", who));

        // The next login: the entity journals the difference (12 gone, 14 new) as a snapshot.
        process(who, change(5, true, List.of(item(14, "Scroll").json()), List.of(12L)));
        view = inventory(who);
        assertEquals(5, view.version());
        assertEquals(List.of("Helm", "Pack", "Scroll"), names(view));
        for (String table : InventoryHandler.ITEM_TABLES)
            assertEquals(
                    0,
                    count("SELECT COUNT(*) FROM " + table + " WHERE character_name = ? AND item_id IN (11, 12)", who),
                    table);
        // Removing an item already gone changes nothing but the version.
        process(who, change(6, false, List.of(), List.of(12L)));
        assertEquals(3, inventory(who).itemCount());
        assertEquals(6, inventory(who).version());
    }

    @Test
    void anItemTheParserRejectsIsSkippedAndTheRestWritten() throws Exception {
        String who = "Skipper";
        process(
                who,
                change(
                        1,
                        true,
                        List.of(item(20, "Good").json(), "{\"name\":\"no id\"}", "not json", "[1,2]"),
                        List.of()),
                // Text past the parser's bound is cut, never refused by the tables.
                change(
                        2,
                        false,
                        List.of(item(21, "N".repeat(300))
                                .set("material", "M".repeat(300))
                                .json()),
                        List.of()));
        InventoryView view = inventory(who);
        assertEquals(2, view.itemCount());
        assertEquals(2, view.version());
        assertEquals(ItemParser.MAX_TEXT, view.items().getLast().name().length());
        assertEquals(ItemParser.MAX_TEXT, view.items().getLast().material().length());
    }

    @Test
    void aChangeTheTablesRefuseIsSetAsideAndTheGroupGoesOn() throws Exception {
        // A character name longer than the tables hold: journaled by a build that did not bound it.
        String tooLong = "L".repeat(65);
        Metrics metrics = new Metrics();
        var handler = new CharacterProjectionHandler(
                vendor(), "test/inventory-refused", new SetAside(metrics, Clock.systemUTC()));
        process(handler, tooLong, change(1, true, List.of(item(30, "Lost").json()), List.of()));
        process(handler, "Kept", change(1, true, List.of(item(31, "Kept").json()), List.of()));
        assertEquals(List.of("Kept"), names(inventory("Kept")));
        assertEquals(0, count("SELECT COUNT(*) FROM items WHERE item_id = 30"));
        List<SetAsideEvents.Entry> listed = new SetAsideEvents(database().dataSource())
                .latest(10).stream()
                        .filter(e -> e.persistenceId().equals("Character|" + tooLong))
                        .toList();
        assertEquals(1, listed.size(), listed.toString());
        assertEquals("InventoryChanged", listed.getFirst().eventType());
        assertEquals(1, metrics.value(SetAside.METRIC, "projection", "test"));
    }

    @Test
    void aLoginOfTwoHundredItemsIsWrittenWhole() throws Exception {
        String who = "Hoarder";
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 200; i++)
            items.add(armor(1000 + i, "Piece " + i, "Set " + (i % 5), 100 + i, "Spell A" + i, "Spell B")
                    .ratings(Map.of("crit", 1 + i % 7))
                    .json());
        process(who, change(1, true, items, List.of()));
        assertEquals(200, inventory(who).itemCount());
        assertEquals(400, count("SELECT COUNT(*) FROM item_spells WHERE character_name = ?", who));
        assertEquals(200, count("SELECT COUNT(*) FROM item_ratings WHERE character_name = ?", who));
    }
}
