package dev.overlord.agent.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's stream-json lines, as the real client prints them, read into events and answers. */
class StreamJsonTest {
    private final ObjectMapper json = new ObjectMapper();
    private final StreamJson stream = new StreamJson(json);

    private List<RunnerEvent> events(String line) {
        return assertInstanceOf(StreamJson.Line.Events.class, stream.read(line)).events();
    }

    @Test
    void aConversationWithAToolCall() throws Exception {
        assertInstanceOf(
                StreamJson.Line.Ignored.class,
                stream.read("{\"type\":\"system\",\"subtype\":\"init\",\"cwd\":\"/srv/agent\",\"session_id\":\"s\","
                        + "\"tools\":[\"mcp__overlord__get_live_players\"],\"mcp_servers\":[{\"name\":\"overlord\","
                        + "\"status\":\"connected\"}],\"permissionMode\":\"dontAsk\"}"));
        assertEquals(
                List.of(
                        new RunnerEvent.Text("Let me check who is online."),
                        new RunnerEvent.ToolCall("toolu_01", "get_live_players", json.readTree("{\"limit\":5}"))),
                events(
                        "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                                + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\"},"
                                + "{\"type\":\"text\",\"text\":\"Let me check who is online.\"},"
                                + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"mcp__overlord__get_live_players\","
                                + "\"input\":{\"limit\":5}}],\"stop_reason\":null},\"parent_tool_use_id\":null,"
                                + "\"session_id\":\"s\"}"));
        assertEquals(
                List.of(new RunnerEvent.ToolResult("toolu_01", "get_live_players", false, "{\"players\":2}")),
                events("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"toolu_01\","
                        + "\"type\":\"tool_result\",\"content\":[{\"type\":\"text\",\"text\":\"{\\\"players\\\":2}\"}]}]},"
                        + "\"session_id\":\"s\"}"));
        StreamJson.Line.Result result = assertInstanceOf(
                StreamJson.Line.Result.class,
                stream.read("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"duration_ms\":2210,"
                        + "\"num_turns\":3,\"result\":\"Two players are online.\",\"session_id\":\"s\","
                        + "\"total_cost_usd\":0.01,\"permission_denials\":[]}"));
        assertEquals(new Answer("Two players are online.", 3, false), result.answer());
    }

    @Test
    void aRefusedToolKeepsItsNameAndIsAnError() {
        events(
                "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"id\":\"t2\",\"name\":\"Bash\","
                        + "\"input\":{\"command\":\"cat /etc/passwd\"}}]}}");
        List<RunnerEvent> e = events(
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\","
                        + "\"tool_use_id\":\"t2\",\"is_error\":true,\"content\":\"Permission to use Bash has been denied.\"}]}}");
        assertEquals(
                List.of(new RunnerEvent.ToolResult("t2", "Bash", true, "Permission to use Bash has been denied.")), e);
    }

    @Test
    void aLongToolResultIsPreviewedShort() {
        String big = "x".repeat(5000);
        RunnerEvent.ToolResult r = (RunnerEvent.ToolResult) events("{\"type\":\"user\",\"message\":{\"content\":"
                        + "[{\"type\":\"tool_result\",\"tool_use_id\":\"u\",\"content\":[{\"type\":\"text\",\"text\":\""
                        + big + "\"},{\"type\":\"text\",\"text\":\"" + big + "\"}]}]}}")
                .getFirst();
        assertEquals(StreamJson.PREVIEW_CHARS + 1, r.preview().length());
        assertTrue(r.preview().endsWith("…"));
        assertEquals("", r.name(), "a result for a call never seen has no name");
    }

    @Test
    void anErrorResultWithoutTextSaysWhyItStopped() {
        StreamJson.Line.Result r = assertInstanceOf(
                StreamJson.Line.Result.class,
                stream.read(
                        "{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":true,\"num_turns\":11}"));
        assertEquals(new Answer("The assistant stopped without an answer (error_max_turns).", 11, true), r.answer());
    }

    @Test
    void theQuestionEchoedAsPlainTextIsIgnored() {
        assertInstanceOf(
                StreamJson.Line.Ignored.class,
                stream.read("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"who is online?\"}}"));
        assertInstanceOf(StreamJson.Line.Ignored.class, stream.read("   "));
        assertInstanceOf(StreamJson.Line.Ignored.class, stream.read("{\"type\":\"stream_event\",\"event\":{}}"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[1,2]",
                "\"a string\"",
                "{\"no\":\"type\"}",
                "{\"type\":42}",
                "{\"type\":\"assistant\",\"message\":{}}",
                "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":7}]}}",
                "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"name\":\"x\"}]}}",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":5}]}}",
                "{\"type\":\"result\",\"result\":{\"nested\":true}}",
                "{\"type\":\"result\",\"result\":\"ok\",\"num_turns\":\"three\"}",
                "{\"type\":\"assistant\",\"message\":{\"content\":[",
            })
    void aMalformedLineIsMalformedNotAnException(String line) {
        assertInstanceOf(StreamJson.Line.Malformed.class, stream.read(line));
    }
}
