package dev.overlord.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.ParseResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the values and frames, a JSON template renders valid JSON and rule evaluation answers a
 * list of matches without throwing. Tries come from {@code jqwik.tries.default} (1,000 in CI, more
 * with {@code -Doverlord.proof=release}).
 */
class AlertRulesPropertyTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final FrameParser PARSER =
            new FrameParser(Clock.fixed(Instant.parse("2025-06-14T09:00:00Z"), ZoneOffset.UTC));
    static final List<String> NAMES = List.of("message", "title", "hp", "a.b", "name");
    static final List<String> TEMPLATES = List.of(
            "{\"content\":\"{message}\"}",
            "{\"text\":\"**{title}**\\n{message}\",\"hp\":{hp},\"who\":{name}}",
            "[{hp}, \"{a.b}\", {message}, {\"x\": \"a\\\\{title}\"}]",
            "{\"nested\":{\"deeper\":[\"{name}{message}\",{title},\"\\\"{hp}\\\"\"]}}",
            "\"{message}\"",
            "{hp}");

    static final AlertRules RULES = AlertRules.from(ConfigFactory.parseString("""
            overlord.alerts.rules = [
              { name = a, frame = vitals, when = "health_current < 30 or vitae >= 1", message = "{character_name} {vitae}",
                target = aclog-webhook }
              { name = b, frame = vitals, when = "(name contains 'x' or name matches '^(a|b)+c$') and not z.y.x exists",
                message = "{name} {z.y.x} {list.0}", target = aclog-webhook }
              { name = c, frame = vitals, when = "name != 'q' and name >= 5 and list.1 matches '(x+x+)+y'",
                message = "{list.1}", target = aclog-webhook }
              { name = d, frame = chat, when = "text matches '(?i)tells you' or channel == 5", message = "{text}",
                target = aclog-webhook }
            ]
            """));

    @Property
    void renderJsonAlwaysYieldsValidJson(
            @ForAll("templates") String template, @ForAll("values") Map<String, String> values) throws IOException {
        String out = Template.parseJson(template).renderJson(values);
        JsonNode tree = MAPPER.readTree(out);
        assertTrue(tree != null && !tree.isMissingNode(), out);
        // nothing follows the value
        try (var p = MAPPER.createParser(out)) {
            p.nextToken();
            p.skipChildren();
            assertEquals(null, p.nextToken(), out);
        }
    }

    @Property
    void evaluationNeverThrowsOnAnyFrame(@ForAll("frames") String text) {
        if (PARSER.parse(text) instanceof ParseResult.Parsed parsed) {
            for (AlertRules.Match m : RULES.matches(parsed.frame())) {
                assertTrue(m.message().length() <= Template.DEFAULT_MAX_TEXT);
                assertTrue(m.title().length() <= AlertRule.MAX_TITLE);
            }
            assertEquals(
                    RULES.matches(parsed.frame()).size(),
                    RULES.evaluate(parsed.frame()).size());
        }
    }

    @Property
    void anyConditionTextParsesOrFailsWithAClearError(@ForAll("conditions") String condition) {
        try {
            Condition.parse(condition);
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("condition"), expected.getMessage());
        }
    }

    @Provide
    Arbitrary<String> templates() {
        return Arbitraries.of(TEMPLATES);
    }

    @Provide
    Arbitrary<Map<String, String>> values() {
        Arbitrary<String> anyText = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.of(
                        "1", "-2.5e3", "true", "null", " 7 ", "01", "NaN", "\"", "\\", "}", "{message}", "\u2028"),
                Arbitraries.strings().withChars("\"\\{}[]:,\n\u0000\uD800").ofMaxLength(20),
                Arbitraries.strings().ofMinLength(3000).ofMaxLength(6000));
        return Arbitraries.maps(Arbitraries.of(NAMES), anyText).ofMaxSize(NAMES.size());
    }

    @Provide
    Arbitrary<String> frames() {
        Arbitrary<String> type = Arbitraries.of("vitals", "chat", "telemetry");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "0"),
                Arbitraries.strings().all().ofMaxLength(30).map(AlertRulesPropertyTest::quote),
                Arbitraries.of(
                        "null",
                        "true",
                        "[]",
                        "{}",
                        "[\"x\",\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxz\"]",
                        "{\"y\":{\"x\":1}}",
                        "{\"y\":[1,2]}",
                        "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\"",
                        "\"12\""));
        Arbitrary<String> field = Arbitraries.of(
                "health_current", "vitae", "name", "z", "list", "text", "channel", "character_name", "other");
        Arbitrary<String> pairs = Combinators.combine(field, value)
                .as((f, v) -> quote(f) + ":" + v)
                .list()
                .ofMaxSize(8)
                .map(l -> String.join(",", l));
        return Combinators.combine(type, pairs)
                .as((t, p) -> "{\"type\":\"" + t + "\",\"character_name\":\"A\"" + (p.isEmpty() ? "" : "," + p) + "}");
    }

    @Provide
    Arbitrary<String> conditions() {
        Arbitrary<String> token = Arbitraries.of(
                "a",
                "b.c",
                "1",
                "-2.5",
                "'x'",
                "\"y\"",
                "'(+'",
                "<",
                "<=",
                "==",
                "!=",
                ">",
                ">=",
                "=",
                "and",
                "or",
                "not",
                "(",
                ")",
                "contains",
                "matches",
                "exists",
                "'",
                "&",
                "true",
                "1e999");
        return Arbitraries.oneOf(
                token.list().ofMaxSize(12).map(l -> String.join(" ", l)),
                Arbitraries.strings().all().ofMaxLength(50));
    }

    static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
