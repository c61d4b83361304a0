package dev.overlord.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;

/**
 * One Discord embed, the same whether a webhook or the bot posts it. Every text is cut to Discord's
 * limits here, so text from a plugin or a rule can never make Discord refuse the message.
 *
 * @param title one line, at most 256 characters
 * @param description at most 4,096 characters (kept well under so the whole fits in 6,000)
 * @param color RGB
 * @param fields at most 25
 * @param timestamp shown by Discord in the reader's time zone; may be null
 * @param footer a small line at the bottom; may be empty
 */
public record Embed(String title, String description, int color, List<Field> fields, Instant timestamp, String footer) {

    static final int MAX_TITLE = 256;
    static final int MAX_DESCRIPTION = 2_048;
    static final int MAX_FIELDS = 25;
    static final int MAX_FIELD_NAME = 256;
    static final int MAX_FIELD_VALUE = 1_024;
    static final int MAX_FOOTER = 256;
    /** Discord refuses an embed whose texts add up to more than 6,000 characters. */
    static final int MAX_TOTAL = 6_000;

    /** A named value; {@code inline} fields sit side by side. */
    public record Field(String name, String value, boolean inline) {
        public Field {
            name = cut(blankAs(name, "-"), MAX_FIELD_NAME);
            value = cut(blankAs(value, "-"), MAX_FIELD_VALUE);
        }
    }

    public Embed {
        title = cut(blankAs(title, "-"), MAX_TITLE);
        description = cut(description == null ? "" : description, MAX_DESCRIPTION);
        footer = cut(footer == null ? "" : footer, MAX_FOOTER);
        color &= 0xFFFFFF;
        fields = fields == null ? List.of() : List.copyOf(fields.subList(0, Math.min(MAX_FIELDS, fields.size())));
        // Fields go last when the total is too long: title, text and footer say what happened.
        int total = title.length() + description.length() + footer.length();
        int kept = 0;
        for (Field f : fields) {
            int size = f.name().length() + f.value().length();
            if (total + size > MAX_TOTAL) break;
            total += size;
            kept++;
        }
        fields = fields.subList(0, kept);
    }

    /** The embed as Discord's JSON (for a webhook's {@code embeds} array). */
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode e = json.createObjectNode();
        e.put("title", title);
        if (!description.isEmpty()) e.put("description", description);
        e.put("color", color);
        if (timestamp != null) e.put("timestamp", timestamp.toString());
        if (!fields.isEmpty()) {
            ArrayNode fs = e.putArray("fields");
            for (Field f : fields) {
                fs.addObject().put("name", f.name()).put("value", f.value()).put("inline", f.inline());
            }
        }
        if (!footer.isEmpty()) e.putObject("footer").put("text", footer);
        return e;
    }

    /** The embed for JDA (for the bot). */
    public MessageEmbed toJda() {
        EmbedBuilder b = new EmbedBuilder().setTitle(title).setColor(color);
        if (!description.isEmpty()) b.setDescription(description);
        if (timestamp != null) b.setTimestamp(timestamp);
        for (Field f : fields) b.addField(f.name(), f.value(), f.inline());
        if (!footer.isEmpty()) b.setFooter(footer);
        return b.build();
    }

    static String cut(String s, int max) {
        if (s.length() <= max) return s;
        int end = max - 1;
        // Never split a surrogate pair: half a character is not valid text.
        if (Character.isHighSurrogate(s.charAt(end - 1))) end--;
        return s.substring(0, end) + "…";
    }

    private static String blankAs(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s;
    }
}
