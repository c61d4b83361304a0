package dev.overlord.http.mcp;

import com.typesafe.config.Config;

/**
 * The MCP endpoint's settings, from {@code overlord.agent.mcp}.
 *
 * @param token the bearer token MCP clients may present ({@code AGENT_MCP_TOKEN}); empty for none
 * @param maxBody the largest JSON-RPC message accepted (413 beyond it)
 * @param maxAnswer the largest answer of the server's own API a tool reads
 */
public record McpSettings(String token, long maxBody, long maxAnswer) {
    public static McpSettings from(Config config) {
        Config c = config.getConfig("overlord.agent.mcp");
        return new McpSettings(c.getString("token").strip(), c.getBytes("max-body"), c.getBytes("max-answer"));
    }
}
