package dev.overlord.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbedTest {

    @Test
    void texts_of_any_length_are_cut_to_what_discord_accepts() {
        List<Embed.Field> fields = new ArrayList<>();
        for (int i = 0; i < 40; i++) fields.add(new Embed.Field("n".repeat(300), "v".repeat(2_000), true));
        Embed e = new Embed("t".repeat(1_000), "d".repeat(10_000), 0x1FFFFFF, fields, Instant.EPOCH, "f".repeat(5_000));

        assertEquals(Embed.MAX_TITLE, e.title().length());
        assertTrue(e.title().endsWith("…"));
        assertEquals(Embed.MAX_DESCRIPTION, e.description().length());
        assertEquals(0xFFFFFF, e.color());
        assertTrue(e.fields().size() <= Embed.MAX_FIELDS);
        int total = e.title().length() + e.description().length() + e.footer().length();
        for (Embed.Field f : e.fields()) {
            assertTrue(f.name().length() <= Embed.MAX_FIELD_NAME);
            assertTrue(f.value().length() <= Embed.MAX_FIELD_VALUE);
            total += f.name().length() + f.value().length();
        }
        assertTrue(total <= Embed.MAX_TOTAL, "total " + total);
        // JDA accepts it as built (it checks the same limits and would throw).
        assertEquals(e.title(), e.toJda().getTitle());
    }

    @Test
    void a_cut_never_splits_a_character() {
        String s = "a".repeat(Embed.MAX_TITLE - 2) + "\uD83D\uDC8E\uD83D\uDC8E";
        String cut = new Embed(s, "", 0, List.of(), null, "").title();
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 2)), cut);
        assertTrue(cut.length() <= Embed.MAX_TITLE);
    }

    @Test
    void the_json_has_what_discord_shows() {
        ObjectNode j = new Embed(
                        "Rare", "found", 0x00FF00, List.of(new Embed.Field("a", "b", false)), Instant.EPOCH, "Overlord")
                .toJson(new ObjectMapper());
        assertEquals("Rare", j.path("title").asText());
        assertEquals("found", j.path("description").asText());
        assertEquals(0x00FF00, j.path("color").asInt());
        assertEquals("1970-01-01T00:00:00Z", j.path("timestamp").asText());
        assertEquals("a", j.path("fields").path(0).path("name").asText());
        assertFalse(j.path("fields").path(0).path("inline").asBoolean());
        assertEquals("Overlord", j.path("footer").path("text").asText());
    }
}
