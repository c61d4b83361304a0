package dev.overlord.agent.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real MCP client over stdio, started from an {@code --mcp-config} file the way the
 * command-line client starts its MCP servers: the named server's command, arguments and
 * environment. The fake client uses it; so can any test that points the configuration at another
 * stdio MCP server.
 */
public final class FakeMcpClient implements AutoCloseable {
    private final McpSyncClient client;

    private FakeMcpClient(McpSyncClient client) {
        this.client = client;
    }

    /** Starts server {@code name} of the configuration file and initializes the session. */
    public static FakeMcpClient start(Path mcpConfig, String name, Duration timeout) throws IOException {
        JsonNode server = new ObjectMapper()
                .readTree(Files.readString(mcpConfig))
                .path("mcpServers")
                .path(name);
        if (!server.isObject()) throw new IOException("no MCP server '" + name + "' in " + mcpConfig);
        List<String> args = new ArrayList<>();
        server.path("args").forEach(a -> args.add(a.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        server.path("env")
                .properties()
                .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        ServerParameters params = ServerParameters.builder(
                        server.path("command").asText())
                .args(args)
                .env(env)
                .build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(timeout)
                .initializationTimeout(timeout)
                .clientInfo(new McpSchema.Implementation("fake-claude", "1"))
                .build();
        client.initialize();
        return new FakeMcpClient(client);
    }

    public List<String> toolNames() {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    public McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    /** The text blocks of a tool's answer, joined. */
    public static String text(McpSchema.CallToolResult result) {
        return result.content().stream()
                .filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
