package dev.overlord.http.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Sample plugin frames in the reference's shapes. Each carries a timestamp so the server forwards
 * its text unchanged (it only adds {@code seq}).
 */
public final class Frames {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Frames() {}

    /** A frame of any type for a character, with a timestamp. */
    public static ObjectNode of(String type, String character) {
        ObjectNode f = JSON.objectNode();
        f.put("type", type);
        f.put("character_name", character);
        f.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return f;
    }

    public static ObjectNode telemetry(String character, double ew, double ns, long kills) {
        ObjectNode f = of("telemetry", character);
        f.put("ew", ew);
        f.put("ns", ns);
        f.put("z", 12.5);
        f.put("kills", kills);
        f.put("kills_per_hour", 120);
        f.put("deaths", 0);
        f.put("prismatic_taper_count", 40);
        f.put("vt_state", "Combat");
        return f;
    }

    public static ObjectNode vitals(String character, double vitae) {
        ObjectNode f = of("vitals", character);
        f.put("health_current", 400);
        f.put("health_max", 500);
        f.put("stamina_current", 300);
        f.put("stamina_max", 500);
        f.put("mana_current", 200);
        f.put("mana_max", 500);
        f.put("vitae", vitae);
        return f;
    }

    public static ObjectNode chat(String character, String text) {
        ObjectNode f = of("chat", character);
        f.put("channel", "General");
        f.put("text", text);
        return f;
    }

    public static ObjectNode rare(String character, String item) {
        ObjectNode f = of("rare", character);
        f.put("name", item);
        return f;
    }

    public static ObjectNode dungeonMap(String character, String landblock, String tiles) {
        ObjectNode f = of("dungeon_map", character);
        f.put("landblock", landblock);
        f.put("tiles", tiles);
        return f;
    }

    /**
     * A received event's JSON without the {@code seq} the server added: the text the plugin sent.
     * Compared as text because a parsed tree types small numbers differently from a built one.
     */
    public static String asSent(JsonNode event) {
        ObjectNode copy = ((ObjectNode) event).deepCopy();
        copy.remove("seq");
        return copy.toString();
    }

    /** Whether a received message is the live event for this character and type. */
    public static boolean isEvent(JsonNode j, String type, String character) {
        return j.has("seq")
                && type.equals(j.path("type").asText())
                && character.equals(j.path("character_name").asText());
    }
}
