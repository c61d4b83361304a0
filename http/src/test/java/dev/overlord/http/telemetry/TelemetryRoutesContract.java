package dev.overlord.http.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.readapi.ReadRoutesTestBase;
import dev.overlord.http.readapi.RouteProbe;
import dev.overlord.persistence.telemetry.SteppedRows;
import dev.overlord.persistence.telemetry.TelemetryRow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code /history}, {@code /history/snapshot} and {@code /trails} through the route testkit over a real
 * database given rows written with SQL; run once per vendor.
 */
abstract class TelemetryRoutesContract extends ReadRoutesTestBase {

    @Test
    void historyIsTheRowsOfTheRangeWithNoNextWhenAllFit() {
        rows.telemetry("Larsson", t(0), 12.41, -33.08, 4.2, 118L, "Combat", "s-1")
                .telemetry("Larsson", t(2), 12.5, -33.0)
                .telemetry("Mule", t(1), 1, 2)
                .telemetry("Larsson", t(10), 0, 0);

        JsonNode body = ok("/history?from=" + T0 + "&to=" + t(10));

        assertEquals(List.of("rows", "next"), fieldNames(body));
        assertTrue(body.path("next").isNull());
        JsonNode first = body.path("rows").get(0);
        assertEquals(TelemetryApiContract.COLUMNS, fieldNames(first));
        assertEquals("Larsson", first.path("character_name").asText());
        assertEquals("2026-11-20T12:00:00Z", first.path("timestamp").asText());
        assertEquals(12.41, first.path("ew").asDouble());
        assertEquals(118, first.path("kills").asLong());
        assertTrue(first.path("kills_per_hour").isNull());
        assertEquals("Combat", first.path("vt_state").asText());
        List<String> order = new ArrayList<>();
        body.path("rows")
                .forEach(r -> order.add(r.path("character_name").asText() + "@"
                        + r.path("timestamp").asText()));
        assertEquals(
                List.of("Larsson@2026-11-20T12:00:00Z", "Mule@2026-11-20T12:00:01Z", "Larsson@2026-11-20T12:00:02Z"),
                order,
                "to is exclusive; ordered by time");
    }

    @Test
    void historyTakesEpochSecondsAndOffsetsToo() {
        rows.telemetry("Larsson", t(0), 1, 1).telemetry("Larsson", t(5), 2, 2);

        assertEquals(
                2,
                ok("/history?from=" + T0.getEpochSecond() + "&to=" + (T0.getEpochSecond() + 6))
                        .path("rows")
                        .size());
        assertEquals(
                1,
                ok("/history?from=" + enc("2026-11-20T13:00:01+01:00") + "&to=" + enc("2026-11-20T13:00:06+01:00"))
                        .path("rows")
                        .size());
    }

