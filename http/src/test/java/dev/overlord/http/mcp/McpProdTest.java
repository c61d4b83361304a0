package dev.overlord.http.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.agent.mcp.Jackson2McpJsonMapper;
import dev.overlord.http.testing.RunningServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In prod the read API is closed to anonymous callers; the tools still read it (as the server's
 * own session), and only because the MCP caller was admitted at {@code /mcp}.
 */
class McpProdTest {
    static final String TOKEN = "mcp-token-" + UUID.randomUUID();

    @RegisterExtension
    static final RunningServer prod =
            RunningServer.create().with("overlord.mode = prod").with("overlord.agent.mcp.token = \"" + TOKEN + "\"");

    @Test
    void theToolsReadTheClosedReadApiForAnAdmittedCaller() {
        assertEquals(401, prod.get("/live").statusCode(), "the read API is closed");
        assertEquals(401, prod.get("/server-health").statusCode());
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(prod.origin())
                        .endpoint("/mcp")
                        .jsonMapper(new Jackson2McpJsonMapper())
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + TOKEN))
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        try {
            client.initialize();
            McpSchema.CallToolResult live =
                    client.callTool(new McpSchema.CallToolRequest("get_live_players", Map.of()));
            assertFalse(live.isError(), text(live));
            assertEquals("{\"count\":0,\"players\":[]}", text(live));
            McpSchema.CallToolResult health =
                    client.callTool(new McpSchema.CallToolRequest("get_server_health", Map.of()));
            assertTrue(text(health).contains("\"status\":\"unknown\""), text(health));
            McpSchema.CallToolResult inventory =
                    client.callTool(new McpSchema.CallToolRequest("get_inventory", Map.of("character", "Nobody")));
            assertTrue(inventory.isError());
            assertEquals("unknown character 'Nobody'", text(inventory), "the route answered, not the gate");
        } finally {
            client.closeGracefully();
        }
    }

    static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }
}
