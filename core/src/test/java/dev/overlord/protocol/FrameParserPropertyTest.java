package dev.overlord.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.overlord.protocol.ParseResult.Parsed;
import dev.overlord.protocol.ParseResult.Reason;
import dev.overlord.protocol.ParseResult.Rejected;
import dev.overlord.testing.SampleFrames;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a plugin sends, the frame parser answers a frame or a rejection with a reason, never an
 * exception, and a rejection quotes at most one short printable line of the input. Tries come from
 * {@code jqwik.tries.default} (1,000 in CI, more with {@code -Doverlord.proof=release}).
 */
class FrameParserPropertyTest {

    static final FrameLimits LIMITS = new FrameLimits(4_096, 65_536);
    final FrameParser parser =
            new FrameParser(Clock.fixed(Instant.parse("2025-06-14T09:00:00Z"), ZoneOffset.UTC), LIMITS);

    static final List<String> FIELDS = List.of(
            "type",
            "character_name",
            "timestamp",
            "seq",
            "ew",
            "ns",
            "z",
            "kills",
            "kills_per_hour",
            "deaths",
            "vt_state",
            "session_id",
            "text",
            "channel",
            "name",
            "portal_name",
            "item_name",
            "mob",
            "landblock",
            "items",
            "action",
            "health_current",
            "vitae",
            "rares_found");

    @Property
    void anyTextIsAFrameOrARejectionWithAReason(@ForAll String text) {
        holds(parser.parse(text));
    }

    @Property
    void anyJsonIsAFrameOrARejectionWithAReason(@ForAll("json") String json) {
        holds(parser.parse(json));
    }

    @Property
    void anyFrameShapedObjectIsAFrameOrARejectionWithAReason(@ForAll("frames") String frame) {
        holds(parser.parse(frame));
    }

    @Property
    void aDamagedFrameIsAFrameOrARejectionWithAReason(@ForAll("damaged") String frame) {
        holds(parser.parse(frame));
    }

    @Property
    void aFrameOverItsTypesCapIsRefusedAsTooBig(@ForAll("types") String type, @ForAll("oversize") int extra) {
        long cap = LIMITS.capFor(type);
        String head = "{\"type\":\"" + type + "\",\"character_name\":\"L\",\"pad\":\"";
        String text = head + "x".repeat((int) cap - head.length() - 2 + extra) + "\"}";
        Rejected r = assertInstanceOf(Rejected.class, parser.parse(text));
        assertEquals(Reason.TOO_BIG, r.reason());
    }

    /** What every answer must be: a frame whose forwarded text parses again, or a reason and one line. */
    void holds(ParseResult result) {
        switch (result) {
            case Parsed p -> {
                assertNotNull(p.frame().type());
                assertTrue(!p.frame().type().isBlank());
                ParseResult again = parser.parse(p.frame().envelope().text());
                Parsed back = assertInstanceOf(Parsed.class, again, "the forwarded text parses again");
                assertEquals(p.frame().type(), back.frame().type());
                assertEquals(p.frame().characterName(), back.frame().characterName());
            }
            case Rejected r -> {
                assertNotNull(r.reason());
                assertTrue(
                        r.detail().length() <= 300,
                        "a short detail: " + r.detail().length());
                assertTrue(Echo.isPrintable(r.detail()), "a printable one-line detail: " + r.detail());
            }
        }
    }

    // Found cases, kept as plain examples.

    @Example
    void anUnknownTypeWithABadFieldIsNotEchoedRaw() {
        Rejected r = assertInstanceOf(
                Rejected.class, parser.parse("{\"type\":\"x\\r\\nFORGED\\u202e\",\"character_name\":{}}"));
        assertEquals(Reason.BAD_FIELD, r.reason());
        assertTrue(Echo.isPrintable(r.detail()), r.detail());
    }

    @Example
    void aShareTypeWithAnArrayTimestampIsNotEchoedRaw() {
        Rejected r = assertInstanceOf(
                Rejected.class, parser.parse("{\"type\":\"share_\\n" + "y".repeat(500) + "\",\"timestamp\":[1]}"));
        assertEquals(Reason.BAD_FIELD, r.reason());
        assertTrue(r.detail().length() < 100, r.detail());
        assertTrue(Echo.isPrintable(r.detail()), r.detail());
    }

    @Example
    void aControlCharacterInATokenIsNotEchoedRaw() {
        Rejected r = assertInstanceOf(Rejected.class, parser.parse("{\"type\":tru\u0007e}"));
        assertEquals(Reason.MALFORMED_JSON, r.reason());
        assertTrue(Echo.isPrintable(r.detail()), r.detail());
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of(
                "telemetry",
                "chat",
                "rare",
                "vitals",
                "share_vitals",
                "whatever",
                "inventory",
                "full_inventory",
                "dungeon_map");
    }

    @Provide
    Arbitrary<Integer> oversize() {
        return Arbitraries.integers().between(1, 5_000);
    }

    @Provide
    Arbitrary<String> json() {
        return value(4);
    }

    @Provide
    Arbitrary<String> frames() {
        Arbitrary<String> type = Arbitraries.oneOf(
                Arbitraries.of(SampleFrames.NAMES), Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> field =
                Combinators.combine(Arbitraries.of(FIELDS), value(2)).as((k, v) -> quote(k) + ":" + v);
        return Combinators.combine(type, field.list().ofMaxSize(8))
                .as((t, fields) ->
                        "{\"type\":" + quote(t) + (fields.isEmpty() ? "" : "," + String.join(",", fields)) + "}");
    }

    @Provide
    Arbitrary<String> damaged() {
        Arbitrary<String> junk = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(8),
                Arbitraries.of(
                        "{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "\\ud800", "\u0000", "\ud800", "1e999", "-",
                        "nul", "\uFFFF"));
        return Combinators.combine(
                        frames(),
                        Arbitraries.integers().between(0, 1_000),
                        junk,
                        Arbitraries.integers().between(0, 3))
                .as((frame, at, bit, how) -> {
                    int i = Math.min(at, frame.length());
                    return switch (how) {
                        case 0 -> frame.substring(0, i); // truncated
                        case 1 -> frame.substring(0, i) + bit + frame.substring(i); // inserted
                        case 2 -> frame.substring(0, i) + frame.substring(Math.min(frame.length(), i + 3)); // cut
                        default -> frame + bit; // trailing
                    };
                });
    }

    Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(FrameParserPropertyTest::quote),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of(
                        "true",
                        "false",
                        "null",
                        "\"\"",
                        "1e999",
                        "-1e999",
                        "123456789012345678901234567890",
                        "1e-400",
                        "\"NaN\"",
                        "\"1e999\"",
                        "\"2025-06-14T08:21:33Z\"",
                        "\"+100000-01-01T00:00:00Z\"",
                        "99999999999999999",
                        "-0",
                        "\" 42 \""));
        if (depth == 0) return scalar;
        Arbitrary<String> inner = Arbitraries.lazy(() -> value(depth - 1));
        Arbitrary<String> array = inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> object = Combinators.combine(
                        Arbitraries.oneOf(
                                Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(8)),
                        inner)
                .as((k, v) -> quote(k) + ":" + v)
                .list()
                .ofMaxSize(4)
                .map(l -> "{" + String.join(",", l) + "}");
        Arbitrary<String> deep = Arbitraries.integers().between(60, 2_000).map(n -> "[".repeat(n) + "]".repeat(n));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, scalar),
                net.jqwik.api.Tuple.of(2, array),
                net.jqwik.api.Tuple.of(3, object),
                net.jqwik.api.Tuple.of(1, deep));
    }

    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
