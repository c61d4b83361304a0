package dev.overlord.agent.runner;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the command-line client's {@code --output-format stream-json} lines, one at a time, for
 * one question: assistant text and tool calls, tool results (in user messages) and the final
 * {@code result} line. A line is hostile until checked: anything of the wrong shape is {@link
 * Line.Malformed}, never an exception.
 */
final class StreamJson {
    /** What one line said. */
    sealed interface Line {
        /** Things to show as they happen (possibly none). */
        record Events(List<RunnerEvent> events) implements Line {}

        /** The final line: the answer. */
        record Result(Answer answer) implements Line {}

        /** A line we have no use for ({@code system} and the like). */
        record Ignored() implements Line {}

        /** Not a stream-json line at all, or not of the shape its type promises. */
        record Malformed(String why) implements Line {}
    }

    /** Our MCP server's name in the client's configuration; its tools come prefixed with it. */
    static final String TOOL_PREFIX = "mcp__" + CliRunner.MCP_SERVER_NAME + "__";

    static final int PREVIEW_CHARS = 300;
    private static final int MAX_REMEMBERED_CALLS = 512;

    private final ObjectMapper json;
    // Tool call id -> tool name, so a result can say which tool it answers. Bounded.
    private final Map<String, String> calls = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_REMEMBERED_CALLS;
        }
    };

    StreamJson(ObjectMapper json) {
        this.json = json;
    }

    Line read(String text) {
        if (text.isBlank()) return new Line.Ignored();
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            return new Line.Malformed("not JSON");
        }
        if (node == null || !node.isObject()) return new Line.Malformed("not a JSON object");
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) return new Line.Malformed("no type");
        return switch (type.asText()) {
            case "assistant" -> assistant(node);
            case "user" -> user(node);
            case "result" -> result(node);
            default -> new Line.Ignored();
        };
    }

    private Line assistant(JsonNode node) {
        JsonNode content = node.path("message").path("content");
        if (!content.isArray()) return new Line.Malformed("assistant message without content");
        List<RunnerEvent> events = new ArrayList<>();
        for (JsonNode block : content) {
            switch (block.path("type").asText("")) {
                case "text" -> {
                    JsonNode t = block.get("text");
                    if (t == null || !t.isTextual()) return new Line.Malformed("text block without text");
                    if (!t.asText().isEmpty()) events.add(new RunnerEvent.Text(t.asText()));
                }
                case "tool_use" -> {
                    JsonNode id = block.get("id");
                    JsonNode name = block.get("name");
                    if (id == null || !id.isTextual() || name == null || !name.isTextual()) {
                        return new Line.Malformed("tool_use without id or name");
                    }
                    String tool = toolName(name.asText());
                    calls.put(id.asText(), tool);
                    JsonNode input = block.get("input");
                    events.add(new RunnerEvent.ToolCall(
                            id.asText(), tool, input == null ? NullNode.getInstance() : input));
                }
                default -> {
                    // Thinking and blocks of later versions: nothing to show.
                }
            }
        }
        return new Line.Events(List.copyOf(events));
    }

    private Line user(JsonNode node) {
        JsonNode content = node.path("message").path("content");
        // A user message may be plain text (the question itself): nothing to show.
        if (!content.isArray()) return new Line.Ignored();
        List<RunnerEvent> events = new ArrayList<>();
        for (JsonNode block : content) {
            if (!"tool_result".equals(block.path("type").asText(""))) continue;
            JsonNode id = block.get("tool_use_id");
            if (id == null || !id.isTextual()) return new Line.Malformed("tool_result without tool_use_id");
            String tool = calls.getOrDefault(id.asText(), "");
            boolean isError = block.path("is_error").asBoolean(false);
            events.add(new RunnerEvent.ToolResult(id.asText(), tool, isError, preview(block.get("content"))));
        }
        return new Line.Events(List.copyOf(events));
    }

    private Line result(JsonNode node) {
        JsonNode result = node.get("result");
        if (result != null && !result.isTextual() && !result.isNull()) {
            return new Line.Malformed("result is not text");
        }
        JsonNode turns = node.get("num_turns");
        if (turns != null && !turns.isIntegralNumber()) return new Line.Malformed("num_turns is not a number");
        int numTurns = turns == null ? 0 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, turns.asLong()));
        boolean isError = node.path("is_error").asBoolean(false);
        String text = result == null || result.isNull() ? "" : result.asText();
        if (text.isEmpty() && isError) {
            // error_max_turns, error_during_execution: no text, only the subtype.
            String subtype = node.path("subtype").asText("error").replaceAll("[^A-Za-z0-9_]", "");
            text = "The assistant stopped without an answer (" + truncate(subtype, 40) + ").";
        }
        return new Line.Result(new Answer(text, numTurns, isError));
    }

    /** Our own tools without their MCP prefix; any other tool as the client named it. */
    static String toolName(String name) {
        return name.startsWith(TOOL_PREFIX) ? name.substring(TOOL_PREFIX.length()) : name;
    }

    /** A tool result's content, string or text blocks, cut to a short preview. */
    private static String preview(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return truncate(content.asText(), PREVIEW_CHARS);
        StringBuilder sb = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode block : content) {
                JsonNode t = block.get("text");
                if (t != null && t.isTextual()) {
                    if (!sb.isEmpty()) sb.append('\n');
                    sb.append(t.asText(), 0, Math.min(t.asText().length(), PREVIEW_CHARS + 1));
                }
                if (sb.length() > PREVIEW_CHARS) break;
            }
        }
        return truncate(sb.toString(), PREVIEW_CHARS);
    }

    static String truncate(String s, int max) {
        if (s.length() <= max) return s;
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) end--;
        return s.substring(0, end) + "…";
    }
}
