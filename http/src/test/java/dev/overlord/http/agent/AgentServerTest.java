package dev.overlord.http.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.agent.testing.FakeChatApi;
import dev.overlord.http.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server with {@code AGENT_RUNNER=chat} against a fake chat API: a conversation asked
 * through {@code /agent/ask} is replayed by {@code /agent/sessions/{id}/history} after a restart,
 * and every question leaves its lines in the audit file under the data directory.
 */
class AgentServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningServer server(Path dataDir, FakeChatApi api) {
        return RunningServer.create()
                .dataDir(dataDir)
                .with("overlord.agent { runner = chat, chat.url = \"" + api.baseUrl() + "\", chat.model = fake,"
                        + " chat.key = sk-never-logged }");
    }

    private static HttpResponse<String> ask(RunningServer s, UUID session, String message) {
        return s.postJson(
                "/agent/ask",
                "{\"session_id\":\"" + session + "\",\"message\":\"" + message + "\"}",
                "Cookie",
                s.cookieHeader(s.sessionCookie()));
    }

    @Test
    void aConversationSurvivesARestartAndIsAudited(@TempDir Path dataDir) throws Exception {
        UUID session = UUID.randomUUID();
        try (FakeChatApi api = FakeChatApi.callingTool("get_live_players", "{}", "Here:")) {
            // One server's secrets and admin, started twice on the same data directory.
            RunningServer s = server(dataDir, api);
            try (s) {
                s.start();
                HttpResponse<String> health = s.get("/agent/health");
                assertEquals(200, health.statusCode());
                assertEquals("chat", JSON.readTree(health.body()).path("runner").asText());
                assertEquals(401, s.postJson("/agent/ask", "{}").statusCode());

                // The model's tool call is answered by the server's own tools (nobody is online).
                HttpResponse<String> r = ask(s, session, "who is online?");
                assertEquals(200, r.statusCode(), r.body());
                JsonNode answer = JSON.readTree(r.body());
                assertTrue(answer.path("result").asText().startsWith("Here:"), r.body());
                JsonNode tool = JSON.readTree(answer.path("result").asText().substring("Here:".length()));
                assertEquals(0, tool.path("count").asInt(), r.body());
                assertTrue(tool.path("players").isArray(), r.body());
                assertEquals(2, answer.path("num_turns").asInt());
            }
            try (RunningServer again = s.start()) {
                HttpResponse<String> h = again.get(
                        "/agent/sessions/" + session + "/history", "Cookie", again.cookieHeader(again.sessionCookie()));
                assertEquals(200, h.statusCode(), h.body());
                JsonNode messages = JSON.readTree(h.body()).path("messages");
                assertEquals(2, messages.size(), h.body());
                assertEquals("who is online?", messages.get(0).path("text").asText());
                assertEquals("assistant", messages.get(1).path("role").asText());
                assertTrue(messages.get(1).path("text").asText().startsWith("Here:"));
            }
            assertEquals(List.of("Bearer sk-never-logged", "Bearer sk-never-logged"), api.authorizations());
        }
        Path audit = dataDir.resolve("agent-audit.jsonl");
        List<String> lines = Files.readAllLines(audit);
        List<String> events = lines.stream()
                .map(l -> {
                    try {
                        return JSON.readTree(l).path("event").asText();
                    } catch (Exception e) {
                        throw new AssertionError(l, e);
                    }
                })
                .toList();
        assertEquals(List.of("ask_start", "ask_ok"), events);
        JsonNode start = JSON.readTree(lines.get(0));
        assertEquals(RunningServer.ADMIN, start.path("user").asText());
        assertEquals(session.toString(), start.path("session_id").asText());
        for (String l : lines) assertFalse(l.contains("sk-never-logged"), l);
    }
}
