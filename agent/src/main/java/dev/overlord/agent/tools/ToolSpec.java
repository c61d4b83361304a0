package dev.overlord.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One read-only tool as a model sees it: its name, what it answers, and the JSON schema of its
 * arguments (an {@code object} schema).
 */
public record ToolSpec(String name, String description, JsonNode inputSchema) {}
