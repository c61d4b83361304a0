package dev.overlord.character;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.character.CharacterEntity.Command;
import dev.overlord.character.CharacterEntity.Observe;
import dev.overlord.character.CharacterEvent.InventoryChanged;
import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.testing.ManualClock;
import dev.overlord.testing.SampleFrames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Given full inventories and deltas, in order or not, the character entity journals only what
 * changed, numbers its versions one by one, ignores (and counts) what changes nothing, and keeps
 * its inventory across a restart. Runs on the in-memory journal with the configured serializers.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryEntityTest {

    static final Config CONFIG = EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load());
    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    @JUnit5TestKit
    public final ActorTestKit testKit =
            new JUnit5TestKitBuilder().withCustomConfig(CONFIG).build();

    static final CharacterSettings SETTINGS = CharacterSettings.from(CONFIG.getConfig("overlord.character"));

    Metrics metrics;
    List<InventoryFeed.Change> told;
    EventSourcedBehaviorTestKit<Command, CharacterEvent, CharacterState> larsson;

    @BeforeEach
    void spawn() {
        metrics = new Metrics();
        told = new ArrayList<>();
        larsson = EventSourcedBehaviorTestKit.create(
                testKit.system(),
                CharacterEntity.create(
                        "Larsson",
                        SETTINGS,
                        new ManualClock(),
                        metrics,
                        AlertFeed.NONE,
                        (name, change) -> told.add(change)),
                EventSourcedBehaviorTestKit.enabledSerializationSettings()
                        .withVerifyCommands(false)
                        .withVerifyEquality(true));
        larsson.clear();
    }

    // ---- frames ----

    static ObjectNode item(long id, String name, int value) {
        ObjectNode i = JsonNodeFactory.instance.objectNode();
        i.put("id", id)
                .put("name", name)
                .put("object_class", "Armor")
                .put("container_id", 0)
                .put("value", value);
        return i;
    }

    static PluginFrame full(String at, ObjectNode... items) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ObjectNode i : items) array.add(i);
        return SampleFrames.of("full_inventory")
                .name("Larsson")
                .set("timestamp", at)
                .set("items", array)
                .frame();
    }

    static PluginFrame delta(String at, String action, ObjectNode item) {
        return SampleFrames.of("inventory_delta")
                .name("Larsson")
                .set("timestamp", at)
                .set("action", action)
                .set("item", item)
                .frame();
    }

    static PluginFrame remove(String at, long id) {
        return SampleFrames.of("inventory_delta")
                .name("Larsson")
                .set("timestamp", at)
                .set("action", "remove")
                .without("item")
                .set("item_id", String.valueOf(id))
                .frame();
    }

    List<InventoryChanged> observe(PluginFrame... frames) {
        var r = larsson.<CharacterEntity.Observed>runCommand(
                replyTo -> new Observe(List.of(frames), "session-1", replyTo));
        assertEquals(new CharacterEntity.Observed("Larsson", frames.length), r.reply());
        return r.events().stream()
                .filter(e -> e instanceof InventoryChanged)
                .map(e -> (InventoryChanged) e)
                .toList();
    }

    long ignored(String reason) {
        return metrics.value("overlord_inventory_ignored_total", "reason", reason);
    }

    static Set<Long> ids(List<String> raws) {
        Set<Long> out = new java.util.TreeSet<>();
        for (String r : raws) out.add(InventoryDecisions.idOf(r));
        return out;
    }

    InventoryFacts inventory() {
        return larsson.getState().inventory();
    }

    // ---- the specification ----

    @Test
    void aSnapshotThenDeltasJournalEachChangeWithTheNextVersion() {
        var first = observe(full("2025-06-14T08:00:00Z", item(1, "Coat", 10), item(2, "Helm", 20)));
        assertEquals(1, first.size());
        assertTrue(first.get(0).snapshot());
        assertEquals(1, first.get(0).version());
        assertEquals(Set.of(1L, 2L), ids(first.get(0).upserts()));
        assertEquals(List.of(), first.get(0).removed());

        var add = observe(delta("2025-06-14T08:01:00Z", "add", item(3, "Ring", 30)));
        assertEquals(2, add.get(0).version());
        assertEquals(List.of(item(3, "Ring", 30).toString()), add.get(0).upserts());
        var update = observe(delta("2025-06-14T08:02:00Z", "update", item(1, "Coat", 11)));
        assertEquals(3, update.get(0).version());
        var gone = observe(remove("2025-06-14T08:03:00Z", 2));
        assertEquals(4, gone.get(0).version());
        assertEquals(List.of(2L), gone.get(0).removed());

        assertEquals(4, inventory().version());
        assertEquals(Set.of(1L, 3L), inventory().items().keySet());
        assertEquals(
                List.of("snapshot", "add", "update", "remove"),
                told.stream().map(InventoryFeed.Change::action).toList());
        assertEquals(
                List.of(1L, 2L, 3L, 4L),
                told.stream().map(InventoryFeed.Change::version).toList());
        assertEquals(2, told.get(0).added());
        assertEquals(2L, told.get(3).itemId());
    }

    @Test
    void aLoginResendingTheSameItemsJournalsNothingAndAReLoginOnlyTheDifference() {
        observe(full("2025-06-14T08:00:00Z", item(1, "Coat", 10), item(2, "Helm", 20), item(3, "Ring", 30)));
        assertEquals(
                List.of(),
                observe(full("2025-06-14T09:00:00Z", item(1, "Coat", 10), item(2, "Helm", 20), item(3, "Ring", 30))));
        assertEquals(1, inventory().version());

        var relogin =
                observe(full("2025-06-14T10:00:00Z", item(1, "Coat", 12), item(3, "Ring", 30), item(4, "Boots", 5)));
        assertEquals(1, relogin.size());
        assertEquals(2, relogin.get(0).version());
        assertEquals(Set.of(1L, 4L), ids(relogin.get(0).upserts()));
        assertEquals(List.of(2L), relogin.get(0).removed());
        InventoryFeed.Change notice = told.get(told.size() - 1);
        assertEquals(List.of(1, 1, 1), List.of(notice.added(), notice.updated(), notice.removed()));
    }

    @Test
    void aSnapshotOlderThanDeltasAlreadyAppliedKeepsWhatTheDeltasMade() {
        observe(full("2025-06-14T08:00:00Z", item(1, "Coat", 10), item(2, "Helm", 20)));
        observe(
                delta("2025-06-14T08:10:00Z", "update", item(1, "Coat", 99)),
                delta("2025-06-14T08:10:00Z", "add", item(5, "Wand", 50)),
                remove("2025-06-14T08:10:00Z", 2));
        // A dump taken at 08:05 arrives late: it still has the helm, the old coat and no wand.
        var late = observe(full("2025-06-14T08:05:00Z", item(1, "Coat", 10), item(2, "Helm", 20), item(6, "Cloak", 1)));
        assertEquals(1, late.size());
        assertEquals(Set.of(6L), ids(late.get(0).upserts()));
        assertEquals(List.of(), late.get(0).removed());
        assertEquals(Set.of(1L, 5L, 6L), inventory().items().keySet());
        assertEquals(
                InventoryDecisions.digest(item(1, "Coat", 99).toString()),
                inventory().items().get(1L).digest());

        // And a late delta does not undo a newer one.
        assertEquals(List.of(), observe(delta("2025-06-14T08:09:00Z", "update", item(1, "Coat", 7))));
        assertEquals(List.of(), observe(delta("2025-06-14T08:09:00Z", "add", item(2, "Helm", 20))));
        assertEquals(2, ignored("stale"));
    }

    @Test
    void duplicatesUnknownItemsAndRemovalsOfGoneItemsAreCountedAndIgnored() {
        observe(full("2025-06-14T08:00:00Z", item(1, "Coat", 10)));
        assertEquals(List.of(), observe(delta("2025-06-14T08:01:00Z", "add", item(1, "Coat", 10))));
        assertEquals(1, ignored("duplicate"));
        assertEquals(List.of(), observe(remove("2025-06-14T08:02:00Z", 42)));
        assertEquals(1, ignored("unknown_item"));
        observe(remove("2025-06-14T08:03:00Z", 1));
        assertEquals(List.of(), observe(remove("2025-06-14T08:04:00Z", 1)));
        assertEquals(1, ignored("already_removed"));
        ObjectNode noId = JsonNodeFactory.instance.objectNode().put("name", "nameless");
        assertEquals(List.of(), observe(delta("2025-06-14T08:05:00Z", "add", noId)));
        assertEquals(1, ignored("no_id"));
        assertEquals(List.of(), observe(delta("2025-06-14T08:05:00Z", "explode", item(9, "x", 1))));
        assertEquals(1, ignored("bad_action"));
        // An update of an item never seen is taken as its add.
        var update = observe(delta("2025-06-14T08:06:00Z", "update", item(7, "Shield", 70)));
        assertEquals(1, update.size());
        assertEquals("add", told.get(told.size() - 1).action());
        assertEquals(3, inventory().version());
    }

    @Test
    void aRestartKeepsTheInventoryAndItsSnapshotStaysSmall() throws Exception {
        ObjectNode[] items = new ObjectNode[200];
        for (int n = 0; n < items.length; n++) items[n] = item(2_148_000_000L + n, "Item number " + n, n);
        observe(full("2025-06-14T08:00:00Z", items));
        observe(remove("2025-06-14T08:01:00Z", 2_148_000_000L));
        larsson.restart();
        assertEquals(2, inventory().version());
        assertEquals(199, inventory().items().size());
        assertEquals(List.of(), observe(full("2025-06-14T08:00:30Z", items)), "the removal is newer than this dump");

        String snapshot = MAPPER.writeValueAsString(larsson.getState());
        assertTrue(snapshot.length() < 200 * 60, "ids and digests only: " + snapshot.length() + " chars");
        assertTrue(!snapshot.contains("Item number"), "no item JSON in the snapshot");
        CharacterState back = MAPPER.readValue(snapshot, CharacterState.class);
        assertEquals(larsson.getState().inventory(), back.inventory());
    }

    /** An item as a plugin reports a piece of armour: about thirty keys, spells and ratings. */
    static ObjectNode realistic(long id, int n) {
        ObjectNode i = item(id, "Gold Olthoi Amuli Leggings of the Fallen " + n, 34_000 + n);
        i.put("container_id", 2_147_839_622L)
                .put("armor_level", 620 + n % 40)
                .put("burden", 1125)
                .put("material", "Gold")
                .put("workmanship", 8.0)
                .put("armor_set", "Soldier's Set")
                .put("tinks", n % 10)
                .put("wield_level", 180)
                .put("equip_mask", "UpperLegs, LowerLegs")
                .put("equipped", false)
                .put("icon", 100_676_436)
                .put("crit_damage_rating", 2)
                .put("damage_resist_rating", 1)
                .put("stack_size", 1)
                .put("item_set_bonus", "Soldier's Set")
                .put("lore_requirement", 290)
                .put("mana", 1200)
                .put("max_mana", 1500)
                .put("spellcraft", 320)
                .put("salvage_workmanship", 8.0)
                .put("imbued_effect", "Armor Rending");
        i.putArray("spells")
                .add("Legendary Strength")
                .add("Legendary Endurance")
                .add("Epic Impregnability")
                .add("Major Invulnerability");
        return i;
    }

    long journaledBytes(List<InventoryChanged> events) {
        var serialization = org.apache.pekko.serialization.SerializationExtension.get(
                testKit.system().classicSystem());
        long bytes = 0;
        for (InventoryChanged e : events) bytes += serialization.serialize(e).get().length;
        return bytes;
    }

    /** The figures docs/benchmarks.md records ("Inventory journaling"); printed, and bounded here. */
    @Test
    void bytesJournaledForALoginAReLoginAndADelta() throws Exception {
        ObjectNode[] items = new ObjectNode[200];
        for (int n = 0; n < items.length; n++) items[n] = realistic(2_148_000_000L + n, n);
        long frameBytes = full("2025-06-14T08:00:00Z", items).envelope().text().length();
        long first = journaledBytes(observe(full("2025-06-14T08:00:00Z", items)));

        ObjectNode[] next = items.clone();
        next[10] = realistic(2_148_000_010L, 10).put("tinks", 9);
        next[20] = realistic(2_148_000_020L, 20).put("equipped", true);
        next[30] = realistic(2_148_001_000L, 1000);
        long relogin = journaledBytes(observe(full("2025-06-14T09:00:00Z", next)));
        long resend = journaledBytes(observe(full("2025-06-14T09:00:05Z", next)));
        long delta = journaledBytes(observe(delta(
                "2025-06-14T09:01:00Z", "update", realistic(2_148_000_040L, 40).put("tinks", 3))));
        long removal = journaledBytes(observe(remove("2025-06-14T09:02:00Z", 2_148_000_050L)));
        long snapshot = MAPPER.writeValueAsString(larsson.getState()).length();

        System.out.printf(
                "inventory journaling: 200-item dump frame %d B; first login journals %d B; re-login with 3 changes %d B;"
                        + " same items again %d B; one update delta %d B; one removal %d B; entity snapshot %d B%n",
                frameBytes, first, relogin, resend, delta, removal, snapshot);
        // Each item is journaled as JSON text inside the event's JSON: its quotes are escaped.
        assertTrue(first < frameBytes * 3 / 2, "the first login journals about the dump itself: " + first);
        assertTrue(relogin < 4 * delta + 512, "a re-login journals its three changes only: " + relogin);
        assertEquals(0, resend);
        assertTrue(removal < 300, "a removal is an id: " + removal);
        assertTrue(snapshot < 200 * 60, "the entity snapshot holds ids and digests: " + snapshot);
    }
}
