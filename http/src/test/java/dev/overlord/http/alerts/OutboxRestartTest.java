package dev.overlord.http.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox across a server restart while Discord is unreachable: deaths raised while the
 * webhook's host is down are delivered by the real Discord webhook client once it is up, after the
 * server restarted in between, each exactly once and in order per character.
 */
class OutboxRestartTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A Discord webhook endpoint on loopback that records each message's embed title. */
    static final class FakeWebhook implements AutoCloseable {
        final HttpServer server;
        final List<String> titles = new CopyOnWriteArrayList<>();
        final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

        FakeWebhook(int port) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/", exchange -> {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                bodies.add(body);
                titles.add(body.path("embeds").path(0).path("title").asText());
                byte[] answer = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    RunningServer server(Path data, int webhookPort) {
        return RunningServer.create()
                .dataDir(data)
                .with("overlord.discord.aclog-webhook = \"http://127.0.0.1:" + webhookPort
                        + "/api/webhooks/42/token\"\n"
                        + "overlord.alerts.outbox { every = 200 ms, retry-min = 200 ms, retry-max = 1 second }\n"
                        + "overlord.discord { backoff-min = 100 ms, backoff-max = 1 second }");
    }

    @Test
    void alertsRaisedWhileDiscordIsDownArriveOnceEachAfterARestart(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        int port = freePort();
        List<String> characters = List.of("Outbox Ann", "Outbox Bo", "Outbox Cy");
        try (RunningServer first = server(data, port).start()) {
            try (SocketClient plugin = first.plugin()) {
                for (String who : characters) plugin.send(Frames.vitals(who, 0)).send(Frames.vitals(who, 5));
            }
            SocketClient.waiting("three death alerts stored and tried")
                    .until(() -> first.metric("overlord_alert_delivery_failures_total") >= 3);
        }
        try (FakeWebhook discord = new FakeWebhook(port);
                RunningServer second = server(data, port).start()) {
            SocketClient.waiting("the three deaths delivered after the restart")
                    .until(() -> discord.titles.size() >= 3);
            // One more, raised now: once it arrives, anything sent twice would have arrived too.
            try (SocketClient plugin = second.plugin()) {
                plugin.send(Frames.vitals("Outbox Di", 0)).send(Frames.vitals("Outbox Di", 5));
            }
            SocketClient.waiting("the fourth").until(() -> discord.titles.contains("Death: Outbox Di"));
            List<String> expected = new ArrayList<>();
            for (String who : characters) expected.add("Death: " + who);
            expected.add("Death: Outbox Di");
            assertEquals(
                    expected.stream().sorted().toList(),
                    discord.titles.stream().sorted().toList());
            assertEquals(4, second.metric("overlord_alerts_delivered_total"));
        }
    }

    @Test
    void aUserRuleMatchedOnAPluginFrameReachesItsGenericWebhookAsTheTemplateSays(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (FakeWebhook ops = new FakeWebhook(port);
                RunningServer server = RunningServer.create()
                        .dataDir(Files.createDirectories(tmp.resolve("data")))
                        .with("overlord.alerts.outbox.every = 200 ms\n"
                                + "overlord.alerts.rules = [{ name = low-health, frame = vitals,"
                                + " when = \"health_current < 100\", title = \"{character_name}: low health\","
                                + " message = \"{character_name} is at {health_current} health\","
                                + " target = \"http:ops\", cooldown = 1m }]\n"
                                + "overlord.alerts.http-webhooks.ops { url = \"http://127.0.0.1:" + port
                                + "/hook\", template = \"{\\\"text\\\":\\\"{title}: {message}\\\"}\" }")
                        .start()) {
            try (SocketClient plugin = server.plugin()) {
                plugin.send(Frames.vitals("Rule Ruth", 0).put("health_current", 40));
                plugin.send(Frames.vitals("Rule Ruth", 0).put("health_current", 30));
                plugin.send(Frames.vitals("Rule Sam", 0).put("health_current", 400));
                // A vortex after the vitals: once it is stored, the vitals before it were decided.
                plugin.send(Frames.chat("Rule Ruth", "whirlwind of vortexes"));
            }
            SocketClient.waiting("the rule's webhook").until(() -> !ops.bodies.isEmpty());
            SocketClient.waiting("the vortex after the vitals")
                    .until(() -> JSON.readTree(server.get("/alerts?kind=vortex").body())
                                    .path("alerts")
                                    .size()
                            == 1);
            assertEquals(
                    "{\"text\":\"Rule Ruth: low health: Rule Ruth is at 40 health\"}",
                    ops.bodies.get(0).toString());
            JsonNode listed =
                    JSON.readTree(server.get("/alerts?kind=rule").body()).path("alerts");
            assertEquals(1, listed.size(), "one alert within the rule's cooldown: " + listed);
            assertEquals("low-health", listed.get(0).path("rule").asText());
        }
    }
}
