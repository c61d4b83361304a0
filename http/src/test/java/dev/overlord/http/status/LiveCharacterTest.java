package dev.overlord.http.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /live/{character}}: one character's latest telemetry and vitals, from the live state. */
class LiveCharacterTest {
    @RegisterExtension
    static final RunningServer overlord = RunningServer.create();

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answersTheLatestTelemetryAndVitalsOfOneCharacter() throws Exception {
        String who = "Live One";
        String path = "/live/" + RunningServer.urlEncode(who).replace("+", "%20");
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.telemetry(who, 1.5, 2.5, 7));
            plugin.send(Frames.telemetry(who, 3.5, 4.5, 9));
            plugin.send(Frames.vitals(who, 0));
            SocketClient.waiting("vitals held").until(() -> {
                HttpResponse<String> r = overlord.get(path);
                return r.statusCode() == 200
                        && !JSON.readTree(r.body()).path("vitals").isNull();
            });
        }
        JsonNode body = JSON.readTree(overlord.get(path).body());
        assertEquals(who, body.path("character_name").asText());
        assertTrue(body.path("online").asBoolean());
        assertEquals(9, body.path("telemetry").path("kills").asInt(), "the latest telemetry");
        assertEquals(3.5, body.path("telemetry").path("ew").asDouble());
        assertEquals(500, body.path("vitals").path("health_max").asInt());
        assertTrue(body.path("last_seen").asText().endsWith("Z"));
        assertTrue(body.path("telemetry_at").asText().endsWith("Z"));
    }

    @Test
    void aCharacterNotHeardFromIs404AndATooLongNameIs400() throws Exception {
        HttpResponse<String> unknown = overlord.get("/live/Nobody%20Here");
        assertEquals(404, unknown.statusCode());
        assertTrue(JSON.readTree(unknown.body()).path("error").asText().startsWith("no live state for 'Nobody Here'"));
        HttpResponse<String> tooLong = overlord.get("/live/" + "x".repeat(65));
        assertEquals(400, tooLong.statusCode());
        assertEquals(
                "parameter 'character': must be 1 to 64 characters",
                JSON.readTree(tooLong.body()).path("error").asText());
        assertEquals(200, overlord.get("/live").statusCode(), "the fleet's /live is still there");
    }
}
