package dev.overlord.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.characterstats.CharacterStats;
import dev.overlord.persistence.characterstats.CharacterStatsQueries;
import dev.overlord.persistence.characterstats.Quests;
import dev.overlord.persistence.combat.CombatQueries;
import dev.overlord.persistence.combat.CombatStats;
import dev.overlord.persistence.portals.Portal;
import dev.overlord.persistence.portals.PortalQueries;
import dev.overlord.persistence.rares.RareFind;
import dev.overlord.persistence.rares.RareQueries;
import dev.overlord.persistence.spawns.HeatCell;
import dev.overlord.persistence.spawns.SpawnQueries;
import dev.overlord.persistence.telemetry.ListedPage;
import dev.overlord.persistence.telemetry.SteppedRows;
import dev.overlord.persistence.telemetry.TelemetryCursor;
import dev.overlord.persistence.telemetry.TelemetryQueries;
import dev.overlord.persistence.telemetry.TelemetryRow;
import dev.overlord.persistence.telemetry.Trail;
import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.persistence.testing.ReadModelRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each read model's queries answer, given rows written with SQL; run once per vendor. */
abstract class ReadModelQueriesContract extends DatabaseTestBase {

    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    ReadModelRows rows;
    TelemetryQueries telemetry;
    SpawnQueries spawnQueries;
    PortalQueries portalQueries;
    RareQueries rareQueries;
    CombatQueries combatQueries;
    CharacterStatsQueries statsQueries;
    KnownCharacters known;

    @BeforeEach
    void emptyTables() {
        rows = new ReadModelRows(database().dataSource()).clear();
        var ds = database().dataSource();
        telemetry = new TelemetryQueries(ds);
        spawnQueries = new SpawnQueries(ds);
        portalQueries = new PortalQueries(ds);
        rareQueries = new RareQueries(ds);
        combatQueries = new CombatQueries(ds);
        statsQueries = new CharacterStatsQueries(ds);
        known = new KnownCharacters(ds);
    }

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static List<String> keys(List<TelemetryRow> page) {
        return page.stream().map(r -> r.characterName() + "@" + (r.ts().getEpochSecond() - T0.getEpochSecond())).toList();
    }

    // ---- history ----

    @Test
    void historyIsTheRangeFromInclusiveToExclusiveOrderedByTimeThenName() {
        rows.telemetry("Bob", t(0), 1, 1).telemetry("Alice", t(0), 2, 2).telemetry("Alice", t(2), 3, 3)
                .telemetry("Bob", t(4), 4, 4).telemetry("Alice", t(-2), 0, 0);

        ListedPage page = ListedPage.read(telemetry, t(0), t(4), Optional.empty(), 100, Optional.empty());

        assertEquals(List.of("Alice@0", "Bob@0", "Alice@2"), keys(page.rows()));
        assertTrue(page.next().isEmpty(), "everything fit");
    }

    @Test
    void historyOfOneCharacter() {
        rows.telemetry("Bob", t(0), 1, 1).telemetry("Alice", t(1), 2, 2).telemetry("Alice", t(3), 3, 3);

        ListedPage page = ListedPage.read(telemetry, t(0), t(10), Optional.of("Alice"), 100, Optional.empty());

        assertEquals(List.of("Alice@1", "Alice@3"), keys(page.rows()));
    }

    @Test
    void historyRowsCarryEveryColumnAndNullCounters() {
        rows.telemetry("Alice", t(0), 12.5, -33.25, 4.5, 118L, "Combat", "s-1").telemetry("Bob", t(1), 1, 2);

        List<TelemetryRow> page = ListedPage.read(telemetry, t(0), t(2), Optional.empty(), 10, Optional.empty()).rows();

        assertEquals(new TelemetryRow("Alice", t(0), 12.5, -33.25, 4.5, 118L, null, null, null, null, null, "Combat", "s-1"),
                page.get(0));
        assertNull(page.get(1).kills());
        assertNull(page.get(1).vtState());
    }

