package dev.overlord.http.telemetry;

import static dev.overlord.http.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.ApiContract;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.SocketClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /history} (objects, columns, step, paging), {@code /history/snapshot} and
 * {@code /trails}: telemetry frames sent on a plugin socket come back as the time-series rows.
 */
public abstract class TelemetryApiContract extends ApiContract {
    static final List<String> COLUMNS = List.of(
            "character_name",
            "timestamp",
            "ew",
            "ns",
            "z",
            "kills",
            "kills_per_hour",
            "deaths",
            "total_deaths",
            "rares_found",
            "prismatic_taper_count",
            "vt_state",
            "session_id");
    /** A whole minute an hour ago: inside retention and every range limit, and on a step boundary. */
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A telemetry frame with every column the rows carry, at a given time. */
    static ObjectNode telemetry(String character, Instant at, double ew, double ns, long kills) {
        ObjectNode f = Frames.of("telemetry", character);
        f.put("timestamp", at.toString());
        f.put("ew", ew).put("ns", ns).put("z", 4.2);
        f.put("kills", kills).put("kills_per_hour", 236.5).put("deaths", 1).put("total_deaths", 7);
        f.put("rares_found", 2)
                .put("prismatic_taper_count", 412)
                .put("vt_state", "Combat")
                .put("session_id", "5f1c");
        return f;
    }

