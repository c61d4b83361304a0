package dev.overlord.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.ParseResult;
import dev.overlord.protocol.PluginFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The live module's buffers are bounded in characters of text, not only in count. */
class ByteBudgetsTest {

    static LiveEvent event(long seq, int chars) {
        return new LiveEvent(seq, "chat", "Larsson", "x".repeat(chars));
    }

    @Test
    void theReplayRingDropsItsOldestEventsWhenOverItsBudget() {
        ReplayBuffer b = new ReplayBuffer(1_000, 10_000);
        for (long s = 1; s <= 50; s++) b.add(event(s, 1_000));
        assertEquals(10_000, b.chars());
        assertEquals(41, b.oldest(), "ten events of 1,000 fit");
        assertNotNull(b.range(41, 50));
        assertNull(b.range(40, 50), "older ones are a gap");
    }

    @Test
    void theReplayRingAlwaysKeepsTheNewestEvenWhenItAloneIsOverBudget() {
        ReplayBuffer b = new ReplayBuffer(1_000, 10_000);
        b.add(event(1, 100));
        b.add(event(2, 50_000));
        assertEquals(2, b.oldest());
        assertEquals(50_000, b.chars());
        b.add(event(3, 100));
        assertEquals(3, b.oldest());
        assertEquals(100, b.chars());
    }

    @Test
    void theReplayRingsCountBoundStillHoldsAndKeepsTheBytesRight() {
        ReplayBuffer b = new ReplayBuffer(5, 1_000_000);
        for (long s = 1; s <= 20; s++) b.add(event(s, 10));
        assertEquals(16, b.oldest());
        assertEquals(50, b.chars());
    }

    @Test
    void dungeonMapsAreBoundedByTextAndCount() {
        DungeonMaps maps = new DungeonMaps(100, 10_000);
        for (int i = 0; i < 30; i++) maps.put("0x" + i, "m".repeat(1_000));
        assertEquals(10, maps.size());
        assertEquals(10_000, maps.chars());
        assertEquals(Optional.empty(), maps.get("0x19"));
        assertTrue(maps.get("0x29").isPresent());
        maps.put("0x29", "m".repeat(10)); // a newer map of a landblock replaces its text
        assertEquals(9_010, maps.chars());

        DungeonMaps few = new DungeonMaps(3, 1_000_000);
        for (int i = 0; i < 10; i++) few.put("0x" + i, "m");
        assertEquals(3, few.size());
        assertEquals(3, few.chars());
    }

    @Test
    void theFleetForgetsCharactersSilentForLongerThanItsWindow() {
        FrameParser parser = new FrameParser();
        FleetState fleet = new FleetState(Duration.ofHours(24));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 100; i++) fleet.observe(telemetry(parser, "Old" + i), t0);
        long oldChars = fleet.chars();
        assertEquals(100, fleet.size());
        assertTrue(oldChars > 100 * 40, "names and frames counted: " + oldChars);

        fleet.observe(telemetry(parser, "Fresh"), t0.plus(Duration.ofHours(23)));
        assertEquals(101, fleet.size(), "not yet");
        fleet.observe(telemetry(parser, "Fresh"), t0.plus(Duration.ofHours(25)));
        assertEquals(1, fleet.size(), "silent for 25 h: forgotten");
        assertTrue(fleet.chars() > 0 && fleet.chars() < oldChars / 50, "their text is released: " + fleet.chars());
    }

    static PluginFrame telemetry(FrameParser parser, String name) {
        return ((ParseResult.Parsed) parser.parse("{\"type\":\"telemetry\",\"character_name\":\"" + name
                        + "\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"ew\":1,\"ns\":2}"))
                .frame();
    }
}
