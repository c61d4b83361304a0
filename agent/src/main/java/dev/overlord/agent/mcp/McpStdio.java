package dev.overlord.agent.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import reactor.core.publisher.Mono;

/**
 * The assistant's tools over stdio, for a command-line model client started as a subprocess: it
 * serves on stdin/stdout the tools the running server serves at {@code /mcp}, forwarding each
 * call there over HTTP with a bearer token. The subprocess so holds no database password and none
 * of the server's secrets, only the URL and a token the server gave it.
 *
 * <p>Configuration (arguments win over the environment): {@code --url URL} or {@code
 * OVERLORD_MCP_URL} (e.g. {@code http://127.0.0.1:8765/mcp}); {@code --token-env NAME} names the
 * environment variable holding the token, {@code OVERLORD_MCP_TOKEN} by default (a token is never
 * taken from the command line, where other users of the machine could read it).
 */
public final class McpStdio {
    public static final String URL_ENV = "OVERLORD_MCP_URL";
    public static final String TOKEN_ENV = "OVERLORD_MCP_TOKEN";
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(150);
    /** The longest answer read from the server: tool answers are bounded far below this. */
    static final int MAX_RESPONSE = 4 * 1024 * 1024;

    private McpStdio() {}

    public static void main(String[] args) throws InterruptedException {
        // stdout carries the protocol: every log line must go to stderr, before any logger starts
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "overlord-mcp-stdio-logback.xml");
        }
        PrintStream err = System.err;
        Map<String, String> env = System.getenv();
        String url = argument(args, "--url").orElse(env.getOrDefault(URL_ENV, ""));
        String tokenEnv = argument(args, "--token-env").orElse(TOKEN_ENV);
        String token = env.getOrDefault(tokenEnv, "");
        if (url.isBlank() || token.isBlank()) {
            err.println("McpStdio: set " + URL_ENV + " (or --url) and " + tokenEnv + " (the server's /mcp and a"
                    + " token it accepts)");
            System.exit(2);
        }
        URI endpoint;
        try {
            endpoint = URI.create(url);
            if (endpoint.getScheme() == null || !endpoint.getScheme().startsWith("http") || endpoint.getHost() == null)
                throw new IllegalArgumentException("not an http(s) URL");
        } catch (IllegalArgumentException e) {
            err.println("McpStdio: " + URL_ENV + " is not an http(s) URL: " + e.getMessage());
            System.exit(2);
            return;
        }
        McpAsyncClient upstream = upstream(endpoint, token);
        List<McpSchema.Tool> tools;
        try {
            upstream.initialize().block(CALL_TIMEOUT);
            tools = upstream.listTools().block(CALL_TIMEOUT).tools();
        } catch (RuntimeException e) {
            err.println("McpStdio: the server at " + endpoint + " did not answer: " + e.getMessage());
            System.exit(1);
            return;
        }
        Jackson2McpJsonMapper json = new Jackson2McpJsonMapper();
        CountDownLatch closed = new CountDownLatch(1);
        // The client ends us by closing our stdin (or by a signal): either way we exit.
        java.io.InputStream in = new java.io.FilterInputStream(System.in) {
            @Override
            public int read() throws java.io.IOException {
                int b = super.read();
                if (b < 0) closed.countDown();
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws java.io.IOException {
                int n = super.read(buffer, off, len);
                if (n < 0) closed.countDown();
                return n;
            }
        };
        McpAsyncServer server = McpServer.async(new StdioServerTransportProvider(json, in, System.out))
                .serverInfo(McpTools.SERVER_NAME, "stdio")
                .jsonMapper(json)
                .jsonSchemaValidator(new SchemaValidator())
                .validateToolInputs(false)
                .requestTimeout(CALL_TIMEOUT)
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools.stream()
                        .map(tool -> McpServerFeatures.AsyncToolSpecification.builder()
                                .tool(tool)
                                .callHandler((exchange, request) -> forward(upstream, request))
                                .build())
                        .toList())
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.closeGracefully().block(Duration.ofSeconds(2));
            upstream.closeGracefully().block(Duration.ofSeconds(2));
        }));
        closed.await();
        System.exit(0);
    }

    /** The server's answer as it came (refusals are already error results); a failure to reach it becomes one. */
    static Mono<McpSchema.CallToolResult> forward(McpAsyncClient upstream, McpSchema.CallToolRequest request) {
        return upstream.callTool(request)
                .onErrorResume(e -> Mono.just(McpSchema.CallToolResult.builder()
                        .addTextContent("the Overlord server did not answer this tool call: " + e.getMessage())
                        .isError(true)
                        .build()));
    }

    static McpAsyncClient upstream(URI endpoint, String token) {
        String base = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/mcp" : endpoint.getRawPath();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(path)
                .jsonMapper(new Jackson2McpJsonMapper())
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .connectTimeout(Duration.ofSeconds(10))
                .maxResponseSize(MAX_RESPONSE)
                .build();
        return McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("overlord-mcp-stdio", "1"))
                .jsonSchemaValidator(new SchemaValidator())
                .requestTimeout(CALL_TIMEOUT)
                .build();
    }

    private static java.util.Optional<String> argument(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return java.util.Optional.of(args[i + 1]);
        return java.util.Optional.empty();
    }
}