    @Test
    void followingNextReturnsEveryRowOnce() {
        Set<String> expected = new HashSet<>();
        for (int s = 0; s < 40; s++) {
            for (String name : List.of("Larsson", "Mule", "Tank")) {
                if ((s * 7 + name.length()) % 3 != 0) {
                    rows.telemetry(name, t(s), s, s);
                    expected.add(name + "@" + t(s));
                }
            }
        }
        for (String character : List.of("", "&character=Mule")) {
            List<String> seen = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                JsonNode page = ok("/history?from=" + T0 + "&to=" + t(40) + "&limit=7" + character
                        + (next == null ? "" : "&cursor=" + next));
                assertTrue(page.path("rows").size() <= 7);
                page.path("rows")
                        .forEach(r -> seen.add(r.path("character_name").asText() + "@"
                                + r.path("timestamp").asText()));
                next = page.path("next").isNull() ? null : page.path("next").asText();
                pages++;
            } while (next != null && pages < 100);
            Set<String> want = character.isEmpty()
                    ? expected
                    : new HashSet<>(
                            expected.stream().filter(k -> k.startsWith("Mule@")).toList());
            assertEquals(want.size(), seen.size(), "no row twice" + character);
            assertEquals(want, new HashSet<>(seen), "every row" + character);
        }
    }

    /** Rows with every kind of value: counters set and null, sub-second times, names to escape. */
    private List<TelemetryRow> variedRows() {
        List<TelemetryRow> list = List.of(
                new TelemetryRow("Larsson", t(0), 12.41, -33.08, 4.2, 118L, 236.0, 1L, 1L, 2L, 412L, "Combat", "5f1c"),
                new TelemetryRow(
                        "Larsson",
                        t(0).plusMillis(500),
                        12.5,
                        -33.0,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                new TelemetryRow(
                        "Mül \"the\" Mule",
                        t(1).plusNanos(123_456_000),
                        1e-7,
                        1e21,
                        -2.5,
                        Long.MAX_VALUE,
                        0.1,
                        0L,
                        -1L,
                        0L,
                        0L,
                        "Navigating\u2028",
                        "s/1"),
                new TelemetryRow(
                        "Larsson",
                        t(3).plusNanos(1_000),
                        0.30000000000000004,
                        100,
                        7,
                        0L,
                        1.5E-5,
                        3L,
                        4L,
                        5L,
                        6L,
                        "",
                        "x"));
        list.forEach(rows::telemetry);
        return list;
    }

    /**
     * A row as the JSON tree the API documents, as the tree-based writer builds it (still what
     * /history/snapshot answers with), so the streamed /history must match it byte for byte.
     */
    private static ObjectNode treeRow(TelemetryRow r) {
        return TelemetryJson.telemetry(r);
    }

    @Test
    void historyBodyIsByteForByteTheDocumentedJson() {
        List<TelemetryRow> list = variedRows();
        ObjectNode expected = JSON.createObjectNode();
        ArrayNode expectedRows = expected.putArray("rows");
        list.forEach(r -> expectedRows.add(treeRow(r)));
        expected.putNull("next");

        RouteProbe.Response r = get("/history?from=" + T0 + "&to=" + t(4));

        assertEquals(200, r.status(), r.body());
        assertEquals(expected.toString(), r.body());
    }

    @Test
    void columnsFormatHasTheSameValuesAsArrays() {
        List<TelemetryRow> list = variedRows();
        String range = "/history?from=" + T0 + "&to=" + t(4) + "&limit=3";

        JsonNode objects = ok(range);
        JsonNode columns = ok(range + "&format=columns");

        assertEquals(List.of("columns", "rows", "next"), fieldNames(columns));
        List<String> names = new ArrayList<>();
        columns.path("columns").forEach(n -> names.add(n.asText()));
        assertEquals(fieldNames(treeRow(list.get(0))), names);
        assertEquals(3, columns.path("rows").size());
        for (int i = 0; i < 3; i++) {
            ArrayNode values = JSON.createArrayNode();
            objects.path("rows").get(i).forEach(values::add);
            assertEquals(values, columns.path("rows").get(i), "row " + i);
        }
        assertEquals(objects.path("next"), columns.path("next"), "the same cursor");
        JsonNode rest =
                ok(range + "&format=columns&cursor=" + columns.path("next").asText());
        assertEquals(1, rest.path("rows").size());
        assertTrue(rest.path("next").isNull());
        assertEquals(
                list.get(3).ts().toString(), rest.path("rows").get(0).get(1).asText());
    }

    @Test
    void pagesNeverSplitRowsOfEqualTimeAndNameInEitherFormat() {
        rows.telemetry("Alice", t(0), 0, 0)
                .telemetry("Bob", t(1), 1, 0)
                .telemetry("Bob", t(1), 2, 0)
                .telemetry("Bob", t(1), 3, 0)
                .telemetry("Carol", t(2), 4, 0);
        for (String format : List.of("objects", "columns")) {
            List<Double> seen = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (int limit : List.of(1, 2)) {
                String next = null;
                do {
                    JsonNode page = ok("/history?from=" + T0 + "&to=" + t(3) + "&limit=" + limit + "&format=" + format
                            + (next == null ? "" : "&cursor=" + next));
                    page.path("rows")
                            .forEach(r -> seen.add(
                                    format.equals("objects")
                                            ? r.path("ew").asDouble()
                                            : r.get(2).asDouble()));
                    sizes.add(page.path("rows").size());
                    next = page.path("next").isNull() ? null : page.path("next").asText();
                } while (next != null && sizes.size() < 20);
            }
            // limit=1: Alice | the 3 Bobs whole (a page that is one group) | Carol; limit=2: Alice and the 3 Bobs |
            // Carol.
            assertEquals(List.of(1, 3, 1, 4, 1), sizes, format);
            List<Double> once = List.of(0.0, 1.0, 2.0, 3.0, 4.0);
            assertEquals(once, seen.subList(0, 5).stream().sorted().toList(), format);
            assertEquals(once, seen.subList(5, 10).stream().sorted().toList(), format);
        }
    }

    @Test
    void oneCharacterGetsMoreThanTenThousandRowsInOnePage() {
        rows.telemetrySeries("Larsson", T0, Duration.ofSeconds(2), 12_000).telemetry("Mule", t(1), 0, 0);

        String range = "/history?from=" + T0 + "&to=" + T0.plus(Duration.ofDays(1)) + "&character=Larsson";
        JsonNode objects = ok(range + "&limit=50000");
        JsonNode columns = ok(range + "&limit=50000&format=columns");

        for (JsonNode body : List.of(objects, columns)) {
            assertEquals(12_000, body.path("rows").size());
            assertTrue(body.path("next").isNull());
        }
        assertEquals(
                T0.plusSeconds(2 * 11_999).toString(),
                objects.path("rows").get(11_999).path("timestamp").asText());
        assertEquals(11_999, columns.path("rows").get(11_999).get(5).asLong(), "kills");
    }

    /** A row of a page as "name@time@ew" in either format. */
    private static List<String> stepKeys(JsonNode page, String format) {
        List<String> keys = new ArrayList<>();
        page.path("rows")
                .forEach(r -> keys.add(
                        format.equals("columns")
                                ? r.get(0).asText() + "@" + r.get(1).asText() + "@"
                                        + r.get(2).asDouble()
                                : r.path("character_name").asText() + "@"
                                        + r.path("timestamp").asText() + "@"
                                        + r.path("ew").asDouble()));
        return keys;
    }

    private static List<String> stepKeys(List<TelemetryRow> rows) {
        return rows.stream()
                .map(r -> r.characterName() + "@" + r.ts() + "@" + r.ew())
                .toList();
    }

    /** Every page of a request, following next; the rows as {@link #stepKeys}. */
    private List<String> followNext(String request, String format, int limit) {
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page =
                    ok(request + "&format=" + format + "&limit=" + limit + (next == null ? "" : "&cursor=" + next));
            assertTrue(page.path("rows").size() <= limit, request);
            seen.addAll(stepKeys(page, format));
            next = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (next != null && pages < 1_000);
        assertEquals(null, next, "the pages end");
        return seen;
    }

    @Test
    void aStepKeepsEachCharactersLastRowPerBucketInEitherFormat() {
        List<TelemetryRow> data = SteppedRows.interleaved(T0, 300, 400, 11);
        data.forEach(rows::telemetry);
        Instant from = t(5).plusMillis(500);
        Instant to = t(295);
        for (int step : List.of(1, 15, 60)) {
            String request = "/history?from=" + from + "&to=" + to + "&step=" + step;
            List<String> expected = stepKeys(SteppedRows.lastPerBucket(data, from, to, null, step));
            for (String format : List.of("objects", "columns")) {
                JsonNode page = ok(request + "&limit=10000&format=" + format);
                assertEquals(expected, stepKeys(page, format), "step " + step + ", " + format);
                assertTrue(page.path("next").isNull());
            }
            assertEquals(
                    stepKeys(SteppedRows.lastPerBucket(data, from, to, "Alice", step)),
                    stepKeys(ok(request + "&character=Alice&limit=10000&format=columns"), "columns"),
                    "Alice, step " + step);
        }
        assertTrue(SteppedRows.lastPerBucket(data, from, to, null, 15).size() < 200, "buckets hold several rows");
    }

    @Test
    void steppedPagesFollowingNextAreTheRowsOfOneBigPage() {
        List<TelemetryRow> data = SteppedRows.interleaved(T0, 300, 400, 13);
        data.forEach(rows::telemetry);
        for (String character : List.of("", "&character=Bob")) {
            String request = "/history?from=" + T0 + "&to=" + t(300) + "&step=10" + character;
            List<String> whole = stepKeys(ok(request + "&limit=10000"), "objects");
            assertEquals(
                    stepKeys(SteppedRows.lastPerBucket(data, T0, t(300), character.isEmpty() ? null : "Bob", 10)),
                    whole,
                    character);
            for (int limit : List.of(1, 4, 25)) {
                for (String format : List.of("objects", "columns")) {
                    assertEquals(
                            whole, followNext(request, format, limit), character + ", " + format + ", limit " + limit);
                }
            }
        }
    }

    @Test
    void historyOfOneCharacter() {
        rows.telemetry("Larsson", t(0), 1, 1).telemetry("Mule", t(1), 2, 2);

        JsonNode body = ok("/history?from=" + T0 + "&to=" + t(5) + "&character=Mule");

        assertEquals(1, body.path("rows").size());
        assertEquals("Mule", body.path("rows").get(0).path("character_name").asText());
    }

    @Test
    void historySnapshotIsEveryCharactersPositionThen() {
        rows.telemetry("Larsson", t(-30), 1, 1)
                .telemetry("Larsson", t(-4), 2, 2)
                .telemetry("Larsson", t(3), 3, 3)
                .telemetry("Mule", t(0), 4, 4)
                .telemetry("Gone", t(-3000), 5, 5);

        JsonNode body = ok("/history/snapshot?at=" + T0);

        assertEquals("2026-11-20T12:00:00Z", body.path("at").asText());
        assertEquals(300, body.path("window_seconds").asInt());
        assertEquals(2, body.path("characters").size());
        assertEquals(
                "Larsson", body.path("characters").get(0).path("character_name").asText());
        assertEquals(2.0, body.path("characters").get(0).path("ew").asDouble());
        assertEquals(
                "Mule", body.path("characters").get(1).path("character_name").asText());
        assertEquals(
                3,
                ok("/history/snapshot?at=" + T0.getEpochSecond() + "&window=3600")
                        .path("characters")
                        .size());
    }

    @Test
    void trailsAreRecentPathsPerCharacter() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int s = 60; s >= 0; s -= 2) {
            rows.telemetry("Larsson", now.minusSeconds(s), s, -s);
        }
        rows.telemetry("Old", now.minusSeconds(3600), 0, 0);

        JsonNode body = ok("/trails?points=5");

        assertEquals(10, body.path("minutes").asInt());
        assertEquals(1, body.path("trails").size(), body.toString());
        JsonNode trail = body.path("trails").get(0);
        assertEquals("Larsson", trail.path("character_name").asText());
        assertEquals(5, trail.path("points").size());
        JsonNode last = trail.path("points").get(4);
        assertEquals(now.toString(), last.path("timestamp").asText(), "ends at the latest position");
        assertEquals(List.of("timestamp", "ew", "ns", "z"), fieldNames(last));
        assertEquals(2, ok("/trails?minutes=120").path("trails").size());
    }

    @Test
    void anUnknownCharactersHistoryGets404() {
        rows.telemetry("Larsson", t(0), 0, 0);

        assertEquals(
                "unknown character 'Nobody'", error(404, "/history?from=" + T0 + "&to=" + t(5) + "&character=Nobody"));
    }

    @Test
    void badParametersGet400NamingTheParameter() {
        String range = "from=" + T0 + "&to=" + t(60);
        assertBadParameters(new String[][] {
            {"/history", "from", "is required"},
            {"/history?to=" + t(60), "from", "is required"},
            {"/history?from=yesterday", "from", "ISO-8601"},
            {"/history?from=2026-11-20T12:00:00", "from", "ISO-8601"},
            {"/history?from=" + T0 + "&to=noon", "to", "ISO-8601"},
            {"/history?from=" + t(60) + "&to=" + T0, "from", "before 'to'"},
            {"/history?from=" + T0 + "&to=" + T0, "from", "before 'to'"},
            {"/history?from=" + T0 + "&to=" + T0.plus(Duration.ofDays(32)), "to", "31 days"},
            {"/history?from=-5&to=" + T0, "from", "between"},
            {"/history?from=99999999999999&to=" + T0, "from", "between"},
            {"/history?" + range + "&limit=0", "limit", "from 1 to 10000"},
            {"/history?" + range + "&limit=10001", "limit", "from 1 to 10000"},
            {"/history?" + range + "&limit=50000", "limit", "from 1 to 10000"},
            {"/history?" + range + "&character=Larsson&limit=50001", "limit", "from 1 to 50000"},
            {"/history?" + range + "&format=csv", "format", "expected 'objects' or 'columns', got 'csv'"},
            {"/history?" + range + "&limit=ten", "limit", "whole number"},
            {"/history?" + range + "&limit=99999999999999999999", "limit", "whole number"},
            {"/history?" + range + "&cursor=garbage!", "cursor", "not a cursor"},
            {"/history?" + range + "&step=0", "step", "from 1 to 86400, got 0"},
            {"/history?" + range + "&step=86401", "step", "from 1 to 86400, got 86401"},
            {"/history?" + range + "&step=-60", "step", "from 1 to 86400"},
            {"/history?" + range + "&step=1.5", "step", "whole number"},
            {"/history?" + range + "&step=minute", "step", "whole number"},
            {"/history?" + range + "&step=", "step", "whole number"},
            {"/history?" + range + "&character=", "character", "must not be empty"},
            {"/history?" + range + "&character=" + "x".repeat(65), "character", "longer than 64"},
            {"/history/snapshot", "at", "is required"},
            {"/history/snapshot?at=then", "at", "ISO-8601"},
            {"/history/snapshot?at=" + T0 + "&window=0", "window", "from 1 to 3600"},
            {"/history/snapshot?at=" + T0 + "&window=3601", "window", "from 1 to 3600"},
            {"/trails?minutes=0", "minutes", "from 1 to 1440"},
            {"/trails?minutes=1441", "minutes", "from 1 to 1440"},
            {"/trails?points=0", "points", "from 1 to 2000"},
        });
    }

    @Test
    void unknownParametersAreIgnored() {
        rows.telemetry("Larsson", t(0), 1, 1);

        assertEquals(
                1,
                ok("/history?from=" + T0 + "&to=" + t(1) + "&colour=blue")
                        .path("rows")
                        .size());
    }
}
