package dev.overlord.agent.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Answers fit the bound: the lists holding the most text are cut, and the answer says so. */
class AnswerBoundTest {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    static ObjectNode inventory(int items, int small) {
        ObjectNode o = F.objectNode().put("character_name", "Lars");
        ArrayNode list = o.putArray("items");
        for (int i = 0; i < items; i++) list.addObject().put("id", i).put("name", "Item number " + i + " ".repeat(80));
        ArrayNode tags = o.putArray("tags");
        for (int i = 0; i < small; i++) tags.add("t" + i);
        return o;
    }

    @Test
    void aSmallAnswerIsLeftAlone() {
        ObjectNode a = inventory(3, 3);
        assertSame(a, AnswerBound.cap(a, 10_000));
    }

    @Test
    void theBiggestListIsCutAndTheCutIsReported() {
        ObjectNode a = inventory(1000, 5);
        ObjectNode capped = AnswerBound.cap(a, 20_000);
        assertTrue(
                capped.toString().length() <= 20_000,
                "fits: " + capped.toString().length());
        int kept = capped.path("items").size();
        assertTrue(kept > 50 && kept < 1000, "kept " + kept);
        assertEquals(0, capped.path("items").get(0).path("id").asInt(), "the first entries are kept");
        assertEquals(5, capped.path("tags").size(), "a small list is untouched");
        assertEquals(
                kept,
                capped.path("truncated")
                        .path("lists")
                        .path("items")
                        .path("kept")
                        .asInt());
        assertEquals(
                1000,
                capped.path("truncated").path("lists").path("items").path("of").asInt());
        assertTrue(capped.path("truncated").path("note").asText().contains("narrow the question"));
        assertEquals(1000, a.path("items").size(), "the original is not changed");
    }

    @Test
    void oneHugeValueIsReplacedByANoteAndAPreview() {
        ObjectNode a = F.objectNode().put("sql", "x".repeat(50_000));
        ObjectNode capped = AnswerBound.cap(a, 1_000);
        assertTrue(capped.toString().length() <= 1_000, capped.toString().length() + "");
        assertTrue(capped.path("truncated").path("note").asText().contains("ask for less"));
    }
}
