package dev.overlord.http.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browser that reconnects with {@code ?last_seq=N} gets what it missed, exactly once and in
 * order, or a {@code gap} when that is no longer held; {@code ?snapshot=1} starts with the state
 * of every online character.
 */
class CatchUpTest {
    static final int REPLAY = 16;

    @RegisterExtension
    static final RunningServer overlord = RunningServer.create().with("overlord.live.replay-buffer-size = " + REPLAY);

    private static List<String> chats(SocketClient plugin, String character, String prefix, int n) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add(prefix + i);
            plugin.send(Frames.chat(character, prefix + i));
        }
        return texts;
    }

    /** Connects, receives {@code n} events, disconnects; the last sequence number it saw. */
    private static long seeAndLeave(SocketClient plugin, String character, int n) {
        try (SocketClient browser = overlord.browser()) {
            chats(plugin, character, "seen-", n);
            List<JsonNode> seen = browser.awaitCount(j -> Frames.isEvent(j, "chat", character), n);
            return seen.get(n - 1).get("seq").asLong();
        }
    }

    @Test
    void reconnectingWithLastSeqDeliversExactlyTheMissedEventsThenTheLiveOnes() {
        try (SocketClient plugin = overlord.plugin();
                SocketClient watcher = overlord.browser()) {
            long lastSeen = seeAndLeave(plugin, "Gale", 3);

            List<String> expected = new ArrayList<>(chats(plugin, "Gale", "missed-", 5));
            watcher.awaitCount(j -> Frames.isEvent(j, "chat", "Gale"), 8);

            try (SocketClient again = overlord.browser("?last_seq=" + lastSeen)) {
                expected.addAll(chats(plugin, "Gale", "after-", 3));
                String last = expected.get(expected.size() - 1);
                again.awaitJson(j -> Frames.isEvent(j, "chat", "Gale")
                        && last.equals(j.path("text").asText()));

                List<JsonNode> events = again.events();
                assertEquals(
                        expected,
                        events.stream().map(j -> j.path("text").asText()).toList(),
                        "every missed and later event, once, in order");
                assertEquals(
                        seqs(lastSeen + 1, expected.size()),
                        events.stream().map(j -> j.get("seq").asLong()).toList());
            }
        }
    }

    @Test
    void reconnectingWithASeqNoLongerHeldGetsAGapThenTheLiveEvents() {
        long gapsBefore = overlord.metric("overlord_hub_gaps_total");
        try (SocketClient plugin = overlord.plugin();
                SocketClient watcher = overlord.browser()) {
            long lastSeen = seeAndLeave(plugin, "Hale", 1);
            chats(plugin, "Hale", "missed-", 2 * REPLAY);
            long head = watcher.awaitCount(j -> Frames.isEvent(j, "chat", "Hale"), 1 + 2 * REPLAY)
                    .getLast()
                    .get("seq")
                    .asLong();

            try (SocketClient again = overlord.browser("?last_seq=" + lastSeen)) {
                JsonNode gap = again.awaitType("gap");
                plugin.send(Frames.chat("Hale", "after the gap"));
                JsonNode after = again.awaitJson(j -> Frames.isEvent(j, "chat", "Hale"));

                assertEquals(lastSeen + 1, gap.path("from").asLong());
                assertEquals(head, gap.path("to").asLong());
                assertTrue(gap.path("reason").asText().contains("no longer held"), gap.toString());
                assertEquals(gap, again.json().getFirst(), "the gap comes first");
                assertEquals("after the gap", after.path("text").asText());
                assertEquals(head + 1, after.path("seq").asLong());
                assertEquals(1, again.events().size(), "none of the lost events is sent");
            }
        }
        assertEquals(gapsBefore + 1, overlord.metric("overlord_hub_gaps_total"));
    }

    @Test
    void aLastSeqAheadOfTheServerMeansItRestarted() {
        try (SocketClient plugin = overlord.plugin()) {
            long head = overlord.server().hub().head();
            try (SocketClient browser = overlord.browser("?last_seq=" + (head + 1000))) {
                JsonNode gap = browser.awaitType("gap");
                assertTrue(gap.path("reason").asText().contains("server restarted"), gap.toString());

                plugin.send(Frames.chat("Ives", "fresh start"));
                assertEquals(
                        head + 1,
                        browser.awaitJson(j -> Frames.isEvent(j, "chat", "Ives"))
                                .path("seq")
                                .asLong());
            }
        }
    }

    @Test
    void aBadLastSeqIs400() {
        assertEquals(
                400,
                overlord.get("/ws/live?last_seq=yesterday", "Cookie", overlord.cookieHeader(overlord.sessionCookie()))
                        .statusCode());
    }

    @Test
    void snapshotFirstDeliversEveryOnlineCharacter() {
        ObjectNode aTelemetry = Frames.telemetry("Snap Alpha", 11.5, -22.25, 7);
        ObjectNode aVitals = Frames.vitals("Snap Alpha", 0);
        ObjectNode bTelemetry = Frames.telemetry("Snap Beta", 1, 2, 3);
        try (SocketClient plugin = overlord.plugin();
                SocketClient watcher = overlord.browser()) {
            plugin.send(aTelemetry).send(aVitals).send(bTelemetry);
            watcher.awaitJson(j -> Frames.isEvent(j, "telemetry", "Snap Beta"));

            try (SocketClient browser = overlord.browser("?snapshot=1")) {
                plugin.send(Frames.chat("Snap Alpha", "after the snapshot"));
                browser.awaitJson(j -> Frames.isEvent(j, "chat", "Snap Alpha"));

                JsonNode snapshot = browser.json().getFirst();
                assertEquals("snapshot", snapshot.path("type").asText(), "the snapshot comes first");
                JsonNode alpha = character(snapshot, "Snap Alpha");
                assertEquals(aTelemetry.toString(), alpha.path("telemetry").toString());
                assertEquals(aVitals.toString(), alpha.path("vitals").toString());
                assertEquals(
                        bTelemetry.toString(),
                        character(snapshot, "Snap Beta").path("telemetry").toString());
                assertEquals(1, browser.events().size(), "then the live events, none of the earlier ones");
            }
        }
    }

    @Test
    void aSnapshotCanAlsoBeRequested() {
        try (SocketClient plugin = overlord.plugin();
                SocketClient browser = overlord.browser()) {
            plugin.send(Frames.telemetry("Snap Gamma", 5, 5, 5));
            browser.awaitJson(j -> Frames.isEvent(j, "telemetry", "Snap Gamma"));

            browser.send("{\"type\":\"request_snapshot\"}");
            JsonNode snapshot = browser.awaitType("snapshot");
            assertEquals(
                    5,
                    character(snapshot, "Snap Gamma")
                            .path("telemetry")
                            .path("kills")
                            .asLong());
            assertTrue(snapshot.path("seq").asLong() >= 1);
        }
    }

    private static JsonNode character(JsonNode snapshot, String name) {
        for (JsonNode c : snapshot.path("characters")) {
            if (name.equals(c.path("character_name").asText())) return c;
        }
        throw new AssertionError(name + " is not in the snapshot: " + snapshot);
    }

    /** {@code count} consecutive sequence numbers from {@code first}. */
    private static List<Long> seqs(long first, int count) {
        return IntStream.range(0, count).mapToObj(i -> first + i).toList();
    }
}
