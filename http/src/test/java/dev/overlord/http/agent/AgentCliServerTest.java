package dev.overlord.http.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.agent.runner.FakeClaude;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole chain of the command-line runner, every part real but the model: {@code POST
 * /agent/ask} starts the client (a fake standing in for {@code claude -p}, a real subprocess), whose
 * MCP client starts our {@code McpStdio} from the configuration the runner wrote, which forwards to
 * this server's {@code /mcp} with the question's own token, where the tools answer from what a
 * plugin sent over its socket; {@code query_telemetry_db} behind its walls the same way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentCliServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHO = "Cli Larsson";

    private Path workdir;
    private RunningServer overlord;

    @BeforeAll
    void start() throws Exception {
        workdir = Files.createTempDirectory("agent-cli-test");
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), FakeClaude.class.getName());
        overlord = RunningServer.create()
                .with("overlord.agent { runner = cli, cli { command = " + JSON.writeValueAsString(command)
                        + ", workdir = " + JSON.writeValueAsString(workdir.toString()) + " } }")
                .start();
    }

    @AfterAll
    void stop() {
        overlord.close();
    }

    private JsonNode ask(UUID session, String message) throws Exception {
        HttpResponse<String> r = overlord.postJson(
                "/agent/ask",
                JSON.createObjectNode()
                        .put("session_id", session.toString())
                        .put("message", message)
                        .toString(),
                "Cookie",
                overlord.cookieHeader(overlord.sessionCookie()));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void aQuestionReachesTheToolsThroughTheClientsOwnMcpServer() throws Exception {
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.telemetry(WHO, 12.5, -33.0, 118));
            SocketClient.waiting("online")
                    .until(() -> overlord.get("/live").body().contains(WHO));
            UUID session = UUID.randomUUID();
            JsonNode first = ask(session, "call get_live_players");
            assertFalse(first.path("is_error").asBoolean(), first.toString());
            assertEquals(2, first.path("num_turns").asInt());
            assertTrue(first.path("result").asText().contains(WHO), first.toString());

            // The same session resumed: a second question in it, answered from the SQL walls.
            JsonNode counted = ask(
                    session,
                    "call query_telemetry_db {\"sql\":\"SELECT COUNT(*) AS n FROM telemetry_events WHERE"
                            + " character_name = '" + WHO + "'\"}");
            JsonNode rows = JSON.readTree(counted.path("result").asText());
            assertEquals("n", rows.path("columns").get(0).asText().toLowerCase(), counted.toString());

            JsonNode refused = ask(session, "call query_telemetry_db {\"sql\":\"SELECT * FROM users\"}");
            assertTrue(refused.path("result").asText().contains("users"), refused.toString());
            assertFalse(refused.path("result").asText().contains("password_hash"), refused.toString());
        }
    }

    @Test
    void aQuestionsTokenOpensMcpOnlyWhileItRuns() throws Exception {
        // The configuration the client got carried a token; asked after its question, /mcp refuses it.
        JsonNode seen =
                JSON.readTree(ask(UUID.randomUUID(), "report").path("result").asText());
        JsonNode server = JSON.readTree(seen.path("mcp_config").asText())
                .path("mcpServers")
                .path("overlord");
        assertEquals(
                overlord.origin() + "/mcp",
                server.path("env").path("OVERLORD_MCP_URL").asText());
        String token = server.path("env").path("OVERLORD_MCP_TOKEN").asText();
        assertTrue(token.length() >= 32, seen.toString());
        // The client's own environment: none of the server's settings or secrets.
        seen.path("env")
                .forEach(name -> assertFalse(
                        name.asText().startsWith("OVERLORD_") || name.asText().startsWith("AGENT_"), seen.toString()));
        HttpResponse<String> after = overlord.postJson(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                "Authorization",
                "Bearer " + token,
                "Accept",
                "application/json, text/event-stream");
        assertEquals(401, after.statusCode(), after.body());
    }
}
