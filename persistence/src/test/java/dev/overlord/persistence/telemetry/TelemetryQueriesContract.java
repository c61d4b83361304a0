package dev.overlord.persistence.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * What {@link TelemetryQueries} answers (pages, steps, trails, the fleet at an instant), given rows
 * written with SQL; run once per vendor.
 */
abstract class TelemetryQueriesContract extends DatabaseTestBase {

    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    ReadModelRows rows;
    TelemetryQueries telemetry;

    @BeforeEach
    void emptyTables() {
        var ds = database().dataSource();
        rows = new ReadModelRows(ds).clear();
        telemetry = new TelemetryQueries(ds);
    }

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static List<String> keys(List<TelemetryRow> page) {
        return page.stream()
                .map(r -> r.characterName() + "@" + (r.ts().getEpochSecond() - T0.getEpochSecond()))
                .toList();
    }

    @Test
    void historyIsTheRangeFromInclusiveToExclusiveOrderedByTimeThenName() {
        rows.telemetry("Bob", t(0), 1, 1)
                .telemetry("Alice", t(0), 2, 2)
                .telemetry("Alice", t(2), 3, 3)
                .telemetry("Bob", t(4), 4, 4)
                .telemetry("Alice", t(-2), 0, 0);

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

        List<TelemetryRow> page = ListedPage.read(telemetry, t(0), t(2), Optional.empty(), 10, Optional.empty())
                .rows();

        assertEquals(
                new TelemetryRow("Alice", t(0), 12.5, -33.25, 4.5, 118L, null, null, null, null, null, "Combat", "s-1"),
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
        rows.telemetry("Alice", t(0), 0, 0)
                .telemetry("Alice", t(1), 1, 1)
                .telemetry("Alice", t(1), 1.5, 1.5)
                .telemetry("Alice", t(2), 2, 2);

        ListedPage first = ListedPage.read(telemetry, t(0), t(10), Optional.of("Alice"), 2, Optional.empty());
        assertEquals(List.of("Alice@0", "Alice@1", "Alice@1"), keys(first.rows()), "the duplicate comes along");
        ListedPage second = ListedPage.read(telemetry, t(0), t(10), Optional.of("Alice"), 2, first.next());
        assertEquals(List.of("Alice@2"), keys(second.rows()));
        assertTrue(second.next().isEmpty());
    }

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
            ListedPage page = ListedPage.read(
                    telemetry, from, to, Optional.empty(), OptionalInt.of(step), 10_000, Optional.empty());
            assertEquals(expected, page.rows(), "step " + step);
            assertTrue(page.next().isEmpty());
            assertEquals(
                    SteppedRows.lastPerBucket(data, from, to, "Bob", step),
                    ListedPage.read(
                                    telemetry,
                                    from,
                                    to,
                                    Optional.of("Bob"),
                                    OptionalInt.of(step),
                                    10_000,
                                    Optional.empty())
                            .rows(),
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
                List<TelemetryRow> whole = ListedPage.read(
                                telemetry, t(0), t(300), character, OptionalInt.of(step), 10_000, Optional.empty())
                        .rows();
                assertEquals(SteppedRows.lastPerBucket(data, t(0), t(300), character.orElse(null), step), whole);
                for (int limit : List.of(1, 2, 3, 7)) {
                    assertEquals(
                            whole,
                            allPages(t(0), t(300), character, step, limit),
                            character + ", step " + step + ", limit " + limit);
                }
            }
        }
    }

    @Test
    void stepOneKeepsOneRowPerCharacterAndSecond() {
        rows.telemetry("Alice", t(0).plusMillis(100), 1, 1)
                .telemetry("Alice", t(0).plusMillis(900), 2, 2)
                .telemetry("Alice", t(1), 3, 3)
                .telemetry("Bob", t(0).plusMillis(500), 4, 4);

        List<TelemetryRow> page = ListedPage.read(
                        telemetry, t(0), t(2), Optional.empty(), OptionalInt.of(1), 100, Optional.empty())
                .rows();

        assertEquals(List.of("Bob@0", "Alice@0", "Alice@1"), keys(page));
        assertEquals(List.of(4.0, 2.0, 3.0), page.stream().map(TelemetryRow::ew).toList(), "the last of each second");
    }

    @Test
    void aStepBelowOneIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ListedPage.read(
                        telemetry, t(0), t(1), Optional.empty(), OptionalInt.of(0), 10, Optional.empty()));
    }

    @Test
    void cursorsRoundTripAndRejectGarbage() {
        TelemetryCursor c = new TelemetryCursor(Instant.parse("2026-11-20T12:00:00.123456Z"), "Ünïcode Name");
        assertEquals(c, TelemetryCursor.decode(c.encode()));
        assertTrue(c.encode().matches("[A-Za-z0-9_-]+"), "URL-safe");
        assertThrows(IllegalArgumentException.class, () -> TelemetryCursor.decode("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> TelemetryCursor.decode("bm9uZXdsaW5l"));
    }

    @Test
    void trailsAreThinnedToTheLimitAndEndAtTheLatestPosition() {
        for (int s = 0; s < 100; s++) {
            rows.telemetry("Alice", t(s), s, -s);
        }
        rows.telemetry("Bob", t(50), 5, 5).telemetry("Bob", t(60), 6, 6).telemetry("Cleo", t(-600), 9, 9);

        List<Trail> trails = telemetry.trails(t(0), 10);

        assertEquals(
                List.of("Alice", "Bob"),
                trails.stream().map(Trail::characterName).toList(),
                "Cleo is too old");
        List<Trail.Point> alice = trails.get(0).points();
        assertEquals(10, alice.size());
        assertEquals(t(99), alice.get(alice.size() - 1).ts(), "ends at the latest");
        assertEquals(99.0, alice.get(alice.size() - 1).ew());
        for (int i = 1; i < alice.size(); i++) {
            assertTrue(alice.get(i - 1).ts().isBefore(alice.get(i).ts()), "oldest first");
        }
        assertEquals(
                List.of(t(50), t(60)),
                trails.get(1).points().stream().map(Trail.Point::ts).toList(),
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

    @Test
    void fleetAtAnInstantIsEachCharactersLatestRowWithinTheLookBack() {
        rows.telemetry("Alice", t(-10), 1, 1)
                .telemetry("Alice", t(-2), 2, 2)
                .telemetry("Alice", t(5), 3, 3)
                .telemetry("Bob", t(0), 4, 4)
                .telemetry("Cleo", t(-400), 5, 5)
                .telemetry("Dana", t(1), 6, 6);

        List<TelemetryRow> fleet = telemetry.fleetAt(t(0), Duration.ofMinutes(5));

        assertEquals(List.of("Alice@-2", "Bob@0"), keys(fleet), "Cleo fell silent too long ago; Dana came later");
        assertEquals(2.0, fleet.get(0).ew());
        assertEquals(List.of("Alice@-2", "Bob@0", "Cleo@-400"), keys(telemetry.fleetAt(t(0), Duration.ofMinutes(10))));
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
