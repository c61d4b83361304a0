package dev.overlord.http.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the read-API contracts: a real server per test class, on H2 or PostgreSQL as the
 * concrete class says, frames sent over a real plugin socket and answers read over HTTP. Each test
 * uses its own characters, so tests do not depend on each other's order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiContract {
    protected static final ObjectMapper JSON = new ObjectMapper();

    protected RunningServer overlord;

    /** The database the server runs on: H2 (the server as given) or {@link RunningServer#onFreshPostgres()}. */
    protected abstract RunningServer onDatabase(RunningServer server);

    /** A feature's own settings on top of the test defaults; none unless overridden. */
    protected RunningServer configure(RunningServer server) {
        return server;
    }

    @BeforeAll
    final void startServer() {
        overlord = configure(onDatabase(RunningServer.create())).start();
    }

    @AfterAll
    final void stopServer() {
        if (overlord != null) overlord.close();
    }

    /** {@code GET} answered 200 with JSON; the parsed body. */
    protected JsonNode ok(String pathAndQuery) {
        HttpResponse<String> r = overlord.get(pathAndQuery);
        assertEquals(200, r.statusCode(), pathAndQuery + " -> " + r.body());
        assertTrue(
                r.headers().firstValue("content-type").orElse("").startsWith("application/json"),
                pathAndQuery + " is JSON");
        return parse(r.body());
    }

    /** Polls {@code GET} until it answers 200 with a body {@code ready} accepts; fails at the deadline. */
    protected JsonNode awaitOk(String pathAndQuery, Predicate<JsonNode> ready) {
        List<String> last = new ArrayList<>(List.of("(nothing yet)"));
        try {
            return SocketClient.waiting(pathAndQuery + " to show what was sent")
                    .until(
                            () -> {
                                HttpResponse<String> r = overlord.get(pathAndQuery);
                                last.set(0, r.statusCode() + " " + r.body());
                                return r.statusCode() == 200 ? parse(r.body()) : null;
                            },
                            body -> body != null && ready.test(body));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(pathAndQuery + " never became ready; last answer: " + last.get(0), e);
        }
    }

    /** The status and body of a {@code GET}. */
    protected HttpResponse<String> get(String pathAndQuery) {
        return overlord.get(pathAndQuery);
    }

    protected static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    protected static String enc(String s) {
        return RunningServer.urlEncode(s).replace("+", "%20");
    }

    /** An answer's time: ISO-8601 UTC, as every time in the API. */
    protected static Instant instant(JsonNode time) {
        assertTrue(time.isTextual() && time.asText().endsWith("Z"), "an ISO-8601 UTC time: " + time);
        return Instant.parse(time.asText());
    }

    protected static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
