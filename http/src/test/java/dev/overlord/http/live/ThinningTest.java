package dev.overlord.http.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.http.testing.StalledBrowser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browser that lags is thinned, not cut off: over real sockets, a stalled browser that reads
 * again gets every chat line in order and the newest position and vitals of every character, while
 * a browser that keeps up gets every frame.
 */
class ThinningTest {
    static final int BUFFER = 32;
    static final List<String> CHARACTERS = List.of("Dusk", "Vale", "Ash");
    static final Set<String> SENT_TYPES = Set.of("telemetry", "vitals", "chat");
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningServer overlord = RunningServer.create()
            .with("overlord.live.subscriber-buffer-size = " + BUFFER)
            // A fixed, small socket send buffer: a stalled reader backs the server up within a few frames.
            .with("pekko.http.server.socket-options.so-send-buffer-size = 16 KiB");

    @Test
    void aStalledBrowserReadingAgainGetsEveryChatLineAndTheNewestOfEachCharacterWhileTheOtherGetsEverything() {
        long thinningsBefore = overlord.metric("overlord_hub_thinnings_total");
        long leftOutBefore = overlord.metric("overlord_hub_thinned_events_total");
        long slowBefore = overlord.metric("overlord_hub_slow_consumers_total");
        List<String> sent = new ArrayList<>();
        List<String> chats = new ArrayList<>();

        try (SocketClient plugin = overlord.plugin();
                SocketClient reader = overlord.browser();
                StalledBrowser stalled = StalledBrowser.open(overlord)) {
            int round = 0;
            // Rounds, each read by the reading browser before the next, until the stalled one is
            // thinned; then as many again.
            while (overlord.metric("overlord_hub_thinnings_total") == thinningsBefore) {
                sendRound(plugin, reader, round++, sent, chats);
                assertTrue(round < 2_000, "the stalled browser was never thinned");
            }
            for (int more = round * 2; round < more; ) sendRound(plugin, reader, round++, sent, chats);

            assertEquals(sent, labels(ours(reader.events())), "the reading browser got every frame, in order");

            StalledBrowser.Drained drained = stalled.drainUntil(
                    t -> t.contains("\"type\":\"thinning\"") && t.contains("\"active\":false"), Duration.ofSeconds(15));
            assertFalse(drained.timedOut(), "it was told when it had caught up");
            List<JsonNode> got =
                    drained.texts().stream().map(ThinningTest::parse).toList();
            assertTrue(
                    got.stream()
                            .anyMatch(m -> m.path("type").asText().equals("thinning")
                                    && m.path("active").asBoolean()),
                    "it was told it was being thinned");
            List<JsonNode> events = ours(got);
            assertEquals(
                    chats,
                    events.stream()
                            .filter(m -> m.path("type").asText().equals("chat"))
                            .map(m -> m.path("text").asText())
                            .toList(),
                    "every chat line, in order");
            for (String c : CHARACTERS) {
                assertEquals(
                        round - 1, last(events, "telemetry", c).path("kills").asLong(), c + "'s newest position");
            }
            assertEquals(round - 1, last(events, "vitals", "Dusk").path("vitae").asLong(), "the newest vitals");
            assertTrue(events.size() < sent.size() / 2, "thinned: " + events.size() + " of " + sent.size());
            for (int i = 1; i < events.size(); i++) {
                assertTrue(
                        events.get(i).get("seq").asLong()
                                > events.get(i - 1).get("seq").asLong(),
                        "in the order the server sequenced them");
            }

            assertEquals(slowBefore, overlord.metric("overlord_hub_slow_consumers_total"), "nobody was cut off");
            assertTrue(overlord.metric("overlord_hub_thinned_events_total") > leftOutBefore, "the left-out counted");
            SocketClient.waiting("the thinned gauge to return to 0")
                    .until(() -> overlord.metric("overlord_live_subscribers_thinned"), n -> n == 0);
        }
    }

    /** Telemetry of each character, Dusk's vitals, and a chat line every fifth round. */
    private static void sendRound(
            SocketClient plugin, SocketClient reader, int round, List<String> sent, List<String> chats) {
        for (String c : CHARACTERS) {
            plugin.send(Frames.telemetry(c, round % 100, 0, round));
            sent.add("telemetry " + c + " " + round);
        }
        plugin.send(Frames.vitals("Dusk", round));
        sent.add("vitals Dusk " + round);
        if (round % 5 == 0) {
            plugin.send(Frames.chat("Ash", "chat-" + round));
            sent.add("chat Ash chat-" + round);
            chats.add("chat-" + round);
        }
        int expected = sent.size();
        reader.awaitCount(
                j -> j.has("seq") && SENT_TYPES.contains(j.path("type").asText()), expected);
    }

    private static List<JsonNode> ours(List<JsonNode> messages) {
        return messages.stream()
                .filter(m -> m.has("seq")
                        && SENT_TYPES.contains(m.path("type").asText())
                        && CHARACTERS.contains(m.path("character_name").asText()))
                .toList();
    }

    private static List<String> labels(List<JsonNode> events) {
        return events.stream()
                .map(m -> m.path("type").asText() + " "
                        + m.path("character_name").asText() + " "
                        + switch (m.path("type").asText()) {
                            case "telemetry" -> m.path("kills").asText();
                            case "vitals" -> String.valueOf(m.path("vitae").asLong());
                            default -> m.path("text").asText();
                        })
                .toList();
    }

    private static JsonNode last(List<JsonNode> events, String type, String character) {
        return events.stream()
                .filter(m -> m.path("type").asText().equals(type)
                        && m.path("character_name").asText().equals(character))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + type + " of " + character));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