    @Test
    void followingNextReturnsEveryRowOnce() {
        List<String> expected = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            for (String name : List.of("Alice", "Bob", "Cleo")) {
                if ((s + name.length()) % 4 != 0) { // an uneven mix per timestamp
                    rows.telemetry(name, t(s), s, s);
                    expected.add(name + "@" + s);
                }
            }
        }
        for (int limit : List.of(1, 2, 5, 1000)) {
            List<String> seen = new ArrayList<>();
            Optional<TelemetryCursor> cursor = Optional.empty();
            int pages = 0;
            do {
                ListedPage page = ListedPage.read(telemetry, t(0), t(12), Optional.empty(), limit, cursor);
                assertTrue(page.rows().size() <= limit, "page within the limit");
                seen.addAll(keys(page.rows()));
                cursor = page.next().map(c -> TelemetryCursor.decode(c.encode()));
                pages++;
            } while (cursor.isPresent() && pages < 1000);
            assertEquals(expected, seen, "limit " + limit);
        }
    }

    @Test
    void aPageDoesNotSplitRowsWithTheSameTimeAndCharacter() {
        rows.telemetry("Alice", t(0), 0, 0).telemetry("Alice", t(1), 1, 1).telemetry("Alice", t(1), 1.5, 1.5)
                .telemetry("Alice", t(2), 2, 2);

        ListedPage first = ListedPage.read(telemetry, t(0), t(10), Optional.of("Alice"), 2, Optional.empty());
        assertEquals(List.of("Alice@0", "Alice@1", "Alice@1"), keys(first.rows()), "the duplicate comes along");
        ListedPage second = ListedPage.read(telemetry, t(0), t(10), Optional.of("Alice"), 2, first.next());
        assertEquals(List.of("Alice@2"), keys(second.rows()));
        assertTrue(second.next().isEmpty());
    }

    // ---- history with a step ----

    private List<TelemetryRow> steppedData() {
        List<TelemetryRow> data = SteppedRows.interleaved(t(0), 300, 400, 7);
        data.forEach(rows::telemetry);
        return data;
    }

    private List<TelemetryRow> allPages(Instant from, Instant to, Optional<String> character, int step, int limit) {
        List<TelemetryRow> seen = new ArrayList<>();
        Optional<TelemetryCursor> cursor = Optional.empty();
        int pages = 0;
        do {
            ListedPage page = ListedPage.read(telemetry, from, to, character, OptionalInt.of(step), limit, cursor);
            assertTrue(page.rows().size() <= limit, "page within the limit");
            seen.addAll(page.rows());
            cursor = page.next().map(c -> TelemetryCursor.decode(c.encode()));
            pages++;
        } while (cursor.isPresent() && pages < 10_000);
        assertTrue(cursor.isEmpty(), "the pages end");
        return seen;
    }

    @Test
    void aStepKeepsEachCharactersLastRowPerBucket() {
        List<TelemetryRow> data = steppedData();
        // From and to off the bucket edges, so the first and last buckets are cut.
        Instant from = t(3).plusMillis(250);
        Instant to = t(290).plusMillis(500);
        for (int step : List.of(1, 7, 60, 86_400)) {
            List<TelemetryRow> expected = SteppedRows.lastPerBucket(data, from, to, null, step);
            ListedPage page = ListedPage.read(telemetry, from, to, Optional.empty(), OptionalInt.of(step), 10_000, Optional.empty());
            assertEquals(expected, page.rows(), "step " + step);
            assertTrue(page.next().isEmpty());
            assertEquals(SteppedRows.lastPerBucket(data, from, to, "Bob", step),
                    ListedPage.read(telemetry, from, to, Optional.of("Bob"), OptionalInt.of(step), 10_000, Optional.empty()).rows(),
                    "Bob, step " + step);
        }
        // The data is what the test needs: buckets of several rows, and the step thins them.
        assertTrue(SteppedRows.lastPerBucket(data, from, to, null, 7).size() < 300, "buckets hold several rows");
        assertEquals(3, SteppedRows.lastPerBucket(data, from, to, null, 86_400).size(), "one row per character a day");
    }

    @Test
    void steppedPagesFollowingNextAreTheRowsOfOneBigPage() {
        List<TelemetryRow> data = steppedData();
        for (Optional<String> character : List.of(Optional.<String>empty(), Optional.of("Cleo"))) {
            for (int step : List.of(1, 10)) {
                List<TelemetryRow> whole = ListedPage.read(telemetry, t(0), t(300), character, OptionalInt.of(step), 10_000,
                        Optional.empty()).rows();
                assertEquals(SteppedRows.lastPerBucket(data, t(0), t(300), character.orElse(null), step), whole);
                for (int limit : List.of(1, 2, 3, 7)) {
                    assertEquals(whole, allPages(t(0), t(300), character, step, limit),
                            character + ", step " + step + ", limit " + limit);
                }
            }
        }
    }

    @Test
    void stepOneKeepsOneRowPerCharacterAndSecond() {
        rows.telemetry("Alice", t(0).plusMillis(100), 1, 1).telemetry("Alice", t(0).plusMillis(900), 2, 2)
                .telemetry("Alice", t(1), 3, 3).telemetry("Bob", t(0).plusMillis(500), 4, 4);

        List<TelemetryRow> page = ListedPage.read(telemetry, t(0), t(2), Optional.empty(), OptionalInt.of(1), 100,
                Optional.empty()).rows();

        assertEquals(List.of("Bob@0", "Alice@0", "Alice@1"), keys(page));
        assertEquals(List.of(4.0, 2.0, 3.0), page.stream().map(TelemetryRow::ew).toList(), "the last of each second");
    }

    @Test
    void aStepBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ListedPage.read(telemetry, t(0), t(1), Optional.empty(), OptionalInt.of(0), 10, Optional.empty()));
    }

    @Test
    void cursorsRoundTripAndRejectGarbage() {
        TelemetryCursor c = new TelemetryCursor(Instant.parse("2026-11-20T12:00:00.123456Z"), "Ünïcode Name");
        assertEquals(c, TelemetryCursor.decode(c.encode()));
        assertTrue(c.encode().matches("[A-Za-z0-9_-]+"), "URL-safe");
        assertThrows(IllegalArgumentException.class, () -> TelemetryCursor.decode("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> TelemetryCursor.decode("bm9uZXdsaW5l"));
    }

    // ---- trails ----

    @Test
    void trailsAreThinnedToTheLimitAndEndAtTheLatestPosition() {
        for (int s = 0; s < 100; s++) {
            rows.telemetry("Alice", t(s), s, -s);
        }
        rows.telemetry("Bob", t(50), 5, 5).telemetry("Bob", t(60), 6, 6).telemetry("Cleo", t(-600), 9, 9);

        List<Trail> trails = telemetry.trails(t(0), 10);

        assertEquals(List.of("Alice", "Bob"), trails.stream().map(Trail::characterName).toList(), "Cleo is too old");
        List<Trail.Point> alice = trails.get(0).points();
        assertEquals(10, alice.size());
        assertEquals(t(99), alice.get(alice.size() - 1).ts(), "ends at the latest");
        assertEquals(99.0, alice.get(alice.size() - 1).ew());
        for (int i = 1; i < alice.size(); i++) {
            assertTrue(alice.get(i - 1).ts().isBefore(alice.get(i).ts()), "oldest first");
        }
        assertEquals(List.of(t(50), t(60)), trails.get(1).points().stream().map(Trail.Point::ts).toList(),
                "short trails are whole");
    }

    @Test
    void trailsNeverExceedTheLimitForAwkwardCounts() {
        for (int s = 0; s < 21; s++) {
            rows.telemetry("Alice", t(s), s, s);
        }
        for (int k : List.of(1, 2, 3, 7, 10, 20, 21, 50)) {
            List<Trail.Point> points = telemetry.trails(t(0), k).get(0).points();
            assertTrue(points.size() <= k && points.size() >= Math.min(k, 21) / 2, k + " -> " + points.size());
            assertEquals(t(20), points.get(points.size() - 1).ts());
        }
    }

    // ---- heatmap ----

    @Test
    void heatmapCountsSpawnsPerBinBusiestFirst() {
        rows.spawn("Alice", t(0), "Drudge", 10.2, 20.9).spawn("Alice", t(1), "Drudge", 10.9, 20.1)
                .spawn("Bob", t(2), "Mite", 11.5, 20.5).spawn("Bob", t(3), "Mite", -0.5, -0.5)
                .spawn("Bob", t(-7200), "Old", 10.5, 20.5);

        List<HeatCell> cells = spawnQueries.heatmap(t(-3600), 1.0, 100);

        assertEquals(List.of(new HeatCell(10, 20, 2), new HeatCell(-1, -1, 1), new HeatCell(11, 20, 1)), cells);
        assertEquals(List.of(new HeatCell(10, 20, 3)), spawnQueries.heatmap(t(-3600), 5.0, 1).subList(0, 1),
                "bigger bins merge; the cap keeps the busiest");
        assertEquals(1, spawnQueries.heatmap(t(-3600), 5.0, 1).size());
        assertTrue(spawnQueries.heatmap(t(-3600), 0.1, 100).contains(new HeatCell(10.9, 20.1, 1)),
                "corners are decimals, not 10.900000000000002");
    }

    // ---- portals ----

    @Test
    void portalsSeenWithinTheWindowMostRecentFirst() {
        rows.portal("Portal to Arwic", 12.3, -4.5, "Alice", t(-7200), t(-60))
                .portal("Portal to Holtburg", 1.0, 2.0, "Bob", t(-600), t(-10))
                .portal("Stale Portal", 5.0, 5.0, "Bob", t(-9000), t(-3601));

        List<Portal> portals = portalQueries.seenSince(t(-3600));

        assertEquals(List.of("Portal to Holtburg", "Portal to Arwic"), portals.stream().map(Portal::portalName).toList());
        assertEquals(new Portal("Portal to Arwic", 12.3, -4.5, null, "Alice", t(-7200), t(-60)), portals.get(1));
    }

    // ---- stats ----

    @Test
    void characterStatsAreTheLatestFrameParsedWithTotals() {
        rows.characterStats("Alice", "{\"level\":275,\"attributes\":{\"strength\":100}}", "[\"Major Strength\"]", null, t(0))
                .charStats("Alice", 1200, 3, 7, 412, t(5));

        CharacterStats stats = statsQueries.characterStats("Alice");

        assertEquals(275, stats.latest().orElseThrow().stats().path("level").asInt());
        assertEquals(100, stats.latest().orElseThrow().stats().path("attributes").path("strength").asInt());
        assertEquals("Major Strength", stats.latest().orElseThrow().cantrips().get(0).asText());
        assertEquals(t(0), stats.latest().orElseThrow().updatedAt());
        assertEquals(new CharacterStats.Totals(1200, 3, 7, 412, t(5)), stats.totals().orElseThrow());

        CharacterStats none = statsQueries.characterStats("Nobody");
        assertTrue(none.latest().isEmpty() && none.totals().isEmpty());
    }

    @Test
    void aColumnThatIsNotJsonComesBackAsText() {
        rows.characterStats("Alice", "not json {", null, null, t(0));

        CharacterStats.Latest latest = statsQueries.characterStats("Alice").latest().orElseThrow();

        assertTrue(latest.stats().isTextual());
        assertEquals("not json {", latest.stats().asText());
        assertNull(latest.cantrips());
    }

    @Test
    void combatStatsAreLifetimeAndTheLatestSessionsNewestFirst() {
        rows.combatLifetime("Alice", "{\"kills\":30,\"damage_dealt\":9000}", 3, t(30))
                .combatSession("Alice", "s-1", "{\"kills\":10}", t(10))
                .combatSession("Alice", "s-3", "{\"kills\":5}", t(30))
                .combatSession("Alice", "s-2", "{\"kills\":15}", t(20))
                .combatSession("Bob", "s-9", "{\"kills\":1}", t(40));

        CombatStats stats = combatQueries.combatStats("Alice", 2);

        CombatStats.Lifetime lifetime = stats.lifetime().orElseThrow();
        assertEquals(9000, lifetime.totals().path("damage_dealt").asInt());
        assertEquals(3, lifetime.sessions());
        assertEquals(List.of("s-3", "s-2"), stats.sessions().stream().map(CombatStats.Session::sessionId).toList());
        assertEquals(5, stats.sessions().get(0).snapshot().path("kills").asInt());
        assertEquals(t(30), stats.sessions().get(0).snapshotTs());

        CombatStats bob = combatQueries.combatStats("Bob", 10);
        assertTrue(bob.lifetime().isEmpty());
        assertEquals(1, bob.sessions().size());
    }

    @Test
    void raresAreNewestFirstFilterableAndLimited() {
        rows.rare("Alice", t(0), "Pearl of Blood Drinking", "s-1", 1.0, 2.0, "{\"type\":\"rare\",\"name\":\"Pearl\"}")
                .rare("Bob", t(10), "Shimmering Skeleton Key", null, null, null, null)
                .rare("Alice", t(20), "Gelidite Ring", "s-2", 3.0, 4.0, "{}");

        List<RareFind> all = rareQueries.latest(Optional.empty(), 10);
        assertEquals(List.of("Gelidite Ring", "Shimmering Skeleton Key", "Pearl of Blood Drinking"),
                all.stream().map(RareFind::name).toList());
        RareFind pearl = all.get(2);
        assertEquals("Alice", pearl.characterName());
        assertEquals(t(0), pearl.ts());
        assertEquals("s-1", pearl.sessionId());
        assertEquals(1.0, pearl.ew());
        assertEquals("rare", pearl.frame().path("type").asText());
        assertNull(all.get(1).ew());
        assertNull(all.get(1).frame());

        assertEquals(List.of("Gelidite Ring", "Pearl of Blood Drinking"),
                rareQueries.latest(Optional.of("Alice"), 10).stream().map(RareFind::name).toList());
        assertEquals(List.of("Gelidite Ring"), rareQueries.latest(Optional.empty(), 1).stream().map(RareFind::name).toList());
    }

    @Test
    void questsComeFromTheLatestStatsFrame() {
        rows.characterStats("Alice", "{}", null, "{\"Stipend\":{\"solves\":3}}", t(7))
                .characterStats("Bob", "{}", null, null, t(8));

        Quests quests = statsQueries.quests("Alice").orElseThrow();
        assertEquals(3, quests.quests().path("Stipend").path("solves").asInt());
        assertEquals(t(7), quests.updatedAt());
        assertNull(statsQueries.quests("Bob").orElseThrow().quests(), "a frame without quests");
        assertTrue(statsQueries.quests("Nobody").isEmpty());
    }

    // ---- fleet snapshot ----

    @Test
    void fleetAtAnInstantIsEachCharactersLatestRowWithinTheLookBack() {
        rows.telemetry("Alice", t(-10), 1, 1).telemetry("Alice", t(-2), 2, 2).telemetry("Alice", t(5), 3, 3)
                .telemetry("Bob", t(0), 4, 4)
                .telemetry("Cleo", t(-400), 5, 5)
                .telemetry("Dana", t(1), 6, 6);

        List<TelemetryRow> fleet = telemetry.fleetAt(t(0), Duration.ofMinutes(5));

        assertEquals(List.of("Alice@-2", "Bob@0"), keys(fleet), "Cleo fell silent too long ago; Dana came later");
        assertEquals(2.0, fleet.get(0).ew());
        assertEquals(List.of("Alice@-2", "Bob@0", "Cleo@-400"), keys(telemetry.fleetAt(t(0), Duration.ofMinutes(10))));
    }

    // ---- characters ----

    @Test
    void aCharacterIsKnownByAnyOfItsRows() {
        rows.telemetry("Tele", t(0), 0, 0)
                .characterStats("Stats", "{}", null, null, t(0))
                .charStats("Totals", 1, 0, 0, 0, t(0))
                .combatLifetime("Combat", "{}", 1, t(0))
                .rare("Rare", t(0), "Pearl", null, null, null, null);

        for (String name : List.of("Tele", "Stats", "Totals", "Combat", "Rare")) {
            assertTrue(known.contains(name), name);
        }
        assertFalse(known.contains("Nobody"));
        assertFalse(known.contains("tele"), "names are case-sensitive, as the plugin sends them");
    }

    @Test
    void historyRowsOfManyCharactersAreNotDuplicatedAcrossPagesOfTheSameTime() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            rows.telemetry("Char" + (char) ('A' + i), t(0), i, i);
            names.add("Char" + (char) ('A' + i));
        }
        Set<String> seen = new HashSet<>();
        Optional<TelemetryCursor> cursor = Optional.empty();
        do {
            ListedPage page = ListedPage.read(telemetry, t(0), t(1), Optional.empty(), 4, cursor);
            page.rows().forEach(r -> assertTrue(seen.add(r.characterName()), "once: " + r.characterName()));
            cursor = page.next();
        } while (cursor.isPresent());
        assertEquals(names, seen);
    }
}
