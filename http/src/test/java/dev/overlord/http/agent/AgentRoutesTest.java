package dev.overlord.http.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.overlord.agent.AgentSettings;
import dev.overlord.agent.assistant.Assistant;
import dev.overlord.agent.assistant.AuditLog;
import dev.overlord.agent.chat.ChatRunner;
import dev.overlord.agent.chat.ChatSettings;
import dev.overlord.agent.history.AgentSessions;
import dev.overlord.agent.runner.Runner;
import dev.overlord.agent.testing.FakeChatApi;
import dev.overlord.agent.testing.HeldRunner;
import dev.overlord.agent.testing.SampleTools;
import dev.overlord.agent.testing.TestAgentSettings;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.http.auth.SessionCookies;
import dev.overlord.http.auth.TrustedNetworks;
import dev.overlord.http.load.Bulkhead;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import dev.overlord.testing.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The /agent endpoints over a real socket, a real database and a clock the test moves: who may
 * call them, what a bad body gets, the limits' answers and their Retry-After, sessions kept per
 * user, and the streamed answer of the chat runner driving a fake chat API.
 */
class AgentRoutesTest {
    private static final String COOKIE = "overlord_session";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final HttpClient client = HttpClient.newHttpClient();
    private final ExecutorService blocking = Executors.newCachedThreadPool();
    private ActorSystem<Void> system;
    private TestDatabase testDatabase;
    private Database database;
    private ServerBinding binding;
    private SessionCookies cookies;
    private AuditLog audit;
    private Assistant assistant;

