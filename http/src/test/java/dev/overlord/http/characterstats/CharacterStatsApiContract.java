package dev.overlord.http.characterstats;

import static dev.overlord.http.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.ApiContract;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.SocketClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /character-stats/{character}} and {@code /quests/{character}}: stats, cantrip and
 * quest frames sent on a plugin socket come back unwrapped, as the plugin sent their contents.
 */
public abstract class CharacterStatsApiContract extends ApiContract {

    static String statsPath(String character) {
        return "/character-stats/" + enc(character);
    }

    static String questsPath(String character) {
        return "/quests/" + enc(character);
    }

    static ObjectNode frame(String type, String character, String body) {
        ObjectNode f = Frames.of(type, character);
        f.setAll((ObjectNode) parse(body));
        return f;
    }

    static final String STATS = """
      {"plugin_seq":12,"level":275,"race":"Aluvian","total_xp":191226310000,
       "attributes":{"strength":{"base":290,"creation":100},"focus":{"base":290,"creation":100}},
       "vitals":{"health":{"base":345}},
       "skills":{"war_magic":{"base":460,"training":"Specialized"}},
       "allegiance":{"name":"Mosswart Enjoyers","monarch":"Sawato","rank":6}}""";

    /** Sends the frames and waits until {@code path} answers with {@code field} no longer null. */
    JsonNode sendAndAwait(String path, String field, ObjectNode... frames) {
        try (SocketClient plugin = overlord.plugin()) {
            for (ObjectNode f : frames) plugin.send(f);
            return awaitOk(path, body -> body.hasNonNull(field));
        }
    }

    @Test
    void statsAreTheLatestStatsFrameWithoutItsEnvelope() {
        String who = "Stats Larsson";
        ObjectNode older = frame("character_stats", who, "{\"level\":274}");
        ObjectNode latest = frame("character_stats", who, STATS);
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(older);
            awaitOk(statsPath(who), body -> body.hasNonNull("stats"));
            plugin.send(latest);
            awaitOk(statsPath(who), body -> body.path("stats").path("level").asInt() == 275);
        }

        JsonNode body = ok(statsPath(who));

