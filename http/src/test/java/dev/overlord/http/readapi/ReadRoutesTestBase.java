package dev.overlord.http.readapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.persistence.testing.ReadModelRows;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the read routes' contracts: every read route wired as the server wires it, over this
 * class's database (one per vendor), run through the route testkit without a socket, and rows
 * written with SQL standing in for the writers.
 */
public abstract class ReadRoutesTestBase extends DatabaseTestBase {
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    private RouteProbe probe;
    private ExecutorService blocking;
    private Route routes;
    protected ReadModelRows rows;

    @BeforeAll
    final void buildTheRoutes() {
        probe = new RouteProbe();
        blocking = Executors.newFixedThreadPool(2);
        routes = ReadRoutes.over(database().dataSource(), Duration.ofHours(1), blocking, Clock.systemUTC());
    }

    @AfterAll
    final void stopTheProbe() {
        if (probe != null) probe.close();
        if (blocking != null) blocking.shutdownNow();
    }

    @BeforeEach
    final void emptyTables() {
        rows = new ReadModelRows(database().dataSource()).clear();
    }

    /** The read routes as above, but listing portals for {@code keepFor} after they were last seen. */
    protected RouteProbe.Response getKeepingPortalsFor(Duration keepFor, String pathAndQuery) {
        return probe.get(ReadRoutes.over(database().dataSource(), keepFor, blocking, Clock.systemUTC()), pathAndQuery);
    }

    protected RouteProbe.Response get(String pathAndQuery) {
        return probe.get(routes, pathAndQuery);
    }

    protected static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    protected static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    protected JsonNode ok(String pathAndQuery) {
        RouteProbe.Response r = get(pathAndQuery);
        assertEquals(200, r.status(), pathAndQuery + " -> " + r.body());
        assertTrue(r.contentType().startsWith("application/json"), pathAndQuery);
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** Asserts the status and that the body is exactly {@code {"error": "..."}} without a stack trace. */
    protected String error(int status, String pathAndQuery) {
        RouteProbe.Response r = get(pathAndQuery);
        assertEquals(status, r.status(), pathAndQuery + " -> " + r.body());
        assertNoStackTrace(r.body());
        try {
            JsonNode body = JSON.readTree(r.body());
            assertEquals(List.of("error"), fieldNames(body), r.body());
            return body.path("error").asText();
        } catch (Exception e) {
            throw new AssertionError("not a JSON error: " + r.body(), e);
        }
    }

    protected static void assertNoStackTrace(String body) {
        assertFalse(
                body.contains("Exception")
                        || body.contains("\tat ")
                        || body.contains("at dev.")
                        || body.contains("at java.")
                        || body.contains("SQL"),
                "no internals in: " + body);
    }

    protected static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Each case is {path, parameter, part of the reason}: the answer is 400 naming that parameter. */
    protected void assertBadParameters(String[][] cases) {
        for (String[] c : cases) {
            String message = error(400, c[0]);
            assertTrue(message.startsWith("parameter '" + c[1] + "': "), c[0] + " -> " + message);
            assertTrue(message.contains(c[2]), c[0] + " -> " + message);
        }
    }
}