    @BeforeEach
    void open() {
        system = ActorSystem.create(Behaviors.empty(), "agent-routes-test");
        testDatabase = TestDatabases.h2(dir);
        database = testDatabase.open();
        cookies = new SessionCookies("agent-test-key-0123456789abcdef01234", Duration.ofHours(1), Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        if (binding != null) binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (audit != null) audit.close();
        system.terminate();
        blocking.shutdownNow();
        database.close();
        testDatabase.close();
    }

    private void start(Runner runner, AgentSettings settings) throws Exception {
        audit = new AuditLog(settings.auditLog(), settings.auditMaxBytes(), 3, clock);
        assistant = new Assistant(settings, runner, new AgentSessions(database.dataSource()), audit, blocking, clock);
        BrowserAuth auth = new BrowserAuth(cookies, COOKIE, List.of(), new TrustedNetworks(List.of()));
        Metrics metrics = new Metrics();
        AgentRoutes routes = new AgentRoutes(
                assistant, auth, new Bulkhead("agent", new Bulkhead.Settings(2, 8), blocking, metrics), WAIT);
        binding = Http.get(system)
                .newServerAt("127.0.0.1", 0)
                .bind(routes.route())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private AgentSettings settings(int rateMax, int perUser, int maxRunning, Duration timeout) {
        return TestAgentSettings.of(
                dir.resolve("audit.jsonl"), rateMax, Duration.ofHours(1), perUser, maxRunning, timeout);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String user) throws Exception {
        if (user != null) b.header("Cookie", COOKIE + "=" + cookies.issue(user));
        return client.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String user) throws Exception {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                user);
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), user);
    }

    private static String ask(UUID session, String message) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("session_id", session.toString())
                .put("message", message)
                .toString();
    }

    /** Sends the question without waiting for its answer. */
    private java.util.concurrent.CompletableFuture<HttpResponse<String>> askAsync(String user, UUID session, String m) {
        return client.sendAsync(
                HttpRequest.newBuilder(uri("/agent/ask"))
                        .header("Content-Type", "application/json")
                        .header("Cookie", COOKIE + "=" + cookies.issue(user))
                        .POST(HttpRequest.BodyPublishers.ofString(ask(session, m)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void everyEndpointButHealthNeedsALoginAndBadInputIsSaid() throws Exception {
        start(new HeldRunner(), settings(100, 1, 4, WAIT));
        HttpResponse<String> health = get("/agent/health", null);
        assertEquals(200, health.statusCode());
        assertEquals("ok", json(health).path("status").asText());
        assertEquals("held", json(health).path("runner").asText());

        UUID any = UUID.randomUUID();
        assertEquals(401, post("/agent/sessions/new", "", null).statusCode());
        assertEquals(401, post("/agent/ask", ask(any, "hi"), null).statusCode());
        assertEquals(401, post("/agent/ask/stream", ask(any, "hi"), null).statusCode());
        assertEquals(401, get("/agent/sessions/" + any + "/history", null).statusCode());

        HttpResponse<String> fresh = post("/agent/sessions/new", "", "alice");
        assertEquals(200, fresh.statusCode());
        String id = json(fresh).path("session_id").asText();
        assertEquals(id, UUID.fromString(id).toString(), "a canonical UUID");

        for (String bad : List.of("not-a-uuid", "0" + any.toString().substring(1, 35), "{" + any + "}")) {
            HttpResponse<String> r = post(
                    "/agent/ask",
                    JsonNodeFactory.instance
                            .objectNode()
                            .put("session_id", bad)
                            .put("message", "hi")
                            .toString(),
                    "alice");
            assertEquals(400, r.statusCode(), bad);
            assertEquals("invalid session_id", json(r).path("detail").asText());
        }
        assertEquals(400, get("/agent/sessions/not-a-uuid/history", "alice").statusCode());
        assertEquals(
                400,
                get("/agent/sessions/" + any.toString().replace("-", "") + "/history", "alice")
                        .statusCode());
        assertEquals(400, post("/agent/ask", "{not json", "alice").statusCode());
        assertEquals(400, post("/agent/ask", ask(any, ""), "alice").statusCode());
        HttpResponse<String> tooLong = post("/agent/ask", ask(any, "x".repeat(10_001)), "alice");
        assertEquals(400, tooLong.statusCode());
        assertTrue(json(tooLong).path("error").asText().contains("at most 10000"), tooLong.body());
        HttpResponse<String> huge = post("/agent/ask", ask(any, "x".repeat(70_000)), "alice");
        assertEquals(413, huge.statusCode());
        assertTrue(json(huge).path("error").asText().contains("larger than"), huge.body());
    }

    @Test
    void limitsAnswer429And503WithRetryAfter() throws Exception {
        HeldRunner runner = new HeldRunner();
        start(runner, settings(2, 1, 2, WAIT));
        UUID session = UUID.randomUUID();
        var first = askAsync("alice", session, "one");
        HeldRunner.Held held = runner.next(WAIT);

        HttpResponse<String> busy = post("/agent/ask", ask(session, "two"), "alice");
        assertEquals(429, busy.statusCode());
        assertEquals(
                "A previous question is still being processed",
                json(busy).path("detail").asText());

        var bob = askAsync("bob", UUID.randomUUID(), "bob's");
        HeldRunner.Held bobHeld = runner.next(WAIT);
        HttpResponse<String> full = post("/agent/ask", ask(UUID.randomUUID(), "carol's"), "carol");
        assertEquals(503, full.statusCode());
        assertEquals("10", full.headers().firstValue("Retry-After").orElse(""));

        held.answer("first answer");
        HttpResponse<String> answered = first.get(20, TimeUnit.SECONDS);
        assertEquals(200, answered.statusCode(), answered.body());
        JsonNode a = json(answered);
        assertEquals("first answer", a.path("result").asText());
        assertEquals(session.toString(), a.path("session_id").asText());
        assertEquals(1, a.path("num_turns").asInt());
        assertFalse(a.path("is_error").asBoolean(true));
        assertTrue(a.has("duration_ms"));
        bobHeld.answer("ok");
        assertEquals(200, bob.get(20, TimeUnit.SECONDS).statusCode());

        clock.advance(Duration.ofMinutes(10));
        var second = askAsync("alice", session, "two");
        runner.next(WAIT).answer("second answer");
        assertEquals(200, second.get(20, TimeUnit.SECONDS).statusCode());
        clock.advance(Duration.ofMinutes(5));
        // Two in the hour: the first leaves the window 45 minutes from now.
        HttpResponse<String> limited = post("/agent/ask", ask(session, "three"), "alice");
        assertEquals(429, limited.statusCode());
        assertEquals(
                String.valueOf(45 * 60),
                limited.headers().firstValue("Retry-After").orElse(""));
        assertTrue(json(limited).path("error").asText().contains("Rate limit"), limited.body());
    }

    @Test
    void aSessionBelongsToItsUser() throws Exception {
        HeldRunner runner = new HeldRunner();
        start(runner, settings(100, 1, 4, WAIT));
        UUID session = UUID.randomUUID();
        var asked = askAsync("alice", session, "alice's secret question");
        runner.next(WAIT).answer("alice's answer");
        assertEquals(200, asked.get(20, TimeUnit.SECONDS).statusCode());

        JsonNode mine =
                json(get("/agent/sessions/" + session + "/history", "alice")).path("messages");
        assertEquals(2, mine.size());
        assertEquals("user", mine.get(0).path("role").asText());
        assertEquals("alice's secret question", mine.get(0).path("text").asText());
        assertEquals("assistant", mine.get(1).path("role").asText());
        assertEquals(ManualClock.START.toString(), mine.get(1).path("timestamp").asText());
        // Upper-case hex is the same session.
        assertEquals(
                2,
                json(get("/agent/sessions/" + session.toString().toUpperCase() + "/history", "alice"))
                        .path("messages")
                        .size());

        HttpResponse<String> theirs = get("/agent/sessions/" + session + "/history", "mallory");
        assertEquals(200, theirs.statusCode());
        assertEquals(0, json(theirs).path("messages").size(), "another user's session reads as empty");
        HttpResponse<String> intrude = post("/agent/ask", ask(session, "let me in"), "mallory");
        assertEquals(404, intrude.statusCode());
        assertFalse(intrude.body().contains("alice"), intrude.body());
        assertEquals(
                0,
                json(get("/agent/sessions/" + UUID.randomUUID() + "/history", "alice"))
                        .path("messages")
                        .size());
    }

    @Test
    void theChatRunnerStreamsToolCallsAndTheAnswer() throws Exception {
        try (FakeChatApi api = FakeChatApi.callingTool("get_live_players", "{}", "Online:")) {
            start(
                    new ChatRunner(ChatSettings.of(api.baseUrl(), "m", "", 4), new SampleTools()),
                    settings(100, 1, 4, WAIT));
            UUID session = UUID.randomUUID();
            HttpResponse<String> r = post("/agent/ask/stream", ask(session, "who is online?"), "alice");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            List<String[]> events = sse(r.body());
            List<String> types = events.stream().map(e -> e[0]).toList();
            assertEquals(List.of("start", "tool_call", "tool_result", "text", "answer"), types, r.body());
            assertEquals(
                    "get_live_players",
                    JSON.readTree(events.get(1)[1]).path("name").asText());
            JsonNode answer = JSON.readTree(events.get(4)[1]);
            assertEquals(
                    "Online: {\"players\":[\"Alpha\",\"Bravo\"]}",
                    answer.path("result").asText());
            assertEquals(2, answer.path("num_turns").asInt());
            assertEquals(session.toString(), answer.path("session_id").asText());
            assertEquals(
                    2,
                    json(get("/agent/sessions/" + session + "/history", "alice"))
                            .path("messages")
                            .size());
        }
    }

    @Test
    void aTimeoutIs502WithAClearMessageAndAnErrorEventWhenStreaming() throws Exception {
        try (FakeChatApi api = FakeChatApi.silent()) {
            start(
                    new ChatRunner(ChatSettings.of(api.baseUrl(), "m", "", 4), new SampleTools()),
                    settings(100, 1, 4, Duration.ofSeconds(1)));
            HttpResponse<String> r = post("/agent/ask", ask(UUID.randomUUID(), "wait"), "alice");
            assertEquals(502, r.statusCode(), r.body());
            assertEquals(
                    "The assistant took longer than 1 s and was stopped",
                    json(r).path("detail").asText());

            HttpResponse<String> s = post("/agent/ask/stream", ask(UUID.randomUUID(), "wait"), "alice");
            assertEquals(200, s.statusCode());
            List<String[]> events = sse(s.body());
            String[] last = events.get(events.size() - 1);
            assertEquals("error", last[0], s.body());
            assertEquals(502, JSON.readTree(last[1]).path("status").asInt());

            audit.flush().get(10, TimeUnit.SECONDS);
            List<String> lines = java.nio.file.Files.readAllLines(audit.file());
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"timeout\"")), lines.toString());
        }
    }

    /** The events of an SSE body: [type, data] pairs, heartbeats left out. */
    private static List<String[]> sse(String body) {
        List<String[]> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String type = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) type = line.substring(6).strip();
                else if (line.startsWith("data:")) data.append(line.substring(5).strip());
            }
            if (!data.isEmpty()) out.add(new String[] {type, data.toString()});
        }
        return out;
    }
}
