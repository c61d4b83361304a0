package dev.overlord.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.protocol.ParseResult.Parsed;
import dev.overlord.protocol.ParseResult.Reason;
import dev.overlord.protocol.ParseResult.Rejected;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames are bounded in bytes by type: small for most, large only for inventories and dungeon maps. */
class FrameLimitsTest {
    static final FrameLimits LIMITS = new FrameLimits(1_000, 10_000);
    final FrameParser parser =
            new FrameParser(Clock.fixed(Instant.parse("2025-06-14T09:00:00Z"), ZoneOffset.UTC), LIMITS);

    /** A frame of {@code type} padded to exactly {@code bytes} UTF-8 bytes. */
    static String frameOf(String type, int bytes) {
        String head = "{\"type\":\"" + type + "\",\"character_name\":\"Larsson\",\"pad\":\"";
        String tail = "\"}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat", "telemetry", "rare", "share_vitals", "salvage_report", "nearby_objects"})
    void anOrdinaryTypeIsRefusedJustOverTheSmallCap(String type) {
        // At the cap the size is no reason to refuse (a telemetry frame without a position still is).
        if (parser.parse(frameOf(type, 1_000)) instanceof Rejected atCap) {
            assertNotEquals(Reason.TOO_BIG, atCap.reason());
        }
        Rejected r = assertInstanceOf(Rejected.class, parser.parse(frameOf(type, 1_001)));
        assertEquals(Reason.TOO_BIG, r.reason());
        assertTrue(r.detail().contains("limit of 1000 bytes"), r.detail());
        assertTrue(r.detail().contains("inventory, full_inventory and dungeon_map"), r.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory", "full_inventory", "dungeon_map"})
    void inventoriesAndDungeonMapsMayReachTheLargeCap(String type) {
        assertInstanceOf(Parsed.class, parser.parse(frameOf(type, 10_000)));
        Rejected r = assertInstanceOf(Rejected.class, parser.parse(frameOf(type, 10_001)));
        assertEquals(Reason.TOO_BIG, r.reason());
        assertEquals(type + " frame larger than its limit of 10000 bytes", r.detail());
    }

    @Test
    void sizeIsCountedInUtf8BytesNotCharacters() {
        String head = "{\"type\":\"chat\",\"character_name\":\"Larsson\",\"text\":\"";
        // 600 characters of two bytes each: under 1,000 characters, over 1,000 bytes.
        String text = head + "é".repeat(600) + "\"}";
        assertTrue(text.length() < 1_000);
        assertEquals(Reason.TOO_BIG, ((Rejected) parser.parse(text)).reason());
    }

    @Test
    void aLargeTypeHiddenAfterAHugeFieldIsStillFound() {
        String text = "{\"pad\":{\"a\":[\"" + "x".repeat(5_000)
                + "\"]},\"type\":\"full_inventory\",\"character_name\":\"L\"}";
        assertInstanceOf(Parsed.class, parser.parse(text));
    }

    @Test
    void anOversizedMessageWithoutAReadableTypeGetsTheSmallCap() {
        Rejected r = assertInstanceOf(Rejected.class, parser.parse("[" + "1,".repeat(2_000) + "1]"));
        assertEquals(Reason.TOO_BIG, r.reason());
        assertTrue(r.detail().startsWith("frame of type 'unknown'"), r.detail());
    }

    @Test
    void theRefusalNeverEchoesAnUnknownTypeName() {
        String type = "evil\\r\\nINJECTED " + "y".repeat(100);
        Rejected r = assertInstanceOf(Rejected.class, parser.parse(frameOf(type, 2_000)));
        assertTrue(r.detail().startsWith("frame of type 'unknown'"), r.detail());
    }

    @Test
    void limitsMustBeOrdered() {
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(10, 5));
        assertThrows(IllegalArgumentException.class, () -> new FrameLimits(0, 5));
    }

    @Test
    void theDefaultsAre64KiBAnd8MiB() {
        assertEquals(65_536, FrameLimits.DEFAULT.capFor("chat"));
        assertEquals(8L << 20, FrameLimits.DEFAULT.capFor("full_inventory"));
    }
}
