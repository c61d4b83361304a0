package dev.overlord.http.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Frame size limits by type on a running server: a frame over its type's limit is refused with
 * {@code too_big}, told, counted, and the socket goes on; inventories and dungeon maps may be large.
 * The limits are lowered here (1 KiB, 16 KiB) so the frames stay small.
 */
class FrameSizeLimitsTest {
    @RegisterExtension
    static final RunningServer overlord = RunningServer.create()
            .with("overlord.plugin.frame-size = 1 KiB")
            .with("overlord.plugin.large-frame-size = 16 KiB");

    @Test
    void aFrameOverItsTypesLimitIsRefusedAndTheSocketGoesOn() {
        long tooBigBefore = overlord.metric("overlord_frames_rejected_total", "reason", "too_big");
        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.chat("Larsson", "x".repeat(2_000)));
            JsonNode error = plugin.awaitType("error");
            assertEquals("too_big", error.path("reason").asText());
            assertEquals(
                    "frame of type 'chat' larger than its limit of 1024 bytes (only inventory, full_inventory and"
                            + " dungeon_map frames may reach 16384 bytes)",
                    error.path("detail").asText());

            ObjectNode inventory = Frames.of("full_inventory", "Larsson");
            inventory.putArray("items").addObject().put("id", 7).put("name", "y".repeat(10_000));
            plugin.send(inventory);
            plugin.send(Frames.chat("Larsson", "still here"));
            // Not forwarded raw: the entity's notice of the journaled change stands for it.
            browser.awaitJson(j -> Frames.isEvent(j, "inventory_delta", "Larsson"));
            assertEquals(
                    "still here",
                    browser.awaitJson(j -> Frames.isEvent(j, "chat", "Larsson"))
                            .path("text")
                            .asText());
            assertTrue(browser.events().stream()
                    .noneMatch(j -> j.path("text").asText().startsWith("xxx")));

            ObjectNode map = Frames.dungeonMap("Larsson", "0x01D9", "z".repeat(17_000));
            plugin.send(map);
            assertEquals(
                    2,
                    plugin.awaitCount(j -> "too_big".equals(j.path("reason").asText()), 2)
                            .size());
            assertFalse(plugin.isClosed(), "the socket stays open");
            assertEquals(tooBigBefore + 2, overlord.metric("overlord_frames_rejected_total", "reason", "too_big"));
        }
    }
}
