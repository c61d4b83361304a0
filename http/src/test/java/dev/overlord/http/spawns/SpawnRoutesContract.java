package dev.overlord.http.spawns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overlord.http.readapi.ReadRoutesTestBase;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code /spawns/heatmap} through the route testkit over a real database; run once per vendor.
 */
abstract class SpawnRoutesContract extends ReadRoutesTestBase {

    @Test
    void heatmapIsSpawnCountsPerBin() {
        Instant now = Instant.now();
        rows.spawn("Larsson", now.minusSeconds(60), "Drudge", 10.2, 20.7)
                .spawn("Larsson", now.minusSeconds(50), "Drudge", 10.8, 20.1)
                .spawn("Mule", now.minusSeconds(40), "Mite", -3.5, 7.5)
                .spawn("Mule", now.minusSeconds(7200), "Old", 50, 50);

        JsonNode body = ok("/spawns/heatmap?hours=1");

        assertEquals(1, body.path("hours").asInt());
        assertEquals(1.0, body.path("bin").asDouble());
        assertFalse(body.path("truncated").asBoolean());
        assertEquals(
                JSON.createArrayNode()
                        .add(JSON.createObjectNode()
                                .put("ew", 10.0)
                                .put("ns", 20.0)
                                .put("count", 2))
                        .add(JSON.createObjectNode()
                                .put("ew", -4.0)
                                .put("ns", 7.0)
                                .put("count", 1)),
                body.path("cells"));
        assertEquals(3, ok("/spawns/heatmap").path("cells").size(), "24 h by default");
        JsonNode cut = ok("/spawns/heatmap?hours=1&limit=1&bin=0.5");
        assertTrue(cut.path("truncated").asBoolean());
        assertEquals(1, cut.path("cells").size());
    }

    @Test
    void badParametersGet400NamingTheParameter() {
        assertBadParameters(new String[][] {
            {"/spawns/heatmap?hours=0", "hours", "from 1 to 168"},
            {"/spawns/heatmap?hours=169", "hours", "from 1 to 168"},
            {"/spawns/heatmap?hours=1.5", "hours", "whole number"},
            {"/spawns/heatmap?bin=0", "bin", "from 0.1 to 50.0"},
            {"/spawns/heatmap?bin=NaN", "bin", "from 0.1 to 50.0"},
            {"/spawns/heatmap?bin=wide", "bin", "from 0.1 to 50.0"},
            {"/spawns/heatmap?limit=100001", "limit", "from 1 to 100000"},
        });
    }
}
