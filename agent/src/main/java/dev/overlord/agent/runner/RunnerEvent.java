package dev.overlord.agent.runner;

import com.fasterxml.jackson.databind.JsonNode;

/** What a runner reports while it works, for the browser to show as it happens. */
public sealed interface RunnerEvent {
    /** More of the answer's text, in order. */
    record Text(String delta) implements RunnerEvent {}

    /** The model called a tool. */
    record ToolCall(String id, String name, JsonNode arguments) implements RunnerEvent {}

    /** A tool answered ({@code isError}: it refused or failed); {@code preview} is short. */
    record ToolResult(String id, String name, boolean isError, String preview) implements RunnerEvent {}
}
