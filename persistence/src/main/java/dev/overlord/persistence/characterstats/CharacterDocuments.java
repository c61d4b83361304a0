package dev.overlord.persistence.characterstats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What character_stats stores of a stats, cantrip or quest frame: the payload the API answers, not
 * the frame around it. The journaled events keep the frame document (events are forever); these
 * take the payload out of it, in the projection and in the migration that repaired older rows.
 */
public final class CharacterDocuments {

    /** The frame's envelope: who, what and when, which the row's own columns already say. */
    static final List<String> ENVELOPE = List.of("type", "character_name", "timestamp", "plugin_seq");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CharacterDocuments() {}

    /** A character_stats frame without its envelope fields; everything else as sent. */
    public static String stats(String frame) {
        JsonNode root = parse(frame);
        if (!(root instanceof ObjectNode o)) return frame;
        ObjectNode stats = o.deepCopy();
        stats.remove(ENVELOPE);
        return stats.toString();
    }

    /** An equipment_cantrip_state frame's {@code cantrips} array as sent; {@code []} when it had none. */
    public static String cantrips(String frame) {
        JsonNode root = parse(frame);
        if (root instanceof ArrayNode) return frame;
        JsonNode cantrips = root.get("cantrips");
        return cantrips instanceof ArrayNode ? cantrips.toString() : "[]";
    }

    /**
     * A quest frame's quests as a map by name (else description; entries with neither are left
     * out), each quest as sent without its {@code name}; a {@code quests} object is kept as it is.
     */
    public static String quests(String frame) {
        JsonNode quests = parse(frame).get("quests");
        if (quests instanceof ObjectNode) return quests.toString();
        ObjectNode byName = F.objectNode();
        if (quests instanceof ArrayNode list) {
            for (JsonNode quest : list) {
                if (!(quest instanceof ObjectNode q)) continue;
                String key = q.path("name").isTextual()
                        ? q.get("name").textValue()
                        : q.path("description").isTextual()
                                ? q.get("description").textValue()
                                : null;
                if (key == null) continue;
                ObjectNode value = q.deepCopy();
                value.remove("name");
                byName.set(key, value);
            }
        }
        return byName.toString();
    }

    /** Whether {@code document} is a whole frame as stored before the payload was taken out. */
    public static boolean isFrame(String document) {
        return parse(document) instanceof ObjectNode o && o.path("type").isTextual();
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? F.missingNode() : node;
        } catch (JsonProcessingException e) {
            // The entity journals parsed frames, so this is a damaged event: it stores nothing of it.
            return F.missingNode();
        }
    }
}
