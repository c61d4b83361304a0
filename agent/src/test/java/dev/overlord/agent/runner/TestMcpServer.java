package dev.overlord.agent.runner;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/**
 * A stdio MCP server with two of the assistant's tools, standing in for ours in the command-line
 * runner's tests: {@code get_server_health} answers with what this process sees (our URL, the
 * question's token, its environment's names), {@code get_live_players} with a fixed list.
 */
public final class TestMcpServer {
    public static void main(String[] args) throws Exception {
        // Standard output is the protocol: anything else printed goes to standard error.
        PrintStream protocol = System.out;
        System.setOut(new PrintStream(System.err, true));
        CountDownLatch stdinClosed = new CountDownLatch(1);
        InputStream in = new FilterInputStream(System.in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) stdinClosed.countDown();
                return n;
            }

            @Override
            public int read() throws IOException {
                int n = super.read();
                if (n < 0) stdinClosed.countDown();
                return n;
            }
        };
        var mapper = McpJsonDefaults.getMapper();
        var server = McpServer.sync(new StdioServerTransportProvider(mapper, in, protocol))
                .serverInfo("overlord-test", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(
                        SyncToolSpecification.builder()
                                .tool(McpSchema.Tool.builder()
                                        .name("get_server_health")
                                        .description("What this MCP server process sees")
                                        .inputSchema(Map.of("type", "object", "properties", Map.of()))
                                        .build())
                                .callHandler((exchange, request) -> text(health()))
                                .build(),
                        SyncToolSpecification.builder()
                                .tool(McpSchema.Tool.builder()
                                        .name("get_live_players")
                                        .description("Players online now")
                                        .inputSchema(Map.of(
                                                "type",
                                                "object",
                                                "properties",
                                                Map.of("limit", Map.of("type", "integer"))))
                                        .build())
                                .callHandler(
                                        (exchange, request) -> text("{\"players\":[\"Aerfalle\",\"Bunny\"],\"limit\":"
                                                + request.arguments().getOrDefault("limit", 10) + "}"))
                                .build())
                .build();
        stdinClosed.await();
        server.closeGracefully();
        System.exit(0);
    }

    private static String health() {
        var env = System.getenv();
        return "{\"url\":" + quote(env.getOrDefault(CliRunner.ENV_MCP_URL, "")) + ",\"token\":"
                + quote(env.getOrDefault(CliRunner.ENV_MCP_TOKEN, "")) + ",\"env\":"
                + quote(String.join(",", new TreeSet<>(env.keySet()))) + "}";
    }

    private static McpSchema.CallToolResult text(String s) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(s)
                .isError(false)
                .build();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
