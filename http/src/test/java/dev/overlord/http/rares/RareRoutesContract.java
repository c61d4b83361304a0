package dev.overlord.http.rares;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overlord.http.readapi.ReadRoutesTestBase;
import org.junit.jupiter.api.Test;

/**
 * {@code /rares} through the route testkit over a real database; run once per vendor.
 */
abstract class RareRoutesContract extends ReadRoutesTestBase {

    @Test
    void raresAreRecentAndFilterable() {
        rows.rare("Larsson", t(0), "Pearl of Blood Drinking", "s-1", 1.0, 2.0, "{\"type\":\"rare\"}")
                .rare("Mule", t(5), "Gelidite Ring", null, null, null, null);

        JsonNode all = ok("/rares");
        assertEquals(2, all.path("rares").size());
        assertEquals("Gelidite Ring", all.path("rares").get(0).path("name").asText(), "newest first");
        JsonNode pearl = all.path("rares").get(1);
        assertEquals("rare", pearl.path("frame").path("type").asText(), "the stored frame as an object");
        assertEquals(T0.toString(), pearl.path("timestamp").asText());

        JsonNode larsson = ok("/rares?character=Larsson");
        assertEquals(1, larsson.path("rares").size());
        assertEquals(
                "Pearl of Blood Drinking",
                larsson.path("rares").get(0).path("name").asText());
        assertEquals(1, ok("/rares?limit=1").path("rares").size());
    }

    @Test
    void anUnknownCharacterGets404() {
        rows.telemetry("Larsson", t(0), 0, 0);

        assertEquals("unknown character 'Nobody'", error(404, "/rares?character=Nobody"));
    }

    @Test
    void badParametersGet400NamingTheParameter() {
        assertBadParameters(new String[][] {
            {"/rares?limit=1001", "limit", "from 1 to 1000"},
            {"/rares?character=", "character", "must not be empty"},
        });
    }
}
