package dev.overlord.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.overlord.agent.tools.ToolBox;
import dev.overlord.agent.tools.ToolError;
import dev.overlord.agent.tools.ToolSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small {@link ToolBox} with fixed answers: {@code get_live_players} (no arguments) lists two
 * players; {@code get_player_state} needs {@code character_name}; anything else is an unknown tool.
 * It records the calls it was asked.
 */
public final class SampleTools implements ToolBox {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public List<ToolSpec> specs() {
        try {
            ObjectMapper json = new ObjectMapper();
            return List.of(
                    new ToolSpec(
                            "get_live_players",
                            "The characters online now.",
                            json.readTree("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}")),
                    new ToolSpec(
                            "get_player_state",
                            "One character's latest state.",
                            json.readTree(
                                    "{\"type\":\"object\",\"properties\":{\"character_name\":{\"type\":\"string\"}},"
                                            + "\"required\":[\"character_name\"],\"additionalProperties\":false}")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public CompletionStage<JsonNode> call(String name, JsonNode arguments) {
        calls.add(name);
        return switch (name) {
            case "get_live_players" -> {
                var body = F.objectNode();
                body.putArray("players").add("Alpha").add("Bravo");
                yield CompletableFuture.completedFuture(body);
            }
            case "get_player_state" -> {
                JsonNode n = arguments.path("character_name");
                if (!n.isTextual()) yield CompletableFuture.failedFuture(new ToolError("character_name is required"));
                yield CompletableFuture.completedFuture(
                        F.objectNode().put("character_name", n.asText()).put("vitae", 0));
            }
            default -> CompletableFuture.failedFuture(new ToolError("unknown tool " + name));
        };
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }
}
