package dev.overlord.http.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo simulator plays real plugins over real sockets: it shows up in {@code /live}, answers
 * commands, and sends its combat, cantrip and quest frames in the shapes of docs/frames.md.
 */
class SimulatorTest {
    @RegisterExtension
    static final RunningServer overlord = RunningServer.create()
            .with("overlord.simulator.enabled = on")
            .with("overlord.simulator.characters = 3")
            .with("overlord.simulator.telemetry-every = 200 ms");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> livePlayers() throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(overlord.get("/live").body())
                .path("players")
                .forEach(p -> names.add(p.path("character_name").asText()));
        return names;
    }

    @Test
    void threeSimulatedCharactersAppearInLive() throws Exception {
        List<String> expected = List.of(Simulator.name(0), Simulator.name(1), Simulator.name(2));
        List<String> players = SocketClient.waiting("three simulated players in /live")
                .until(SimulatorTest::livePlayers, p -> p.size() == 3);
        assertEquals(
                expected.stream().sorted().toList(), players.stream().sorted().toList());
        assertTrue(overlord.server().simulator().orElseThrow().framesSent() > 0);
    }

    @Test
    void aSimulatedCharacterAnswersABrowsersCommandWithAChatLine() throws Exception {
        String name = Simulator.name(1);
        try (SocketClient browser = overlord.browser()) {
            SocketClient.waiting(name + " in /live").until(() -> livePlayers().contains(name));

            browser.send("{\"player_name\":\"" + name + "\",\"command\":\"/radar start\"}");

            assertEquals(
                    "delivered",
                    browser.awaitType("command_result").path("status").asText());
            JsonNode answer =
                    browser.awaitJson(j -> "chat".equals(j.path("type").asText())
                            && name.equals(j.path("character_name").asText())
                            && j.path("text").asText().contains("command received"));
            assertTrue(answer.path("text").asText().endsWith("command received: /radar start"), answer.toString());
            assertTrue(answer.has("seq"), "it came through the live feed like any plugin frame");
        }
    }

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    /** Every frame a character sends on login and in {@code ticks} intervals of 2 s, parsed. */
    private static List<JsonNode> play(SimulatedCharacter c, int ticks) throws Exception {
        List<JsonNode> frames = new ArrayList<>();
        for (String f : c.login(START)) frames.add(JSON.readTree(f));
        for (int i = 1; i <= ticks; i++) {
            for (String f : c.tick(START.plusSeconds(2L * i))) frames.add(JSON.readTree(f));
        }
        return frames;
    }

    private static List<JsonNode> ofType(List<JsonNode> frames, String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    @Test
    void combatSnapshotsAreCumulativeWithinTheSessionAndAgreeWithTheirOwnCounts() throws Exception {
        List<JsonNode> frames = play(new SimulatedCharacter("Larsson", 42, START), 200);
        List<JsonNode> snapshots = ofType(frames, "combat_stats");
        String session = snapshots.getLast().path("session_id").asText();
        List<JsonNode> current = snapshots.stream()
                .filter(s -> session.equals(s.path("session_id").asText()))
                .toList();
        assertEquals(40, current.size(), "one snapshot every fifth interval");
        current.forEach(SimulatorTest::assertConsistent);
        for (int i = 1; i < current.size(); i++) assertNotLess(current.get(i - 1), current.get(i), "");
        JsonNode last = current.getLast();
        assertTrue(last.path("kills").asLong() > 0 && last.path("monsters").size() > 1, last.toString());
        assertTrue(last.path("offense").path("by_element").size() >= 1, last.toString());
        JsonNode telemetry = ofType(frames, "telemetry").getLast();
        assertEquals(last.path("kills").asLong(), telemetry.path("kills").asLong(), "telemetry counts the same kills");
    }

    @Test
    void loginSendsTheLastSnapshotOfAnEarlierSession() throws Exception {
        List<JsonNode> login = new ArrayList<>();
        SimulatedCharacter c = new SimulatedCharacter("Moss", 7, START);
        for (String f : c.login(START)) login.add(JSON.readTree(f));
        List<JsonNode> previous = ofType(login, "combat_stats");
        assertEquals(1, previous.size());
        JsonNode p = previous.getFirst();
        assertTrue(Instant.parse(p.path("timestamp").asText()).isBefore(START), "it ended before this session began");
        assertConsistent(p);
        assertTrue(p.path("kills").asLong() > 0, p.toString());
        JsonNode telemetry = ofType(play(c, 5), "telemetry").getLast();
        assertNotEquals(
                p.path("session_id").asText(), telemetry.path("session_id").asText());
    }

    @Test
    void loginReportsARealisticInventoryAndDeltasChangeOnlyWhatTheCharacterHolds() throws Exception {
        SimulatedCharacter c = new SimulatedCharacter("Wren", 13, START, Duration.ofSeconds(2), OFTEN, false);
        List<JsonNode> frames = play(c, 300);
        JsonNode items = ofType(frames, "full_inventory").getFirst().path("items");
        assertTrue(items.size() >= 100 && items.size() <= 250, "items: " + items.size());
        Map<Long, JsonNode> held = new java.util.HashMap<>();
        java.util.Set<Long> packs = new java.util.HashSet<>();
        int equipped = 0, nested = 0, inPacks = 0, setPieces = 0, withCantrips = 0, multiSlot = 0;
        java.util.Set<String> classes = new java.util.HashSet<>();
        for (JsonNode it : items) {
            long id = it.path("id").asLong();
            assertTrue(id > 0 && held.put(id, it) == null, "a unique id: " + it);
            if (it.has("IntValues")) {
                nested++;
                assertTrue(it.path("StringValues").path("1").isTextual(), it.toString());
                assertTrue(it.path("IntValues").path("19").isIntegralNumber(), "value by property id: " + it);
                continue;
            }
            classes.add(it.path("object_class").asText());
            if ("Container".equals(it.path("object_class").asText())) packs.add(id);
            if (it.path("equipped").asBoolean()) {
                equipped++;
                assertFalse(it.path("equipped_slot").asText().isBlank(), it.toString());
            }
            if (it.has("armor_set")) {
                setPieces++;
                assertTrue(it.path("armor_level").asInt() > 0, it.toString());
                assertTrue(it.path("workmanship").asDouble() >= 1, it.toString());
            }
            if (it.path("coverage").asText().contains(",")) multiSlot++;
            if (it.path("spells").toString().matches(".*\\b(Major|Epic|Legendary) .*")) withCantrips++;
        }
        for (JsonNode it : items) {
            long in = it.path("container_id").asLong();
            if (in != 0) {
                inPacks++;
                assertTrue(packs.contains(in), "held in one of the packs: " + it);
            }
        }
        assertTrue(packs.size() >= 3, "packs: " + packs.size());
        assertTrue(equipped >= 12, "a suit, jewellery, clothes and a weapon worn: " + equipped);
        assertTrue(nested >= 1, "some items in the nested property form");
        assertTrue(inPacks > items.size() / 2, "most items in packs: " + inPacks);
        assertTrue(
                setPieces >= 20 && multiSlot >= 3 && withCantrips >= 20,
                setPieces + " " + multiSlot + " " + withCantrips);
        assertTrue(classes.containsAll(List.of("Armor", "Jewelry", "Clothing", "Container")), classes.toString());

        List<JsonNode> deltas = ofType(frames, "inventory_delta");
        Map<String, Integer> actions = new java.util.HashMap<>();
        for (JsonNode d : deltas) {
            String action = d.path("action").asText();
            actions.merge(action, 1, Integer::sum);
            switch (action) {
                case "add" ->
                    assertTrue(held.put(d.path("item").path("id").asLong(), d.path("item")) == null, "a new id: " + d);
                case "update" ->
                    assertTrue(
                            held.put(d.path("item").path("id").asLong(), d.path("item")) != null, "a held item: " + d);
                case "remove" -> assertTrue(held.remove(d.path("item_id").asLong()) != null, "a held item: " + d);
                default -> throw new AssertionError("unknown action " + d);
            }
        }
        // OFTEN: about one change every 40 s over 10 minutes.
        assertTrue(deltas.size() >= 6 && deltas.size() <= 40, "deltas: " + deltas.size());
        assertTrue(actions.getOrDefault("add", 0) >= 2, actions.toString());
    }

    @Test
    void everySimulatedItemParsesAndTheNestedShapeReadsAsTheFlatOne() throws Exception {
        JsonNode items = ofType(play(new SimulatedCharacter("Fenn", 17, START), 0), "full_inventory")
                .getFirst()
                .path("items");
        int armour = 0;
        for (JsonNode raw : items) {
            dev.overlord.inventory.Item it = dev.overlord.inventory.ItemParser.parseOrThrow(raw);
            assertFalse(it.name() == null || it.name().isBlank(), raw.toString());
            assertTrue(it.objectClass() != null, raw.toString());
            if ("Armor".equals(it.objectClass())) {
                armour++;
                assertFalse(it.coverage().isEmpty(), "coverage read: " + raw);
                assertTrue(it.armorSet() != null && it.armorLevel() != null, raw.toString());
            }
            if (it.equipped() && "Armor".equals(it.objectClass()))
                assertEquals(it.coverage(), it.equippedSlots(), "a worn piece fills what it covers: " + raw);
        }
        assertTrue(armour >= 20, "armour pieces: " + armour);
        // The same items, each as the game's property maps: the well-known fields read the same.
        for (JsonNode raw : items) {
            if (raw.has("IntValues")) continue;
            dev.overlord.inventory.Item flat = dev.overlord.inventory.ItemParser.parseOrThrow(raw);
            dev.overlord.inventory.Item nested = dev.overlord.inventory.ItemParser.parseOrThrow(
                    SimulatedInventory.nested((com.fasterxml.jackson.databind.node.ObjectNode) raw));
            String what = raw + " / " + SimulatedInventory.nested((com.fasterxml.jackson.databind.node.ObjectNode) raw);
            assertEquals(flat.name(), nested.name(), what);
            assertEquals(flat.objectClass(), nested.objectClass(), what);
            assertEquals(flat.containerId(), nested.containerId(), what);
            assertEquals(flat.equipped(), nested.equipped(), what);
            assertEquals(flat.coverage(), nested.coverage(), what);
            assertEquals(flat.material(), nested.material(), what);
            assertEquals(flat.armorSet(), nested.armorSet(), what);
            assertEquals(flat.armorLevel(), nested.armorLevel(), what);
            assertEquals(flat.maxDamage(), nested.maxDamage(), what);
            assertEquals(flat.damageType(), nested.damageType(), what);
            assertEquals(flat.wieldRequirement(), nested.wieldRequirement(), what);
            assertEquals(flat.wieldSkill(), nested.wieldSkill(), what);
            assertEquals(flat.spells(), nested.spells(), what);
            assertEquals(flat.ratings(), nested.ratings(), what);
            assertEquals(flat.tinks(), nested.tinks(), what);
            assertEquals(flat.value(), nested.value(), what);
            assertEquals(flat.stackSize(), nested.stackSize(), what);
        }
    }

    @Test
    void cantripsAreWornItemsWithTheirSpellsAndQuestsCarryADescription() throws Exception {
        List<JsonNode> login = play(new SimulatedCharacter("Thorn", 11, START), 0);
        JsonNode cantrips = ofType(login, "equipment_cantrip_state").getFirst().path("cantrips");
        assertTrue(cantrips.isArray() && !cantrips.isEmpty(), cantrips.toString());
        assertEquals("Gelidite Robe", cantrips.get(0).path("item_name").asText());
        for (JsonNode item : cantrips) {
            assertTrue(item.path("item_id").isIntegralNumber(), item.toString());
            assertFalse(item.path("item_name").asText().isBlank(), item.toString());
            assertTrue(item.path("spells").isArray() && !item.path("spells").isEmpty(), item.toString());
            item.path("spells").forEach(s -> assertTrue(s.isTextual(), item.toString()));
        }
        assertTrue(cantrips.get(0).path("spells").toString().contains("Legendary Focus"));
        JsonNode quests = ofType(login, "quest").getFirst().path("quests");
        assertEquals(4, quests.size());
        for (JsonNode q : quests) {
            for (String field : List.of("name", "description"))
                assertTrue(q.path(field).isTextual(), q.toString());
            for (String field : List.of("solves", "max_solves", "ready_in_s"))
                assertTrue(q.path(field).isIntegralNumber(), q.toString());
        }
        assertTrue(quests.toString().contains("\"description\":\"Stipend\""), quests.toString());
    }

    /** Frequent events, as the browser tests use them: each within a few minutes of play. */
    private static final SimulatorEvents OFTEN = new SimulatorEvents(
            Duration.ofSeconds(40), Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(40), 1);

    @Test
    void aCharacterDiesAsTheEntityCountsIt_vitaeZeroThenAboveZero_withHealthZeroInBetween() throws Exception {
        List<JsonNode> vitals = ofType(
                play(new SimulatedCharacter("Ember", 3, START, Duration.ofSeconds(2), OFTEN, false), 300), "vitals");
        int deaths = 0;
        for (int i = 1; i < vitals.size(); i++) {
            JsonNode before = vitals.get(i - 1), after = vitals.get(i);
            if (before.path("vitae").asDouble() == 0 && after.path("vitae").asDouble() > 0) {
                deaths++;
                assertEquals(0, before.path("health_current").asInt(), "it lay dead before it respawned: " + before);
            }
        }
        assertTrue(deaths >= 2, "deaths the entity would see in 10 minutes: " + deaths);
    }

    @Test
    void idleSpellsLastLongerThanAGracePeriodAndBlipsDoNot() throws Exception {
        List<JsonNode> telemetry = ofType(
                play(new SimulatedCharacter("Quill", 5, START, Duration.ofSeconds(2), OFTEN, false), 300), "telemetry");
        int longest = 0, run = 0, spells = 0;
        for (JsonNode t : telemetry) {
            boolean idle = t.path("vt_state").asText().equals("Idle");
            run = idle ? run + 1 : 0;
            if (run == 10) spells++;
            longest = Math.max(longest, run);
        }
        assertTrue(spells >= 2, "idle spells of 20 s in 10 minutes: " + spells);
        assertTrue(longest <= 12, "a spell lasts idle-for (and a blip or two), not forever: " + longest + " ticks");
        assertTrue(
                telemetry.stream()
                                .map(t -> t.path("vt_state").asText())
                                .distinct()
                                .count()
                        >= 3,
                "idle, fighting and walking");
    }

    @Test
    void vortexWarningsInChatAndSharedVitalsOnlyFromASharingCharacter() throws Exception {
        List<JsonNode> sharing =
                play(new SimulatedCharacter("Bram", 9, START, Duration.ofSeconds(2), OFTEN, true), 300);
        List<JsonNode> silent =
                play(new SimulatedCharacter("Sable", 9, START, Duration.ofSeconds(2), OFTEN, false), 300);
        assertTrue(
                ofType(sharing, "chat").stream()
                                .filter(c -> c.path("text").asText().contains("whirlwind of vortexes"))
                                .count()
                        >= 3,
                "vortex lines every 40 s or so");
        List<JsonNode> shared = ofType(sharing, "share_vitals");
        assertEquals(150, shared.size(), "every other interval");
        JsonNode s = shared.getFirst();
        assertEquals("Bram", s.path("character_name").asText());
        for (String f : List.of("health_pct", "stamina_pct", "mana_pct", "ew", "ns"))
            assertTrue(s.path(f).isNumber(), f + " in " + s);
        assertTrue(s.path("health_pct").asDouble() >= 0 && s.path("health_pct").asDouble() <= 100, s.toString());
        assertTrue(ofType(silent, "share_vitals").isEmpty());
    }

    @Test
    void theServerKeepsBothSessionsOfASimulatedCharacter() throws Exception {
        String name = Simulator.name(2);
        JsonNode combat = SocketClient.waiting(name + "'s two combat sessions")
                .until(
                        () -> JSON.readTree(
                                overlord.get("/combat-stats/" + name).body()),
                        c -> c.path("sessions").size() == 2);
        JsonNode snapshot = combat.path("sessions").get(0).path("snapshot");
        assertConsistent(snapshot);
        assertFalse(snapshot.has("session_id") || snapshot.has("type"), "the session view has no envelope");
        assertEquals(2, combat.path("lifetime").path("sessions").asInt());
    }

    /** The brief's shape: counts that add up, and rates that are their counts' quotients. */
    private static void assertConsistent(JsonNode s) {
        JsonNode off = s.path("offense");
        JsonNode def = s.path("defense");
        JsonNode monsters = s.path("monsters");
        for (String f : List.of("kills", "deaths")) assertTrue(s.path(f).isIntegralNumber(), f + " in " + s);
        for (String f : List.of("attacks", "hits", "evades", "crits", "total_damage", "max_hit")) {
            assertTrue(off.path(f).isIntegralNumber(), "offense." + f + " in " + s);
        }
        for (String f : List.of("attacks", "hits", "evades", "resists", "damage_taken", "max_hit")) {
            assertTrue(def.path(f).isIntegralNumber(), "defense." + f + " in " + s);
        }
        assertEquals(
                off.path("attacks").asLong(),
                off.path("hits").asLong() + off.path("evades").asLong());
        assertEquals(
                def.path("attacks").asLong(),
                def.path("hits").asLong()
                        + def.path("evades").asLong()
                        + def.path("resists").asLong());
        assertRate(off, "hit_rate", "hits", "attacks");
        assertRate(off, "crit_rate", "crits", "hits");
        assertRate(off, "avg_hit", "total_damage", "hits");
        assertRate(def, "evade_rate", "evades", "attacks");
        assertRate(def, "avg_hit", "damage_taken", "hits");
        assertParts(off, off.path("by_element"), Map.of("hits", "hits", "crits", "crits", "damage", "total_damage"));
        assertParts(def, def.path("by_element"), Map.of("hits", "hits", "damage", "damage_taken"));
        assertParts(s, monsters, Map.of("kills", "kills"));
        assertParts(
                off,
                monsters,
                Map.of("attacks", "attacks", "hits", "hits", "crits", "crits", "damage_given", "total_damage"));
        assertParts(def, monsters, Map.of("damage_taken", "damage_taken"));
        assertMaxHit(off, off.path("by_element"));
        assertMaxHit(def, def.path("by_element"));
        assertMaxHit(off, monsters);
    }

    private static void assertRate(JsonNode o, String rate, String part, String whole) {
        long w = o.path(whole).asLong();
        if (w == 0) {
            assertFalse(o.has(rate), rate + " with nothing to divide by: " + o);
            return;
        }
        assertEquals(
                (double) o.path(part).asLong() / w,
                o.path(rate).asDouble(),
                rate.startsWith("avg") ? 0.006 : 0.00006,
                rate + " in " + o);
    }

    /** Each {@code part -> total}: the parts' values (one object per element or monster) add up to the total. */
    private static void assertParts(JsonNode totals, JsonNode parts, Map<String, String> sums) {
        sums.forEach((part, total) -> {
            long sum = 0;
            for (JsonNode p : parts) sum += p.path(part).asLong();
            assertEquals(
                    totals.path(total).asLong(), sum, part + " adds up to " + total + " in " + totals + " / " + parts);
        });
    }

    private static void assertMaxHit(JsonNode totals, JsonNode parts) {
        long max = 0;
        for (JsonNode p : parts) max = Math.max(max, p.path("max_hit").asLong());
        assertEquals(totals.path("max_hit").asLong(), max, "max_hit of " + totals + " over " + parts);
    }

    /** Every count of {@code later} is at least the same count of {@code earlier}, at any depth. */
    private static void assertNotLess(JsonNode earlier, JsonNode later, String path) {
        if (earlier.isNumber()) {
            if (!path.endsWith("_rate") && !path.endsWith("avg_hit")) {
                assertTrue(later.asDouble() >= earlier.asDouble(), path + " went down: " + earlier + " -> " + later);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> f : earlier.properties()) {
            if (List.of("type", "timestamp", "character_name", "session_id").contains(f.getKey())) continue;
            assertTrue(later.has(f.getKey()), path + "." + f.getKey() + " disappeared");
            assertNotLess(f.getValue(), later.get(f.getKey()), path + "." + f.getKey());
        }
    }
}
