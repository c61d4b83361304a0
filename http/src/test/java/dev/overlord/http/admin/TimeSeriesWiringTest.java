package dev.overlord.http.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.overlord.http.auth.SessionCookies;
import dev.overlord.http.server.Server;
import dev.overlord.persistence.timeseries.TimeSeriesTestTables;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server wires the time-series writer in: simulated telemetry is stored, /ready and /admin/retention report. */
class TimeSeriesWiringTest {

    private static final String SECRET_KEY = "test-secret-key-for-session-cookies";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void simulatedTelemetryIsStoredAndReported() throws Exception {
        var config = Server.config(ConfigFactory.parseMap(Map.ofEntries(
                Map.entry("overlord.http.host", "127.0.0.1"),
                Map.entry("overlord.http.port", 0),
                Map.entry("overlord.data-dir", dataDir.toString()),
                // In memory: the journal's pool may still be closing its H2 file while the temp dir is deleted.
                Map.entry("overlord.database.url", "jdbc:h2:mem:wiring-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
                Map.entry("overlord.secret-key", SECRET_KEY),
                Map.entry("overlord.shared-secret", "plugin-secret"),
                Map.entry("overlord.admin-password", "admin-password-1"),
                Map.entry("overlord.simulator.enabled", "on"),
                Map.entry("overlord.simulator.characters", 2),
                Map.entry("overlord.simulator.telemetry-every", "200ms"),
                Map.entry("overlord.timeseries.max-delay", "100ms"))));
        try (Server server = Server.start(config, new PrintStream(OutputStream.nullOutputStream()))) {
            String base = "http://127.0.0.1:" + server.port();
            await().atMost(20, TimeUnit.SECONDS)
                    .until(() -> TimeSeriesTestTables.count(
                                    server.database().dataSource(), "SELECT COUNT(*) FROM telemetry_events")
                            > 0);
            assertTrue(server.metrics()
                    .render()
                    .contains("overlord_timeseries_written_total{table=\"telemetry_events\"}"));

            HttpResponse<String> ready = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode());
            JsonNode readyJson = mapper.readTree(ready.body());
            assertEquals("up", readyJson.path("database").asText());
            assertTrue(readyJson.path("writer").path("backlog").isIntegralNumber(), ready.body());
            assertTrue(readyJson.path("writer").path("failing_since").isNull(), ready.body());

            HttpRequest.Builder retention = HttpRequest.newBuilder(URI.create(base + "/admin/retention"))
                    .POST(HttpRequest.BodyPublishers.noBody());
            assertEquals(
                    401,
                    http.send(retention.build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode());

            String cookie = new SessionCookies(SECRET_KEY, Duration.ofHours(1), Clock.systemUTC()).issue("admin");
            HttpResponse<String> ran = http.send(
                    retention.header("Cookie", "overlord_session=" + cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ran.statusCode(), ran.body());
            JsonNode report = mapper.readTree(ran.body());
            assertTrue(report.path("ok").asBoolean());
            assertEquals(
                    "telemetry_events",
                    report.path("tables").path(0).path("table").asText());
            assertEquals(0, report.path("tables").path(0).path("rows_deleted").asLong(), "fresh telemetry is kept");
        }
    }
}