    /** The row {@code /history} gives for a frame of {@link #telemetry}, in the object format. */
    static ObjectNode row(ObjectNode frame) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        for (String column : COLUMNS) r.set(column, frame.get(column));
        return r;
    }

    static ArrayNode columnsRow(ObjectNode frame) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String column : COLUMNS) a.add(frame.get(column));
        return a;
    }

    /** Sends the frames on a plugin socket and waits until {@code /history} holds {@code rows} of them. */
    void sendAndAwait(String character, int rows, ObjectNode... frames) {
        try (SocketClient plugin = overlord.plugin()) {
            for (ObjectNode f : frames) plugin.send(f);
            awaitOk(
                    "/history?from=" + t(-600) + "&to=" + t(600) + "&character=" + enc(character) + "&limit=1000",
                    body -> body.path("rows").size() == rows);
        }
    }

    @Test
    void historyAnswersTheRowsOfTheRangeAsObjectsOldestFirstWithToExclusive() {
        String who = "Tel Objects";
        ObjectNode a = telemetry(who, t(0), 12.41, -33.08, 118);
        ObjectNode b = telemetry(who, t(2), 12.43, -33.07, 119);
        ObjectNode c = telemetry(who, t(10), 12.5, -33.0, 120);
        sendAndAwait(who, 3, b, a, c);

        JsonNode body = ok("/history?from=" + t(0) + "&to=" + t(10) + "&character=" + enc(who));

        JsonNode expected = JSON.createObjectNode()
                .<ObjectNode>set("rows", JSON.createArrayNode().add(row(a)).add(row(b)))
                .set("next", null);
        assertJson(expected, body, "/history objects");
        assertEquals(COLUMNS, fieldNames(body.path("rows").get(0)), "fields in the documented order");
    }

    @Test
    void historyPagesWithNextUntilEveryRowWasReturnedOnce() {
        String who = "Tel Pages";
        ObjectNode a = telemetry(who, t(0), 1, 1, 1);
        ObjectNode b = telemetry(who, t(1), 2, 2, 2);
        ObjectNode c = telemetry(who, t(2), 3, 3, 3);
        sendAndAwait(who, 3, a, b, c);
        String query = "/history?from=" + t(0) + "&to=" + t(3) + "&character=" + enc(who) + "&limit=2";

        JsonNode first = ok(query);
        assertJson(JSON.createArrayNode().add(row(a)).add(row(b)), first.path("rows"), "first page");
        assertTrue(first.path("next").isTextual(), "a next cursor: " + first);
        JsonNode second = ok(query + "&cursor=" + enc(first.path("next").asText()));
        assertJson(JSON.createArrayNode().add(row(c)), second.path("rows"), "second page");
        assertTrue(second.path("next").isNull(), "last page: " + second);
    }

    @Test
    void aCursorOrATimeOutsideTheYears1970To9999Is400WithTheReason() {
        String range = "/history?from=" + t(0) + "&to=" + t(3);
        for (String when : List.of("+100000-01-01T00:00:00Z", "1969-12-31T23:59:59Z")) {
            String cursor = java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((when + "\nSomeone").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> r = get(range + "&cursor=" + cursor);
            assertEquals(400, r.statusCode(), "cursor at " + when + ": " + r.body());
            assertTrue(r.body().contains("cursor") && r.body().contains("must be between"), r.body());
        }
        for (String param : List.of("from=%2B100000-01-01T00:00:00Z", "from=-1")) {
            HttpResponse<String> r = get("/history?" + param);
            assertEquals(400, r.statusCode(), param + ": " + r.body());
            assertTrue(r.body().contains("must be between"), r.body());
        }
    }

    @Test
    void historyAsColumnsNamesTheFieldsOnceAndGivesEachRowAsAnArray() {
        String who = "Tel Columns";
        ObjectNode a = telemetry(who, t(0), 12.41, -33.08, 118);
        ObjectNode b = telemetry(who, t(2), 12.43, -33.07, 119);
        sendAndAwait(who, 2, a, b);

        JsonNode body = ok("/history?from=" + t(0) + "&to=" + t(60) + "&character=" + enc(who) + "&format=columns");

        ObjectNode expected = JSON.createObjectNode();
        ArrayNode columns = expected.putArray("columns");
        COLUMNS.forEach(columns::add);
        expected.putArray("rows").add(columnsRow(a)).add(columnsRow(b));
        expected.set("next", null);
        assertJson(expected, body, "/history format=columns");
    }

    @Test
    void historyWithStepAnswersEachCharactersLastRowPerBucket() {
        String who = "Tel Step";
        ObjectNode[] frames = {
            telemetry(who, t(10), 1, 1, 1),
            telemetry(who, t(50), 2, 2, 2),
            telemetry(who, t(58), 3, 3, 3),
            telemetry(who, t(61), 4, 4, 4),
            telemetry(who, t(119), 5, 5, 5),
            telemetry(who, t(130), 6, 6, 6),
            telemetry(who, t(180), 7, 7, 7)
        };
        sendAndAwait(who, frames.length, frames);

        JsonNode body = ok("/history?from=" + t(0) + "&to=" + t(180) + "&character=" + enc(who) + "&step=60");

        assertJson(
                JSON.createArrayNode().add(row(frames[2])).add(row(frames[4])).add(row(frames[5])),
                body.path("rows"),
                "the last row of each minute, t(180) outside the range");
        assertTrue(body.path("next").isNull());
        JsonNode columns =
                ok("/history?from=" + t(0) + "&to=" + t(180) + "&character=" + enc(who) + "&step=60&format=columns");
        assertJson(
                JSON.createArrayNode()
                        .add(columnsRow(frames[2]))
                        .add(columnsRow(frames[4]))
                        .add(columnsRow(frames[5])),
                columns.path("rows"),
                "step with format=columns");
    }

    @Test
    void historyOfAnUnknownCharacterIs404() {
        var r = get("/history?from=" + t(0) + "&character=" + enc("Tel Nobody"));
        assertEquals(404, r.statusCode(), r.body());
        assertJson("{\"error\":\"unknown character 'Tel Nobody'\"}", parse(r.body()), "404 body");
    }

    @Test
    void snapshotIsEachCharactersLatestRowAtOrBeforeTheInstantWithinTheWindow() {
        String who = "Tel Snap";
        String silent = "Tel Snap Silent";
        ObjectNode early = telemetry(who, t(100), 1, 1, 1);
        ObjectNode latest = telemetry(who, t(200), 2, 2, 2);
        ObjectNode after = telemetry(who, t(301), 3, 3, 3);
        ObjectNode tooOld = telemetry(silent, t(-1), 9, 9, 9);
        sendAndAwait(who, 3, early, latest, after);
        sendAndAwait(silent, 1, tooOld);

        JsonNode body = ok("/history/snapshot?at=" + t(300) + "&window=300");

        assertEquals(t(300).toString(), body.path("at").asText());
        assertEquals(300, body.path("window_seconds").asLong());
        JsonNode mine = null;
        for (JsonNode c : body.path("characters")) {
            assertFalse(silent.equals(c.path("character_name").asText()), "silent for the whole window: " + body);
            if (who.equals(c.path("character_name").asText())) {
                assertTrue(mine == null, "one entry per character: " + body);
                mine = c;
            }
        }
        assertJson(row(latest), mine, "the latest row at or before 'at'");
    }

    @Test
    void trailsAreTheRecentPathThinnedFromTheLatestPoint() {
        String who = "Tel Trail";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode outside = telemetry(who, now.minusSeconds(400), 0, 0, 0);
        ObjectNode[] inside = {
            telemetry(who, now.minusSeconds(240), 1, -1, 1), telemetry(who, now.minusSeconds(180), 2, -2, 2),
            telemetry(who, now.minusSeconds(120), 3, -3, 3), telemetry(who, now.minusSeconds(60), 4, -4, 4),
            telemetry(who, now.minusSeconds(1), 5, -5, 5)
        };
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(outside);
            for (ObjectNode f : inside) plugin.send(f);
            awaitOk(
                    "/trails?minutes=10&points=2000",
                    body -> trailOf(body, who) != null
                            && trailOf(body, who).path("points").size() == 6);
        }

        JsonNode body = ok("/trails?minutes=5&points=3");

        assertEquals(5, body.path("minutes").asLong());
        ArrayNode expected = JSON.createArrayNode();
        for (ObjectNode f : List.of(inside[0], inside[2], inside[4])) {
            expected.addObject()
                    .put("timestamp", f.get("timestamp").asText())
                    .put("ew", f.get("ew").asDouble())
                    .put("ns", f.get("ns").asDouble())
                    .put("z", f.get("z").asDouble());
        }
        assertJson(expected, trailOf(body, who).path("points"), "every 2nd of 5 points counted back from the latest");
    }

    private static JsonNode trailOf(JsonNode body, String character) {
        for (JsonNode t : body.path("trails")) {
            if (character.equals(t.path("character_name").asText())) return t;
        }
        return null;
    }
}
