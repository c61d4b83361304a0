package dev.overlord.persistence.inventory;

import static dev.overlord.persistence.inventory.SampleItems.armor;
import static dev.overlord.persistence.inventory.SampleItems.item;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.overlord.character.CharacterEvent;
import dev.overlord.inventory.OwnedItem;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.inventory.ItemSearch.Sort;
import dev.overlord.persistence.projection.CharacterProjectionHandler;
import dev.overlord.persistence.projection.PlainJdbcSession;
import dev.overlord.persistence.setaside.SetAside;
import dev.overlord.persistence.testing.DatabaseTestBase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every search filter alone and combined, the facets, sorting and paging, over items written by
 * the projection. Per vendor. Item ids by name: 5 Adept Helm, 2 Amuli Leggings, 1 Celdon
 * Breastplate, 3 Gold Ring, 4 Heavy Axe, 6 Pyreal 100%_x.
 */
abstract class InventorySearchContract extends DatabaseTestBase {

    InventoryItems items;

    @BeforeAll
    void writeTwoInventories() throws Exception {
        items = new InventoryItems(database().dataSource());
        write(
                "Alice",
                List.of(
                        armor(1, "Celdon Breastplate", "Soldier's Set", 600, "Legendary Strength", "Major Focus")
                                .set("material", "Steel")
                                .set("tinks", 5)
                                .set("workmanship", 9.0)
                                .set("wield_requirement", 180)
                                .set("equipped", true)
                                .set("value", 5000)
                                .ratings(Map.of("crit_damage", 2))
                                .json(),
                        armor(2, "Amuli Leggings", "Soldier's Set", 500, "Major Focus")
                                .set("material", "Iron")
                                .set("tinks", 2)
                                .set("workmanship", 6.0)
                                .set("wield_requirement", 150)
                                .set("value", 3000)
                                .json(),
                        item(3, "Gold Ring")
                                .set("object_class", "Jewelry")
                                .set("material", "Gold")
                                .spells("Legendary Strength")
                                .set("equipped", true)
                                .set("value", 100)
                                .ratings(Map.of("crit_damage", 1, "damage", 3))
                                .json()));
        write(
                "Bob",
                List.of(
                        item(4, "Heavy Axe")
                                .set("object_class", "MeleeWeapon")
                                .set("material", "Iron")
                                .set("max_damage", 45)
                                .set("wield_requirement", 300)
                                .set("tinks", 10)
                                .set("workmanship", 10.0)
                                .set("value", 9000)
                                .json(),
                        armor(5, "Adept Helm", "Adept's Set", 400, "Major Focus", "Minor Quickness")
                                .set("material", "Steel")
                                .set("tinks", 0)
                                .set("workmanship", 5.0)
                                .ratings(Map.of("damage_resist", 4))
                                .json(),
                        item(6, "Pyreal 100%_x").json()));
    }

    private void write(String who, List<String> upserts) throws Exception {
        write(who, upserts, List.of());
    }

    private void write(String who, List<String> upserts, List<Long> removed) throws Exception {
        Instant at = Instant.parse("2026-11-20T12:00:00Z");
        PlainJdbcSession session = new PlainJdbcSession(database().dataSource());
        try {
            new CharacterProjectionHandler(vendor(), "test/search", new SetAside(new Metrics(), Clock.systemUTC()))
                    .process(
                            session,
                            List.of(EventEnvelope.create(
                                    Offset.sequence(1),
                                    "Character|" + who,
                                    1L,
                                    (CharacterEvent)
                                            new CharacterEvent.InventoryChanged(at, 1, at, true, upserts, removed),
                                    0L)));
            session.commit();
        } finally {
            session.close();
        }
    }

    List<Long> ids(ItemSearch.Builder search) {
        return items.search(search.build()).items().stream()
                .map(o -> o.item().id())
                .toList();
    }

    static ItemSearch.Builder all() {
        return ItemSearch.builder();
    }

    @Test
    void noFilterFindsEveryItemByName() {
        SearchResult r = items.search(all().build());
        assertEquals(6, r.total());
        assertEquals(
                List.of(5L, 2L, 1L, 3L, 4L, 6L),
                r.items().stream().map(o -> o.item().id()).toList());
        OwnedItem helm = r.items().getFirst();
        assertEquals("Bob", helm.character());
        assertEquals(List.of("Major Focus", "Minor Quickness"), helm.item().spells());
        assertEquals(Map.of("damage_resist", 4), helm.item().ratings());
    }

    @Test
    void textIsAContainedCaseInsensitiveMatchWithWildcardsTakenLiterally() {
        assertEquals(List.of(3L), ids(all().q("RING")));
        assertEquals(List.of(5L, 2L), ids(all().q("a")).subList(0, 2));
        assertEquals(List.of(6L), ids(all().q("100%_")));
        assertEquals(List.of(), ids(all().q("1%0")));
    }

