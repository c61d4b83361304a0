package dev.overlord.http.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.protocol.Echo;
import java.util.LinkedHashSet;
import java.util.Set;

/** What a browser may send on {@code /ws/live}, parsed into a sealed set of requests. */
sealed interface BrowserMessages {

    /** {@code {"type":"subscribe","message_types":[...]}}; an empty list means everything. */
    record Subscribe(Set<String> types) implements BrowserMessages {}

    /** {@code {"player_name":"X","command":"/..."}}: forwarded as is to X's plugin. */
    record Command(String playerName, String command, String json) implements BrowserMessages {}

    /** {@code {"type":"request_dungeon_map","landblock":"..."}}. */
    record DungeonMapRequest(String landblock) implements BrowserMessages {}

    /** {@code {"type":"request_snapshot"}}: every online character's state now. */
    record SnapshotRequest() implements BrowserMessages {}

    /** Anything else: answered with an error, the socket stays open. */
    record Invalid(String reason) implements BrowserMessages {}

    static BrowserMessages parse(ObjectMapper mapper, String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (Exception e) {
            return new Invalid("not valid JSON");
        }
        if (!(node instanceof ObjectNode o)) return new Invalid("a message must be a JSON object");
        if (o.hasNonNull("player_name") || o.hasNonNull("command")) {
            String player = o.path("player_name").asText("");
            String command = o.path("command").asText("");
            if (player.isBlank() || command.isBlank()) {
                return new Invalid("a command needs both player_name and command");
            }
            return new Command(player, command, text);
        }
        String type = o.path("type").asText("");
        return switch (type) {
            case "subscribe" -> {
                JsonNode types = o.get("message_types");
                if (types != null && !types.isNull() && !types.isArray()) {
                    yield new Invalid("message_types must be a list of type names");
                }
                Set<String> set = new LinkedHashSet<>();
                if (types != null) types.forEach(t -> set.add(t.asText()));
                yield new Subscribe(set);
            }
            case "request_dungeon_map" -> {
                String lb = o.path("landblock").asText("");
                yield lb.isBlank() ? new Invalid("request_dungeon_map needs a landblock") : new DungeonMapRequest(lb);
            }
            case "request_snapshot" -> new SnapshotRequest();
            case "" ->
                new Invalid(
                        "a message needs a type (subscribe, request_dungeon_map, request_snapshot) or player_name and command");
            // The type is echoed: bounded and printable, so a client cannot forge lines in our answers or logs.
            default -> new Invalid("unknown message type '" + Echo.line(type, 40) + "'");
        };
    }

    static String error(String reason) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", "error");
        n.put("error", reason);
        return n.toString();
    }
}
