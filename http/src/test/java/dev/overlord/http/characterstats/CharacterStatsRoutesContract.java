package dev.overlord.http.characterstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overlord.http.readapi.ReadRoutesTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /character-stats/{character}} and {@code /quests/{character}} through the route testkit over
 * a real database; run once per vendor.
 */
abstract class CharacterStatsRoutesContract extends ReadRoutesTestBase {

    @Test
    void characterStatsAreJsonObjectsNotStrings() {
        rows.characterStats(
                        "Larsson Jr",
                        "{\"level\":275,\"skills\":{\"war_magic\":400}}",
                        "[\"Major Focus\"]",
                        "{\"Stipend\":{\"solves\":1}}",
                        t(0))
                .charStats("Larsson Jr", 1200, 3, 7, 412, t(5));

        JsonNode body = ok("/character-stats/" + enc("Larsson Jr").replace("+", "%20"));

        assertEquals("Larsson Jr", body.path("character_name").asText());
        assertEquals(275, body.path("stats").path("level").asInt());
        assertEquals(400, body.path("stats").path("skills").path("war_magic").asInt());
        assertEquals("Major Focus", body.path("cantrips").get(0).asText());
        assertEquals(T0.toString(), body.path("updated_at").asText());
        assertEquals(1200, body.path("totals").path("kills").asLong());
        assertEquals(412, body.path("totals").path("tapers").asLong());
    }

    @Test
    void characterStatsOfAKnownCharacterWithoutStatsAreNull() {
        rows.telemetry("Fresh", t(0), 0, 0);

        JsonNode body = ok("/character-stats/Fresh");

        assertTrue(body.path("stats").isNull());
        assertTrue(body.path("totals").isNull());
    }

    @Test
    void questsComeFromTheStatsFrame() {
        rows.characterStats("Larsson", "{}", null, "{\"Stipend\":{\"solves\":3}}", t(0));

        JsonNode body = ok("/quests/Larsson");

        assertEquals(3, body.path("quests").path("Stipend").path("solves").asInt());
        assertEquals(T0.toString(), body.path("updated_at").asText());
    }

    @Test
    void unknownCharactersGet404() {
        rows.telemetry("Larsson", t(0), 0, 0);

        for (String path : List.of("/character-stats/Nobody", "/quests/Nobody")) {
            assertEquals("unknown character 'Nobody'", error(404, path), path);
        }
        assertEquals("unknown character 'larsson'", error(404, "/quests/larsson"), "names are case-sensitive");
    }
}