    @Test
    void textFindsWhatEveryRowTestedWouldWhetherByTheNamesOrByTheRows() {
        // A text in few names is looked up by name (InventoryItems.text), one in many is tested on
        // every row: both must find the items whose name holds it, and nothing else.
        List<OwnedItem> every = items.search(all().build()).items();
        Set<String> texts = new TreeSet<>();
        for (OwnedItem o : every) {
            String name = o.item().name().toLowerCase(Locale.ROOT);
            for (int from = 0; from < name.length(); from++)
                for (int to = from + 1; to <= Math.min(name.length(), from + 4); to++)
                    texts.add(name.substring(from, to));
        }
        texts.add("zzz");
        for (String q : texts) {
            List<Long> expected = every.stream()
                    .filter(o -> o.item().name().toLowerCase(Locale.ROOT).contains(q))
                    .map(o -> o.item().id())
                    .sorted()
                    .toList();
            SearchResult r = items.search(all().q(q.toUpperCase(Locale.ROOT)).build());
            assertEquals(
                    expected,
                    r.items().stream().map(o -> o.item().id()).sorted().toList(),
                    "q=" + q);
            assertEquals(expected.size(), r.total(), "total for q=" + q);
        }
    }

    @Test
    void aTextInHundredsOfNamesButNotMostIsTestedOnEveryRowAndSortedTheSame() throws Exception {
        // 650 names hold "zq" (over NAMES_LISTED, under a third of the 2,150 names): the text is
        // tested on every row and sorted by an expression; the page must be what a sort of the
        // matches gives.
        List<String> upserts = new ArrayList<>();
        for (int n = 0; n < 2150; n++)
            upserts.add(item(100_000 + n, (n < 650 ? "Zq Thing " : "Other Thing ") + n)
                    .set("value", (n * 7919) % 1000)
                    .json());
        write("Dave", upserts);
        try {
            SearchResult r = items.search(
                    all().q("zq").sort(Sort.VALUE).descending(true).limit(20).build());
            assertEquals(650, r.total());
            List<Long> expected = items
                    .search(all().characters(List.of("Dave"))
                            .sort(Sort.VALUE)
                            .descending(true)
                            .limit(2200)
                            .build())
                    .items()
                    .stream()
                    .filter(o -> o.item().name().startsWith("Zq"))
                    .limit(20)
                    .map(o -> o.item().id())
                    .toList();
            assertEquals(expected, r.items().stream().map(o -> o.item().id()).toList());
        } finally {
            write("Dave", List.of(), daveIds(upserts.size()));
        }
    }

    private static List<Long> daveIds(int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(100_000L + i);
        return ids;
    }

    @Test
    void classMaterialSetAndCharacterAreAnyOf() {
        assertEquals(List.of(5L, 2L, 1L), ids(all().objectClasses(List.of("Armor"))));
        assertEquals(List.of(3L, 4L), ids(all().objectClasses(List.of("Jewelry", "MeleeWeapon"))));
        assertEquals(List.of(5L, 1L), ids(all().materials(List.of("Steel"))));
        assertEquals(List.of(2L, 1L), ids(all().armorSets(List.of("Soldier's Set"))));
        assertEquals(List.of(5L, 4L, 6L), ids(all().characters(List.of("Bob"))));
        assertEquals(List.of(), ids(all().characters(List.of("Nobody"))));
    }

    @Test
    void spellsAllOfAndAnyOfIgnoreCase() {
        assertEquals(List.of(1L), ids(all().spellsAll(List.of("legendary strength", "MAJOR FOCUS"))));
        assertEquals(List.of(5L, 2L, 1L), ids(all().spellsAll(List.of("Major Focus"))));
        assertEquals(List.of(5L, 1L, 3L), ids(all().spellsAny(List.of("Minor Quickness", "Legendary Strength"))));
    }

    @Test
    void minimumsAndRanges() {
        assertEquals(List.of(2L, 1L), ids(all().minArmorLevel(500)));
        assertEquals(List.of(4L), ids(all().minDamage(40)));
        assertEquals(List.of(1L), ids(all().minRatings(Map.of("crit_damage", 2))));
        assertEquals(List.of(1L, 3L), ids(all().minRatings(Map.of("crit_damage", 1))));
        assertEquals(List.of(3L), ids(all().minRatings(Map.of("crit_damage", 1, "damage", 3))));
        assertEquals(List.of(2L, 1L), ids(all().tinksMin(2).tinksMax(5)));
        assertEquals(List.of(1L, 4L), ids(all().tinksMin(5)));
        assertEquals(List.of(5L), ids(all().tinksMax(0)));
        assertEquals(List.of(2L, 1L), ids(all().workmanshipMin(6.0).workmanshipMax(9.0)));
        // Items without a wield requirement pass a maximum.
        assertEquals(List.of(5L, 2L, 3L, 6L), ids(all().maxWield(160)));
        assertEquals(List.of(1L, 3L), ids(all().equipped(true)));
        assertEquals(List.of(5L, 2L, 4L, 6L), ids(all().equipped(false)));
    }

