package dev.overlord.http.rares;

import static dev.overlord.http.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.ApiContract;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.SocketClient;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /rares}: rare frames sent on a plugin socket, newest first, with the frame as sent. */
public abstract class RaresApiContract extends ApiContract {

    static ObjectNode rare(String character, String name, double ew) {
        return Frames.rare(character, name)
                .put("session_id", "rs-1")
                .put("ew", ew)
                .put("ns", -31.3)
                .put("z", 12.0)
                .put("rare_id", 30)
                .put("great", false);
    }

    /** Checks one entry of {@code /rares} against the frame it came from. */
    static void assertFind(ObjectNode frame, String name, JsonNode find, Instant before, Instant after) {
        assertEquals(
                List.of("id", "character_name", "timestamp", "name", "session_id", "ew", "ns", "z", "frame"),
                fieldNames(find));
        assertTrue(find.path("id").isIntegralNumber(), find.toString());
        assertEquals(
                frame.get("character_name").asText(),
                find.path("character_name").asText());
        Instant at = instant(find.path("timestamp"));
        assertTrue(!at.isBefore(before.minusSeconds(1)) && !at.isAfter(after), "found while it was sent: " + find);
        assertEquals(name, find.path("name").asText());
        assertJson(frame.get("session_id"), find.path("session_id"), "session_id");
        assertJson(frame.get("ew"), find.path("ew"), "ew");
        assertJson(frame.get("ns"), find.path("ns"), "ns");
        assertJson(frame.get("z"), find.path("z"), "z");
        assertJson(frame, find.path("frame"), "the frame as sent");
    }

    @Test
    void raresOfACharacterAreItsFindsNewestFirstWithTheFrameAsSent() {
        String who = "Rare Finder";
        ObjectNode pearl = rare(who, "Pearl of Blood Drinking", 53.9);
        ObjectNode gem = rare(who, "Gelidite Boots", 54.0);
        // A frame that names the item as item_name.
        ObjectNode itemName = Frames.of("rare", who)
                .put("item_name", "Shimmering Skeleton Key")
                .put("ew", 1.0)
                .put("ns", 2.0)
                .put("z", 3.0)
                .put("session_id", "rs-1");
        ObjectNode someoneElse = rare("Rare Other", "Star of Tukal", 1.0);
        Instant before = Instant.now();
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(pearl);
            awaitOk("/rares?character=" + enc(who), body -> body.path("rares").size() == 1);
            plugin.send(gem);
            awaitOk("/rares?character=" + enc(who), body -> body.path("rares").size() == 2);
            plugin.send(itemName).send(someoneElse);
            awaitOk("/rares?character=" + enc(who), body -> body.path("rares").size() == 3);
            awaitOk(
                    "/rares?character=" + enc("Rare Other"),
                    body -> body.path("rares").size() == 1);
        }
        Instant after = Instant.now();

        JsonNode body = ok("/rares?character=" + enc(who));

        assertEquals(List.of("rares"), fieldNames(body));
        JsonNode rares = body.path("rares");
        assertEquals(3, rares.size(), body.toString());
        assertFind(gem, "Gelidite Boots", rares.get(1), before, after);
        assertFind(pearl, "Pearl of Blood Drinking", rares.get(2), before, after);
        assertFind(itemName, "Shimmering Skeleton Key", rares.get(0), before, after);
        assertTrue(
                rares.get(0).path("id").asLong() > rares.get(1).path("id").asLong()
                        && rares.get(1).path("id").asLong()
                                > rares.get(2).path("id").asLong(),
                "newest first: " + body);

        JsonNode newest = ok("/rares?character=" + enc(who) + "&limit=1").path("rares");
        assertEquals(1, newest.size());
        assertJson(rares.get(0), newest.get(0), "limit=1 is the newest");
        JsonNode everyone = ok("/rares?limit=1000").path("rares");
        assertTrue(
                everyone.toString().contains("Star of Tukal")
                        && everyone.toString().contains("Gelidite Boots"),
                "without character: everyone's finds: " + everyone);
    }

    @Test
    void raresOfAnUnknownCharacterIs404AndABadLimitIs400() {
        var unknown = get("/rares?character=" + enc("Rare Nobody"));
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertJson("{\"error\":\"unknown character 'Rare Nobody'\"}", parse(unknown.body()), "404 body");
        var bad = get("/rares?limit=0");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(parse(bad.body()).path("error").asText().startsWith("parameter 'limit'"), bad.body());
    }
}
