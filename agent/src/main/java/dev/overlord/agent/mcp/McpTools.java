package dev.overlord.agent.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.agent.tools.ToolBox;
import dev.overlord.agent.tools.ToolError;
import dev.overlord.agent.tools.ToolSpec;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A {@link ToolBox} as MCP tools: each spec becomes an SDK tool (read-only), each call's answer
 * one text content holding its JSON, and a {@link ToolError} a tool result marked as an error whose
 * text is the refusal, so a model reads why and may try again. Any other failure is an error
 * result with a fixed text; its cause is only logged.
 */
public final class McpTools {
    private static final Logger log = LoggerFactory.getLogger(McpTools.class);
    public static final String SERVER_NAME = "overlord";
    /** A call that is still running after this is answered with an error (the suitbuilder runs up to a minute). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {};

    private McpTools() {}

    /** An MCP server without sessions over {@code transport}, serving every tool of {@code tools}. */
    public static McpStatelessAsyncServer statelessServer(
            McpStatelessServerTransport transport, ToolBox tools, String version, McpJsonMapper json) {
        List<McpStatelessServerFeatures.AsyncToolSpecification> specs = tools.specs().stream()
                .map(spec -> McpStatelessServerFeatures.AsyncToolSpecification.builder()
                        .tool(tool(spec, json))
                        .callHandler((context, request) -> call(tools, request))
                        .build())
                .toList();
        return McpServer.async(transport)
                .serverInfo(SERVER_NAME, version)
                .jsonMapper(json)
                .jsonSchemaValidator(new SchemaValidator())
                // our tool box checks its arguments itself (the chat runner calls it without MCP)
                .validateToolInputs(false)
                .requestTimeout(REQUEST_TIMEOUT)
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(specs)
                .build();
    }

    /** The SDK's tool for {@code spec}: its name, description, schema, and a read-only hint. */
    public static McpSchema.Tool tool(ToolSpec spec, McpJsonMapper json) {
        return McpSchema.Tool.builder()
                .name(spec.name())
                .description(spec.description())
                .inputSchema(json.convertValue(spec.inputSchema(), MAP))
                .annotations(new McpSchema.ToolAnnotations(null, true, false, true, false, null))
                .build();
    }

    /** Runs one call on {@code tools}; never fails the Mono (refusals and failures are error results). */
    public static Mono<McpSchema.CallToolResult> call(ToolBox tools, McpSchema.CallToolRequest request) {
        JsonNode arguments = request.arguments() == null ? null : JSON.valueToTree(request.arguments());
        return Mono.fromCompletionStage(() -> tools.call(request.name(), arguments))
                .map(answer -> McpSchema.CallToolResult.builder()
                        .addTextContent(answer.toString())
                        .isError(false)
                        .build())
                .onErrorResume(e -> Mono.just(error(request.name(), e)));
    }

    private static McpSchema.CallToolResult error(String tool, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String text;
        if (cause instanceof ToolError refused) {
            text = refused.getMessage();
        } else {
            log.warn(
                    "tool {} failed: {}", dev.overlord.protocol.LogText.escape(String.valueOf(tool)), cause.toString());
            text = cause instanceof java.util.concurrent.TimeoutException
                    ? "the tool took too long to answer; try a narrower question"
                    : "the tool failed on the server; try again later";
        }
        return McpSchema.CallToolResult.builder()
                .addTextContent(text)
                .isError(true)
                .build();
    }
}
