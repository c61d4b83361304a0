package dev.overlord.http.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.protocol.Echo;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever a browser sends on {@code /ws/live}, the message parser answers a request or an
 * {@code Invalid} with a short printable reason, never an exception; the error it sends back is
 * JSON. Tries come from {@code jqwik.tries.default} (1,000 in CI, more in release).
 */
class BrowserMessagesPropertyTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> FIELDS =
            List.of("type", "message_types", "player_name", "command", "landblock", "last_seq");

    @Property
    void anyTextIsARequestOrAnInvalidWithAReason(@ForAll String text) throws Exception {
        holds(BrowserMessages.parse(MAPPER, text));
    }

    @Property
    void anyMessageShapedObjectIsARequestOrAnInvalidWithAReason(@ForAll("messages") String message) throws Exception {
        holds(BrowserMessages.parse(MAPPER, message));
    }

    void holds(BrowserMessages m) throws Exception {
        switch (m) {
            case BrowserMessages.Invalid i -> {
                assertTrue(i.reason().length() <= 200, i.reason());
                assertTrue(Echo.isPrintable(i.reason()), "a printable reason: " + i.reason());
                // The answer is JSON whatever the reason says.
                assertEquals(
                        i.reason(),
                        MAPPER.readTree(BrowserMessages.error(i.reason()))
                                .path("error")
                                .asText());
            }
            case BrowserMessages.Command c -> {
                assertFalse(c.playerName().isBlank());
                assertFalse(c.command().isBlank());
            }
            case BrowserMessages.DungeonMapRequest d ->
                assertFalse(d.landblock().isBlank());
            case BrowserMessages.Subscribe s -> assertTrue(s.types() != null);
            case BrowserMessages.SnapshotRequest s -> {}
        }
    }

    // Found cases, kept as plain examples.

    @Example
    void anUnknownTypeIsEchoedOnOnePrintableLine() {
        BrowserMessages.Invalid i = assertInstanceOf(
                BrowserMessages.Invalid.class,
                BrowserMessages.parse(
                        MAPPER, "{\"type\":\"x\\r\\n{\\\"type\\\":\\\"forged\\\"}\\u202e" + "z".repeat(500) + "\"}"));
        assertTrue(Echo.isPrintable(i.reason()), i.reason());
        assertTrue(i.reason().length() < 100, i.reason());
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(BrowserMessagesPropertyTest::quote),
                Arbitraries.of(
                        "\"subscribe\"",
                        "\"request_dungeon_map\"",
                        "\"request_snapshot\"",
                        "null",
                        "true",
                        "1e999",
                        "123456789012345678901234567890",
                        "\"\"",
                        "\" \""),
                Arbitraries.longs().map(String::valueOf));
        Arbitrary<String> list = scalar.list().ofMaxSize(5).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> object = Combinators.combine(Arbitraries.of(FIELDS), scalar)
                .as((k, v) -> quote(k) + ":" + v)
                .list()
                .ofMaxSize(3)
                .map(l -> "{" + String.join(",", l) + "}");
        Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(2, list), Tuple.of(1, object));
        Arbitrary<String> field = Combinators.combine(
                        Arbitraries.oneOf(
                                Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(6)),
                        value)
                .as((k, v) -> quote(k) + ":" + v);
        return field.list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}");
    }

    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
