package dev.overlord.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalDouble;

/** The live-feed messages the bot acts on; everything else is {@link Other}. */
sealed interface FeedMessage {

    /** Longest name or chat line kept; the feed's frames are bounded already, this is a backstop. */
    int MAX_TEXT = 512;

    /** A character found a rare. */
    record Rare(String characterName, String name, Instant at, OptionalDouble ew, OptionalDouble ns)
            implements FeedMessage {}

    /** A line of in-game chat seen by a character. */
    record Chat(String characterName, String text, Instant at) implements FeedMessage {}

    /** Anything else (other types, control messages, malformed text). */
    record Other(String why) implements FeedMessage {}

    static FeedMessage parse(ObjectMapper json, String text) {
        JsonNode n;
        try {
            n = json.readTree(text);
        } catch (Exception e) {
            return new Other("not JSON");
        }
        if (n == null || !n.isObject()) return new Other("not an object");
        String type = n.path("type").asText("");
        String character = text(n, "character_name");
        Instant at = instant(n.path("timestamp").asText(""));
        return switch (type) {
            case "rare" -> {
                String name = text(n, "name");
                if (character.isEmpty() || name.isEmpty()) yield new Other("rare without a character or name");
                yield new Rare(character, name, at, number(n, "ew"), number(n, "ns"));
            }
            case "chat" -> {
                String line = text(n, "text");
                if (character.isEmpty() || line.isEmpty()) yield new Other("chat without a character or text");
                yield new Chat(character, line, at);
            }
            default -> new Other("type " + (type.length() > 32 ? type.substring(0, 32) : type));
        };
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) return "";
        String s = v.asText().strip();
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }

    private static OptionalDouble number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isNumber() && Double.isFinite(v.asDouble())) return OptionalDouble.of(v.asDouble());
        if (v.isTextual()) {
            try {
                double d = Double.parseDouble(v.asText());
                if (Double.isFinite(d)) return OptionalDouble.of(d);
            } catch (NumberFormatException e) {
                // not a number: no location shown
            }
        }
        return OptionalDouble.empty();
    }

    private static Instant instant(String s) {
        try {
            return s.isEmpty() ? Instant.now() : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