        assertEquals(List.of("character_name", "updated_at", "stats", "cantrips", "totals"), fieldNames(body));
        assertEquals(who, body.path("character_name").asText());
        instant(body.path("updated_at"));
        ObjectNode expected = (ObjectNode) parse(STATS);
        expected.remove("plugin_seq");
        assertJson(expected, body.path("stats"), "the stats frame minus type, character_name, timestamp, plugin_seq");
        assertTrue(body.path("cantrips").isNull(), "no cantrip frame was sent: " + body);
    }

    @Test
    void cantripsSentAsNamesAreThatArrayExactly() {
        String who = "Cantrip Names";
        JsonNode body = sendAndAwait(
                statsPath(who),
                "cantrips",
                frame("equipment_cantrip_state", who, "{\"cantrips\":[\"Major Focus\",\"Epic Willpower\"]}"));

        assertJson("[\"Major Focus\",\"Epic Willpower\"]", body.path("cantrips"), "cantrips as sent");
        assertTrue(body.path("stats").isNull(), "no stats frame was sent: " + body);
        instant(body.path("updated_at"));
    }

    @Test
    void cantripsSentAsItemsAreThatArrayExactly() {
        String who = "Cantrip Items";
        String items = """
        [{"item_id":2148001101,"item_name":"Gelidite Robe","spells":["Legendary Focus","Epic Willpower","Major Armor"]},
         {"item_id":2148001240,"item_name":"Wand of the Frore Crystal","spells":["Legendary War Magic Aptitude"]}]""";
        JsonNode body = sendAndAwait(
                statsPath(who),
                "cantrips",
                frame(
                        "equipment_cantrip_state",
                        who,
                        "{\"cantrips\":" + items
                                + ",\"enchantments\":[{\"name\":\"Aura of Incantation\",\"duration_s\":2460}]}"));

        assertJson(items, body.path("cantrips"), "cantrips as sent");
    }

    @Test
    void cantripsOfAFrameWithoutAnArrayAreEmpty() {
        String who = "Cantrip None";
        JsonNode body = sendAndAwait(
                statsPath(who), "cantrips", frame("equipment_cantrip_state", who, "{\"enchantments\":[]}"));

        assertJson("[]", body.path("cantrips"), "no cantrips array in the frame");
    }

    @Test
    void totalsAreTheLifetimeCountersFromTelemetryAndRares() {
        String who = "Stats Totals";
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.telemetry(who, 1, 1, 10))
                    .send(Frames.telemetry(who, 1, 2, 15))
                    .send(Frames.rare(who, "Pearl of Blood Drinking"));
            awaitOk(
                    statsPath(who),
                    body -> body.path("totals").path("kills").asLong() == 15
                            && body.path("totals").path("rares").asLong() == 1);
        }

        JsonNode totals = ok(statsPath(who)).path("totals");

        assertEquals(List.of("kills", "deaths", "rares", "tapers", "updated_at"), fieldNames(totals));
        ObjectNode expected = JSON.createObjectNode()
                .put("kills", 15)
                .put("deaths", 0)
                .put("rares", 1)
                .put("tapers", 40);
        expected.set("updated_at", totals.get("updated_at"));
        instant(totals.path("updated_at"));
        assertJson(expected, totals, "kills and deaths of the session, tapers as last sent, rares counted");
    }

    @Test
    void questsAreKeyedByNameFallingBackToDescription() {
        String who = "Quest Keeper";
        JsonNode body = sendAndAwait(questsPath(who), "quests", frame("quest", who, """
        {"quests":[
          {"name":"stipendtimer_0812","solves":14,"max_solves":0,"ready_in_s":412800,"description":"Stipend"},
          {"solves":3,"max_solves":1,"ready_in_s":0,"description":"Aerbax Gem"},
          {"name":42,"solves":1,"description":"Numbered Quest"},
          {"solves":9,"ready_in_s":5}]}"""));

        assertEquals(List.of("character_name", "updated_at", "quests"), fieldNames(body));
        assertEquals(who, body.path("character_name").asText());
        instant(body.path("updated_at"));
        assertJson("""
        {"stipendtimer_0812":{"solves":14,"max_solves":0,"ready_in_s":412800,"description":"Stipend"},
         "Aerbax Gem":{"solves":3,"max_solves":1,"ready_in_s":0,"description":"Aerbax Gem"},
         "Numbered Quest":{"solves":1,"description":"Numbered Quest"}}""", body.path("quests"), "by name, else description; neither: left out");
    }

    @Test
    void questsSentAsAnObjectAreKeptAsThatObject() {
        String who = "Quest Mapper";
        String quests = "{\"Stipend\":{\"solves\":3,\"next_available\":\"2026-11-23T14:00:00Z\"}}";
        JsonNode body = sendAndAwait(questsPath(who), "quests", frame("quest", who, "{\"quests\":" + quests + "}"));

        assertJson(quests, body.path("quests"), "an object kept as it is");
    }

    @Test
    void aKnownCharacterWithNothingStoredGetsNullsAndAnUnknownOne404() {
        String who = "Stats Empty";
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.of("combat_stats", who).put("session_id", "s1").put("kills", 3));
            awaitOk("/combat-stats/" + enc(who), body -> body.hasNonNull("lifetime"));
        }

        assertJson(
                JSON.createObjectNode()
                        .put("character_name", who)
                        .putNull("updated_at")
                        .putNull("stats")
                        .putNull("cantrips")
                        .putNull("totals"),
                ok(statsPath(who)),
                "known, nothing stored");
        assertJson(
                JSON.createObjectNode()
                        .put("character_name", who)
                        .putNull("updated_at")
                        .putNull("quests"),
                ok(questsPath(who)),
                "known, no quests");
        for (String path : List.of(statsPath("Stats Nobody"), questsPath("Stats Nobody"))) {
            var r = get(path);
            assertEquals(404, r.statusCode(), path + " -> " + r.body());
            assertJson("{\"error\":\"unknown character 'Stats Nobody'\"}", parse(r.body()), path);
        }
    }
}
