package dev.overlord.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void placeholdersAreFilledFromTheValuesDottedNamesIncluded() {
        Template t = Template.parse("{character_name} is at {health_pct}% ({allegiance.rank})");
        assertEquals(
                "Larsson is at 21% (6)",
                t.render(Map.of("character_name", "Larsson", "health_pct", "21", "allegiance.rank", "6")));
        assertEquals(Set.of("character_name", "health_pct", "allegiance.rank"), t.names());
    }

    @Test
    void aDoubledBraceIsALiteralBraceAndOtherBracesStayAsTheyAre() {
        assertEquals("{name} is Bob", Template.parse("{{name} is {name}").render(Map.of("name", "Bob")));
        assertEquals(
                "{\"a\": 1} {} { x }", Template.parse("{\"a\": 1} {} { x }").render(Map.of()));
    }

    @Test
    void aMissingNameRendersAsTheConfiguredTextAndNeverThrows() {
        assertEquals("hp: ", Template.parse("hp: {hp}").render(Map.of()));
        assertEquals("hp: ?", Template.parse("hp: {hp}", "?", 100).render(Map.of()));
    }

    @Test
    void aPlaceholderLeftOpenOrNotANameIsAParseErrorWithItsPosition() {
        var open = assertThrows(IllegalArgumentException.class, () -> Template.parse("hp {health"));
        assertTrue(open.getMessage().contains("position 3"), open.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Template.parse("{a b}"));
        assertThrows(IllegalArgumentException.class, () -> Template.parse("{a..b}"));
        assertThrows(IllegalArgumentException.class, () -> Template.parse("x".repeat(Template.MAX_SOURCE_LENGTH + 1)));
    }

    @Test
    void textIsCutAtItsLimitWithAnEllipsisNeverInsideASurrogatePair() {
        String big = "a".repeat(30) + "😀".repeat(10);
        String out = Template.parse("{v}", "", 32).render(Map.of("v", big));
        assertEquals(31, out.length(), out); // the pair at 31..32 would be split: cut before it
        assertTrue(out.endsWith("…"));
        assertEquals(
                Template.DEFAULT_MAX_TEXT,
                Template.parse("{v}").render(Map.of("v", "x".repeat(10_000))).length());
    }

    @Test
    void renderJsonEscapesEveryValueInsideStrings() throws Exception {
        Template t = Template.parseJson("{\"content\":\"**{title}**\\n{message}\"}");
        String nasty = "quote \" backslash \\ newline \n tab \t nul \u0000 end\"}";
        JsonNode body = MAPPER.readTree(t.renderJson(Map.of("title", "T", "message", nasty)));
        assertEquals("**T**\n" + nasty, body.get("content").asText());
    }

    @Test
    void renderJsonOutsideStringsKeepsNumbersAndQuotesText() throws Exception {
        Template t = Template.parseJson("{\"hp\": {hp}, \"name\": {name}, \"gone\": {gone}, \"ok\": {ok}}");
        JsonNode body = MAPPER.readTree(t.renderJson(Map.of("hp", " 21.5 ", "name", "Bob\"}", "ok", "true")));
        assertTrue(body.get("hp").isNumber());
        assertEquals(21.5, body.get("hp").asDouble());
        assertEquals("Bob\"}", body.get("name").asText());
        assertTrue(body.get("gone").isNull());
        assertTrue(body.get("ok").isBoolean());
    }

    @Test
    void aJsonTemplateThatIsNotJsonIsRefusedAtParse() {
        assertThrows(IllegalArgumentException.class, () -> Template.parseJson("{\"text\": {message}"));
        assertThrows(IllegalArgumentException.class, () -> Template.parseJson("text {message}"));
        assertThrows(IllegalArgumentException.class, () -> Template.parseJson("{\"a\":1}{\"b\":2}"));
        var escape = assertThrows(IllegalArgumentException.class, () -> Template.parseJson("{\"a\":\"\\{m}\"}"));
        assertTrue(escape.getMessage().contains("backslash"), escape.getMessage());
        assertThrows(IllegalStateException.class, () -> Template.parse("x").renderJson(Map.of()));
    }

    @Test
    void renderJsonCutsValuesBeyondItsBudgetAndStaysValid() throws Exception {
        Template t = Template.parseJson("{\"a\":\"{a}\",\"b\":\"{b}\"}");
        String huge = "\"".repeat(10_000);
        String out = t.renderJson(Map.of("a", huge, "b", huge));
        JsonNode body = MAPPER.readTree(out);
        assertEquals(
                Template.DEFAULT_JSON_VALUE_BUDGET,
                body.get("a").asText().length() + body.get("b").asText().length());
        assertTrue(out.length() < 2 * Template.DEFAULT_JSON_VALUE_BUDGET + 64, "bounded: " + out.length());
    }

    @Test
    void loneSurrogatesBecomeReplacementCharactersInJson() throws Exception {
        Template t = Template.parseJson("{\"a\":\"{a}\"}");
        assertEquals(
                "x\uFFFDy",
                MAPPER.readTree(t.renderJson(Map.of("a", "x\uD800y"))).get("a").asText());
    }
}
