package dev.overlord.http.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plain HTTP side on a running server, where it needs one: {@code /live} after real frames, {@code /ready}
 * with the database gone, {@code /api-version} from the configuration, {@code /metrics} counting real
 * sockets, and the web page. The routes alone are tested in memory by {@link StatusRoutesRouteTest}.
 */
class StatusRoutesTest {
    @RegisterExtension
    static final RunningServer overlord = RunningServer.create().with("overlord.version = \"9.9.9-test\"");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    @Test
    void liveListsTheCharactersThatSentTelemetryWithTheirLatestTelemetry() throws Exception {
        ObjectNode first = Frames.telemetry("Live One", 1.5, 2.5, 10);
        ObjectNode latest = Frames.telemetry("Live One", 1.75, 2.75, 11);
        ObjectNode other = Frames.telemetry("Live Two", -3, -4, 0);
        try (SocketClient plugin = overlord.plugin();
                SocketClient browser = overlord.browser()) {
            plugin.send(first).send(Frames.vitals("Live One", 0)).send(latest).send(other);
            plugin.send(Frames.chat("Only Chatting", "no telemetry from me"));
            browser.awaitJson(j -> Frames.isEvent(j, "chat", "Only Chatting"));

            JsonNode live = json(overlord.get("/live"));

            List<String> players = new ArrayList<>();
            live.path("players").forEach(p -> players.add(p.toString()));
            assertTrue(players.contains(latest.toString()), players.toString());
            assertTrue(players.contains(other.toString()), players.toString());
            assertEquals(2, players.size(), "one entry per character with telemetry: " + players);
            assertEquals(List.of("players"), fieldNames(live), "the reference's shape");
        }
    }

    @Test
    void notReadyWhenTheDatabaseIsGone() throws Exception {
        try (RunningServer doomed = RunningServer.create().start()) {
            doomed.server().database().close();

            HttpResponse<String> r = doomed.get("/ready");
            assertEquals(503, r.statusCode());
            assertEquals("down", JSON.readTree(r.body()).path("database").asText());
            assertEquals(200, doomed.get("/health").statusCode(), "alive, just not ready");
        }
    }

    @Test
    void apiVersionIsTheConfiguredBuild() throws Exception {
        assertEquals(
                "9.9.9-test", json(overlord.get("/api-version")).path("version").asText());
    }

    @Test
    void metricsArePrometheusTextWithFrameCountersAndOpenPluginSockets() {
        long open = overlord.metric("overlord_plugin_sockets_open");
        long chats = overlord.metric("overlord_frames_in_total", "type", "chat");
        long malformed = overlord.metric("overlord_frames_rejected_total", "reason", "malformed_json");
        try (SocketClient plugin = overlord.plugin();
                SocketClient browser = overlord.browser()) {
            plugin.send("][");
            plugin.send(Frames.chat("Metric Man", "counted"));
            browser.awaitJson(j -> Frames.isEvent(j, "chat", "Metric Man"));
            plugin.awaitType("error");

            HttpResponse<String> r = overlord.get("/metrics");
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
            assertTrue(r.body().contains("# TYPE overlord_frames_in_total counter\n"), r.body());
            assertTrue(r.body().contains("# TYPE overlord_plugin_sockets_open gauge\n"), r.body());
            Map<String, Double> m = overlord.metrics();
            assertEquals(
                    chats + 1, m.get("overlord_frames_in_total{type=\"chat\"}").longValue());
            assertEquals(
                    malformed + 1,
                    m.get("overlord_frames_rejected_total{reason=\"malformed_json\"}")
                            .longValue());
            assertEquals(open + 1, m.get("overlord_plugin_sockets_open").longValue());
        }
        SocketClient.waiting("the plugin socket to be counted closed")
                .until(() -> overlord.metric("overlord_plugin_sockets_open") == open);
    }

    @Test
    void theRootServesTheWebPage() {
        HttpResponse<String> r = overlord.get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains("<title>Overlord</title>"), r.body());
    }

    @Test
    void anUnknownPathIs404() {
        assertEquals(404, overlord.get("/no-such-page").statusCode());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
