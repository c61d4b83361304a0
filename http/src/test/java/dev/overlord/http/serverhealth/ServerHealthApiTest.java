package dev.overlord.http.serverhealth;

import static dev.overlord.http.testing.SocketClient.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.testing.RunningServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /server-health} on a real server polling a status page on loopback: it says up with
 * the page's figures, down once the page fails checks in a row, up again when it is back; a server
 * without a status URL says unknown.
 */
class ServerHealthApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final FakeStatusPage page = new FakeStatusPage(
            FakeStatusPage.Reply.json(200, "{\"status\":\"up\",\"players\":7,\"uptime_seconds\":99}"));

    @RegisterExtension
    static final RunningServer overlord = RunningServer.create()
            .with("overlord.server-health { url = \"" + page.url() + "\", interval = 100 ms, timeout = 1 second,"
                    + " server = \"Leafcull\" }");

    @AfterAll
    static void closePage() {
        page.close();
    }

    @Test
    void saysUpThenDownThenUpAsThePageDoes() throws Exception {
        JsonNode up = waiting("up")
                .until(
                        ServerHealthApiTest::health,
                        h -> h.path("status").asText().equals("up"));
        assertEquals("Leafcull", up.path("server").asText());
        assertEquals(7, up.path("players").asInt());
        assertEquals(99, up.path("uptime_seconds").asInt());
        assertTrue(up.path("latency_ms").isIntegralNumber(), up.toString());
        assertTrue(up.path("checked_at").asText().endsWith("Z"), up.toString());
        assertTrue(up.path("since").asText().endsWith("Z"), up.toString());

        page.standing(FakeStatusPage.Reply.json(503, "maintenance"));
        JsonNode down = waiting("down")
                .until(
                        ServerHealthApiTest::health,
                        h -> h.path("status").asText().equals("down"));
        assertTrue(down.path("players").isNull(), down.toString());
        assertTrue(down.path("uptime_seconds").isNull(), down.toString());

        page.standing(FakeStatusPage.Reply.json(200, "{\"online\":true,\"players\":3}"));
        JsonNode back = waiting("up again")
                .until(
                        ServerHealthApiTest::health,
                        h -> h.path("status").asText().equals("up"));
        assertEquals(3, back.path("players").asInt());
        assertTrue(back.path("since").asText().compareTo(down.path("since").asText()) > 0, back.toString());
    }

    @Test
    void aServerWithoutAStatusUrlSaysUnknown() throws Exception {
        try (RunningServer off = RunningServer.create().start()) {
            HttpResponse<String> r = off.get("/server-health");
            assertEquals(200, r.statusCode());
            JsonNode h = JSON.readTree(r.body());
            assertEquals("unknown", h.path("status").asText());
            assertEquals("Coldeve", h.path("server").asText());
            assertTrue(h.path("checked_at").isNull() && h.path("players").isNull(), h.toString());
        }
    }

    private static JsonNode health() throws Exception {
        HttpResponse<String> r = overlord.get("/server-health");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
