package dev.overlord.http.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a plugin sends on {@code /ws/position}: good frames reach the browsers with a sequence
 * number; bad ones are answered, counted and dropped without hurting the rest of the socket; a
 * message over the cap or in binary ends that socket only.
 */
class PluginFramesTest {
    static final int CAP = 64 * 1024;

    @RegisterExtension
    static final RunningServer overlord = RunningServer.create()
            .with("overlord.plugin.max-message-size = 64 KiB")
            .with("overlord.plugin.message-timeout = 2 seconds");

    @Test
    void framesOfEveryKindReachALoggedInBrowserWithASequenceNumberAndTheirContent() {
        String name = "Larsson";
        List<ObjectNode> sent = List.of(
                Frames.telemetry(name, 12.3, -45.6, 10),
                Frames.vitals(name, 0),
                Frames.chat(name, "oi!"),
                Frames.rare(name, "Gelidite Boots"),
                Frames.of("portal", name)
                        .put("portal_name", "Portal to Holtburg")
                        .put("ew", 1.0)
                        .put("ns", 2.0),
                Frames.of("spawn", name).put("mob", "Drudge Skulker"),
                Frames.of("combat_stats", name).put("session_id", "s1").put("kills", 3),
                Frames.of("share_vitals", name).put("health", 0.5),
                Frames.of("a_type_from_the_future", name).put("anything", true));
        long telemetryBefore = overlord.metric("overlord_frames_in_total", "type", "telemetry");

        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            sent.forEach(plugin::send);

            List<JsonNode> received = browser.awaitCount(j -> j.has("seq"), sent.size());
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(sent.get(i).toString(), Frames.asSent(received.get(i)), "frame " + i + " arrives as sent");
                if (i > 0) {
                    assertEquals(
                            received.get(i - 1).get("seq").asLong() + 1,
                            received.get(i).get("seq").asLong(),
                            "sequence numbers count up by one");
                }
            }
            assertEquals(telemetryBefore + 1, overlord.metric("overlord_frames_in_total", "type", "telemetry"));
            assertTrue(plugin.texts().isEmpty(), "good frames get no answer: " + plugin.texts());
        }
    }

    @Test
    void aMalformedFrameIsAnsweredCountedAndDroppedWhileTheSocketGoesOn() {
        long rejectedBefore = overlord.metric("overlord_frames_rejected_total", "reason", "malformed_json");
        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.chat("Moss", "before"));
            plugin.send("{\"type\":\"chat\",\"character_name\":\"Moss\",");
            plugin.send(Frames.chat("Moss", "after"));

            JsonNode error = plugin.awaitType("error");
            assertEquals("malformed_json", error.path("reason").asText());
            assertTrue(error.path("detail").asText().startsWith("not valid JSON"), error.toString());
            List<JsonNode> chats = browser.awaitCount(j -> Frames.isEvent(j, "chat", "Moss"), 2);
            assertEquals(
                    List.of("before", "after"),
                    chats.stream().map(j -> j.path("text").asText()).toList());
            assertEquals(
                    rejectedBefore + 1, overlord.metric("overlord_frames_rejected_total", "reason", "malformed_json"));
            assertFalse(plugin.isClosed());
        }
    }

    @Test
    void aFrameWithoutACharacterIsRefusedWithItsReason() {
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send("{\"type\":\"telemetry\",\"ew\":1,\"ns\":2}");
            assertEquals(
                    "missing_character_name",
                    plugin.awaitType("error").path("reason").asText());
        }
    }

    @Test
    void aMessageOverTheCapClosesThatSocketAfterSayingSoWhileOthersGoOn() {
        long tooBigBefore = overlord.metric("overlord_frames_rejected_total", "reason", "too_big");
        try (SocketClient browser = overlord.browser();
                SocketClient offender = overlord.plugin();
                SocketClient bystander = overlord.plugin()) {
            offender.sendExpectingRefusal(
                    Frames.chat("Thorn", "x".repeat(CAP + 1)).toString());

            JsonNode error = offender.awaitType("error");
            assertEquals("too_big", error.path("reason").asText());
            assertTrue(error.path("detail").asText().contains(String.valueOf(CAP)), error.toString());
            // Pekko HTTP cannot choose the close code (1009 would fit), so the socket ends normally.
            assertEquals(1000, offender.awaitClosed());
            assertEquals(tooBigBefore + 1, overlord.metric("overlord_frames_rejected_total", "reason", "too_big"));

            bystander.send(Frames.chat("Ember", "still here"));
            assertEquals(
                    "still here",
                    browser.awaitJson(j -> Frames.isEvent(j, "chat", "Ember"))
                            .path("text")
                            .asText());
            assertTrue(browser.events().stream()
                    .noneMatch(j -> "Thorn".equals(j.path("character_name").asText())));
        }
    }

    @Test
    void aMessageJustUnderTheCapIsAccepted() {
        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            ObjectNode frame = Frames.chat("Quill", "");
            int room = CAP - frame.toString().getBytes(StandardCharsets.UTF_8).length;
            frame.put("text", "y".repeat(room));
            plugin.send(frame);
            assertEquals(frame.toString(), Frames.asSent(browser.awaitJson(j -> Frames.isEvent(j, "chat", "Quill"))));
            assertFalse(plugin.isClosed());
        }
    }

    @Test
    void aBinaryMessageClosesTheSocketWithAClearError() {
        long binaryBefore = overlord.metric("overlord_frames_rejected_total", "reason", "binary");
        try (SocketClient plugin = overlord.plugin()) {
            plugin.sendBinary("{\"type\":\"chat\"}".getBytes(StandardCharsets.UTF_8));

            JsonNode error = plugin.awaitType("error");
            assertEquals("binary", error.path("reason").asText());
            assertTrue(error.path("detail").asText().contains("send JSON text"), error.toString());
            assertEquals(1000, plugin.awaitClosed());
            assertEquals(binaryBefore + 1, overlord.metric("overlord_frames_rejected_total", "reason", "binary"));
        }
    }

    @Test
    void aMessageSentInFragmentsIsAssembled() {
        ObjectNode frame = Frames.chat("Bram", "sent in three pieces");
        String text = frame.toString();
        int third = text.length() / 3;
        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            plugin.sendFragments(text.substring(0, third), text.substring(third, 2 * third), text.substring(2 * third));

            assertEquals(frame.toString(), Frames.asSent(browser.awaitJson(j -> Frames.isEvent(j, "chat", "Bram"))));
            assertTrue(plugin.texts().isEmpty(), "no error: " + plugin.texts());
        }
    }

    @Test
    void fragmentsAddingUpToMoreThanTheCapAreRefusedAsTooBig() {
        String half = "z".repeat(CAP / 2 + 10);
        try (SocketClient plugin = overlord.plugin()) {
            plugin.sendExpectingRefusal(
                    "{\"type\":\"chat\",\"character_name\":\"Sable\",\"text\":\"", half, half, "\"}");

            assertEquals("too_big", plugin.awaitType("error").path("reason").asText());
            plugin.awaitClosed();
        }
    }

    @Test
    void aMessageLeftUnfinishedPastTheTimeoutClosesTheSocket() {
        long timeoutsBefore = overlord.metric("overlord_frames_rejected_total", "reason", "timeout");
        try (SocketClient plugin = overlord.plugin()) {
            plugin.sendFirstFragmentOnly("{\"type\":\"chat\",\"character_name\":\"Wren\",");

            JsonNode error = plugin.awaitType("error");
            assertEquals("timeout", error.path("reason").asText());
            assertTrue(error.path("detail").asText().contains("2 s"), error.toString());
            plugin.awaitClosed();
            assertEquals(timeoutsBefore + 1, overlord.metric("overlord_frames_rejected_total", "reason", "timeout"));
        }
    }
}