    @Test
    void filtersCombine() {
        assertEquals(List.of(1L), ids(all().armorSets(List.of("Soldier's Set")).minArmorLevel(550)));
        assertEquals(
                List.of(2L, 1L),
                ids(all().spellsAll(List.of("Major Focus"))
                        .objectClasses(List.of("Armor"))
                        .characters(List.of("Alice"))));
        assertEquals(
                List.of(5L),
                ids(all().materials(List.of("Steel")).equipped(false).q("helm")));
    }

    @Test
    void facetsCountTheWholeFilteredSetNotThePage() {
        SearchResult r =
                items.search(all().objectClasses(List.of("Armor")).limit(1).build());
        assertEquals(3, r.total());
        assertEquals(1, r.items().size());
        assertEquals(Map.of("Soldier's Set", 2L, "Adept's Set", 1L), r.facets().get("armor_set"));
        assertEquals(Map.of("Steel", 2L, "Iron", 1L), r.facets().get("material"));
        assertEquals(Map.of("Armor", 3L), r.facets().get("object_class"));
        SearchResult none = items.search(all().q("no such thing").build());
        assertEquals(0, none.total());
        assertEquals(Map.of(), none.facets().get("armor_set"));
    }

    @Test
    void sortsAndPages() {
        assertEquals(
                List.of(1L, 2L, 5L, 3L, 4L, 6L),
                ids(all().sort(Sort.ARMOR_LEVEL).descending(true)));
        assertEquals(List.of(5L, 2L, 1L, 3L, 4L, 6L), ids(all().sort(Sort.ARMOR_LEVEL)));
        assertEquals(List.of(4L, 1L, 2L, 3L, 5L, 6L), ids(all().sort(Sort.VALUE).descending(true)));
        assertEquals(List.of(5L, 2L, 1L, 4L, 3L, 6L), ids(all().sort(Sort.TINKS)));
        assertEquals(
                List.of(4L, 5L, 6L, 1L, 2L, 3L),
                ids(all().sort(Sort.CHARACTER_NAME).descending(true)));
        assertEquals(
                List.of(4L, 1L, 2L, 5L, 3L, 6L),
                ids(all().sort(Sort.WORKMANSHIP).descending(true)));
        assertEquals(
                List.of(4L, 1L, 2L, 3L, 5L, 6L), ids(all().sort(Sort.MAX_DAMAGE).descending(true)));
        SearchResult page = items.search(all().limit(2).offset(2).build());
        assertEquals(6, page.total());
        assertEquals(
                List.of(1L, 3L), page.items().stream().map(o -> o.item().id()).toList());
        assertEquals(6, items.search(all().limit(2).offset(10).build()).total());
    }

    @Test
    void spellsAndRatingsBelongToTheCharacterThatListsThem() throws Exception {
        // Item 1 listed by a second character too (as while it changes hands), without its spell
        // or rating there: only Alice's listing matches.
        write("Carol", List.of(item(1, "Celdon Breastplate").json()));
        try {
            assertEquals(List.of("Alice"), owners(all().spellsAll(List.of("Legendary Strength", "Major Focus"))));
            assertEquals(
                    List.of("Alice"),
                    owners(all().spellsAny(List.of("Major Focus")).q("celdon")));
            assertEquals(List.of("Alice"), owners(all().minRatings(Map.of("crit_damage", 2))));
            assertEquals(List.of("Alice", "Carol"), owners(all().q("celdon").sort(Sort.CHARACTER_NAME)));
        } finally {
            write("Carol", List.of(), List.of(1L));
        }
    }

    private List<String> owners(ItemSearch.Builder search) {
        return items.search(search.build()).items().stream()
                .map(o -> o.character())
                .toList();
    }

    @Test
    void aTextFilterKeepsEverySortOrder() {
        // With a text filter the sort key is an expression (see InventoryItems.search): the order
        // must be the one the same sort gives without it, limited to the matches.
        for (Sort sort : Sort.values())
            for (boolean descending : List.of(false, true))
                for (String q : List.of("e", "a", "helm")) {
                    java.util.Set<Long> matches = new java.util.HashSet<>(ids(all().q(q)));
                    List<Long> expected = ids(all().sort(sort).descending(descending)).stream()
                            .filter(matches::contains)
                            .toList();
                    assertEquals(
                            expected,
                            ids(all().q(q).sort(sort).descending(descending)),
                            sort + (descending ? " desc" : " asc") + " with q=" + q);
                }
    }

    @Test
    void itemsOfCharactersForTheSuitbuilder() {
        assertEquals(3, items.items(List.of("Alice")).size());
        assertEquals(6, items.items(List.of()).size());
        assertEquals(
                List.of("Bob", "Bob", "Bob"),
                items.items(List.of("Bob", "Nobody")).stream()
                        .map(OwnedItem::character)
                        .toList());
    }
}
