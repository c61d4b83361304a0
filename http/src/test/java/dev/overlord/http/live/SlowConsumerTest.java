package dev.overlord.http.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.http.testing.StalledBrowser;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browser that stops reading while discrete events (chat) pile up is told and cut off once they
 * outgrow its byte budget (torn down if it does not even read the notice); the other browsers
 * receive every frame in order and the plugins are never slowed down. Thinning, which bounds
 * telemetry and vitals instead, is {@link ThinningTest}'s.
 */
class SlowConsumerTest {
    static final int BUFFER = 32;
    /** The byte budget of what may wait for one browser: about 32 of the padded chat lines. */
    static final int BUFFER_BYTES = 64 * 1024;
    /** Frames sent between checks that the reading browser has caught up: well under the buffer. */
    static final int BATCH = 8;

    static final int GIVE_UP_AFTER = 20_000;
    static final String PADDING = "~".repeat(2_000);
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningServer overlord = RunningServer.create()
            .with("overlord.live.subscriber-buffer-size = " + BUFFER)
            .with("overlord.live.subscriber-buffer-bytes = " + BUFFER_BYTES)
            .with("overlord.live.slow-consumer-grace = 3 seconds")
            // A fixed, small socket send buffer: a stalled reader backs the server up within a few frames.
            .with("pekko.http.server.socket-options.so-send-buffer-size = 16 KiB");

    @Test
    void aBrowserThatStopsReadingIsToldAndCutOffWhileTheOthersGetEveryFrameInOrder() {
        long slowBefore = overlord.metric("overlord_hub_slow_consumers_total");
        long chatsBefore = overlord.metric("overlord_frames_in_total", "type", "chat");
        long droppedBefore = overlord.metric("overlord_hub_dropped_total");

        try (SocketClient plugin = overlord.plugin();
                SocketClient reader = overlord.browser();
                StalledBrowser stalled = StalledBrowser.open(overlord)) {
            int sent = sendUntilCutOff(plugin, reader, slowBefore);

            // It reads again, within the grace period: it finds the notice, then the close.
            StalledBrowser.Drained drained = stalled.drain();
            JsonNode notice = parse(drained.texts().getLast());
            assertEquals(
                    "slow_consumer",
                    notice.path("type").asText(),
                    drained.texts().getLast());
            assertTrue(notice.path("reason").asText().contains("reconnect with last_seq"), notice.toString());
            assertTrue(drained.closeFrame(), "then the server closed the socket");
            assertTrue(notice.path("reason").asText().contains(BUFFER_BYTES + " bytes"), notice.toString());
            // It may have been told it was thinned too: chat lines are never left out.
            List<String> before =
                    labels(drained.texts().subList(0, drained.texts().size() - 1).stream()
                            .map(SlowConsumerTest::parse)
                            .filter(m -> m.path("type").asText().equals("chat"))
                            .toList());
            assertEquals(frames(before.size()), before, "what it got before falling behind was in order");
            assertTrue(before.size() < sent, "and it was not everything");

            sent = sendBatch(plugin, reader, sent);
            List<JsonNode> received = reader.events();
            assertEquals(frames(sent), labels(received), "the reading browser got every frame, in order");
            for (int i = 1; i < received.size(); i++) {
                assertEquals(
                        received.get(i - 1).get("seq").asLong() + 1,
                        received.get(i).get("seq").asLong());
            }
            assertEquals(slowBefore + 1, overlord.metric("overlord_hub_slow_consumers_total"));
            assertEquals(
                    chatsBefore + sent,
                    overlord.metric("overlord_frames_in_total", "type", "chat"),
                    "the plugin's frames were all accepted");
            assertEquals(
                    droppedBefore, overlord.metric("overlord_hub_dropped_total"), "and none was dropped by the hub");
        }
    }

    @Test
    void aBrowserThatNeverReadsAgainIsDisconnectedAfterTheGracePeriod() {
        long slowBefore = overlord.metric("overlord_hub_slow_consumers_total");
        try (SocketClient plugin = overlord.plugin();
                SocketClient reader = overlord.browser();
                StalledBrowser stalled = StalledBrowser.open(overlord)) {
            sendUntilCutOff(plugin, reader, slowBefore);

            // Only the reading browser's subscription is left once the stalled one has been torn down.
            SocketClient.waiting("the stalled browser's subscription to end")
                    .until(
                            () -> overlord.server()
                                    .metrics()
                                    .render()
                                    .lines()
                                    .filter(l -> l.startsWith("overlord_live_subscribers "))
                                    .findFirst()
                                    .orElse(""),
                            l -> l.equals("overlord_live_subscribers 1.0"));
            StalledBrowser.Drained drained = stalled.drain();
            assertTrue(
                    drained.texts().stream().noneMatch(t -> t.contains("slow_consumer")), "it never read the notice");

            int sent = sendBatch(plugin, reader, (int) reader.events().size());
            assertEquals(frames(sent), labels(reader.events()), "the reading browser goes on");
        }
    }

    /** Sends batches, each read by {@code reader} before the next, until a browser is cut off. */
    private static int sendUntilCutOff(SocketClient plugin, SocketClient reader, long slowBefore) {
        int sent = 0;
        while (overlord.server().metrics().value("overlord_hub_slow_consumers_total") == slowBefore) {
            sent = sendBatch(plugin, reader, sent);
            assertTrue(sent < GIVE_UP_AFTER, "the stalled browser was never cut off");
        }
        return sent;
    }

    private static int sendBatch(SocketClient plugin, SocketClient reader, int sent) {
        for (int i = 0; i < BATCH; i++) plugin.send(Frames.chat("Dusk", "frame-" + sent++ + PADDING));
        reader.awaitCount(j -> Frames.isEvent(j, "chat", "Dusk"), sent);
        return sent;
    }

    private static List<String> labels(List<JsonNode> chats) {
        return chats.stream()
                .map(c -> c.path("text").asText().replace(PADDING, ""))
                .toList();
    }

    private static List<String> frames(int count) {
        return IntStream.range(0, count).mapToObj(i -> "frame-" + i).toList();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
