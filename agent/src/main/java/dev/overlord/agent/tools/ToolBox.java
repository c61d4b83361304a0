package dev.overlord.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The assistant's read-only tools, whoever calls them: the MCP server (stdio and HTTP) and the
 * chat runner's own tool loop. Calls never run on the caller's thread for long: the answer is a
 * stage.
 */
public interface ToolBox {
    /** Every tool, in a stable order. */
    List<ToolSpec> specs();

    /**
     * Runs one tool. The stage fails with {@link ToolError} for an unknown tool, arguments the
     * schema or the tool's checks refuse, or a refusal; with anything else for a failure of ours.
     */
    CompletionStage<JsonNode> call(String name, JsonNode arguments);
}
