package dev.overlord.http.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.server.RequestMetrics;
import dev.overlord.http.testing.RouteTestKit;
import dev.overlord.live.LiveHub;
import dev.overlord.live.LiveHubSettings;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.timeseries.WriterHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code /health}, {@code /ready}, {@code /live}, {@code /api-version} and {@code /metrics}, run in memory by the route testkit. */
class StatusRoutesRouteTest extends RouteTestKit {
    static final ActorTestKit kit = ActorTestKit.create();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant FAILING_SINCE = Instant.parse("2026-11-23T10:00:00Z");

    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:05:00Z"), ZoneOffset.UTC);
    final Metrics metrics = new Metrics();
    final AtomicBoolean databaseUp = new AtomicBoolean(true);
    final LiveHub hub = new LiveHub(kit.system(), LiveHubSettings.defaults(), metrics, clock);
    final Route route = new RequestMetrics(metrics)
            .measure(new StatusRoutes(
                            hub,
                            metrics,
                            "1.2.3-test",
                            new ReadinessProbe(timeout -> databaseUp.get(), Duration.ZERO, Duration.ofSeconds(2)),
                            () -> new WriterHealth(42, Optional.of(FAILING_SINCE), Optional.empty()),
                            clock)
                    .route());

    StatusRoutesRouteTest() {
        super(kit);
    }

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    private TestRouteResult get(String path) {
        return testRoute(route).run(HttpRequest.GET(path));
    }

    private static JsonNode json(TestRouteResult r) throws Exception {
        r.assertContentType(ContentTypes.APPLICATION_JSON);
        return JSON.readTree(r.entityString());
    }

    @Test
    void healthSaysOk() {
        get("/health").assertStatusCode(StatusCodes.OK).assertEntity("{\"status\":\"ok\"}");
    }

    @Test
    void apiVersionIsTheConfiguredBuild() {
        get("/api-version").assertStatusCode(StatusCodes.OK).assertEntity("{\"version\":\"1.2.3-test\"}");
    }

    @Test
    void liveListsNoPlayersBeforeAnyTelemetry() {
        get("/live").assertStatusCode(StatusCodes.OK).assertEntity("{\"players\":[]}");
    }

    @Test
    void readyWhileTheDatabaseAnswersWithTheWritersBacklog() throws Exception {
        JsonNode ready = json(get("/ready").assertStatusCode(StatusCodes.OK));
        assertEquals("ready", ready.path("status").asText());
        assertEquals("up", ready.path("database").asText());
        assertEquals(42, ready.path("writer").path("backlog").asLong());
        assertEquals(
                FAILING_SINCE.toString(),
                ready.path("writer").path("failing_since").asText());
    }

    @Test
    void notReadyWhenTheDatabaseIsDown() throws Exception {
        databaseUp.set(false);
        JsonNode ready = json(get("/ready").assertStatusCode(StatusCodes.SERVICE_UNAVAILABLE));
        assertEquals("not ready", ready.path("status").asText());
        assertEquals("down", ready.path("database").asText());
    }

    @Test
    void metricsIsThePrometheusTextOfTheRegistryWithRequestsByRoute() {
        get("/health");
        get("/no-such-page").assertStatusCode(StatusCodes.NOT_FOUND);

        TestRouteResult r =
                get("/metrics").assertStatusCode(StatusCodes.OK).assertContentType(ContentTypes.TEXT_PLAIN_UTF8);
        String text = r.entityString();
        assertTrue(text.contains("# TYPE overlord_live_subscribers gauge\n"), text);
        assertTrue(
                text.contains(
                        "overlord_http_request_seconds_count{method=\"GET\",route=\"/health\",status=\"2xx\"} 1\n"),
                text);
        assertTrue(
                text.contains("overlord_http_request_seconds_count{method=\"GET\",route=\"" + RequestMetrics.UNMATCHED
                        + "\",status=\"4xx\"} 1\n"),
                text);
        assertTrue(!text.contains("no-such-page"), text);
    }
}
