package dev.overlord.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.testing.ManualClock;
import dev.overlord.testing.SampleFrames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Given frames published on the hub, expect what browsers receive: real streams on a real actor
 * system, no mocks.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveHubTest {

    @JUnit5TestKit
    public final ActorTestKit testKit =
            new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.load()).build();

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofSeconds(10);

    ManualClock clock;
    Metrics metrics;

    @BeforeEach
    void freshClockAndMetrics() {
        clock = new ManualClock();
        metrics = new Metrics();
    }

    LiveHub hub(int replayBufferSize, int subscriberBufferSize, int dungeonMapsKept) {
        return new LiveHub(
                testKit.system(),
                new LiveHubSettings(
                        16_384,
                        replayBufferSize,
                        subscriberBufferSize,
                        Duration.ofSeconds(30),
                        dungeonMapsKept,
                        Duration.ofSeconds(5)),
                metrics,
                clock);
    }

    LiveHub hub() {
        return hub(1_000, 256, 10);
    }

    // ---- frames ----

    static PluginFrame telemetry(String name) {
        return SampleFrames.telemetry().name(name).frame();
    }

    static PluginFrame sample(String name) {
        return SampleFrames.frame(name);
    }

    static void publishAll(LiveHub hub, PluginFrame... frames) {
        for (PluginFrame f : frames) assertTrue(hub.publish(f), "accepted by the hub");
    }

    static void awaitHead(LiveHub hub, long seq) {
        await().atMost(PATIENCE).until(() -> hub.head() >= seq);
    }

    // ---- a browser ----

    /** What one browser received, in order. */
    static final class Browser {
        final List<String> received = new CopyOnWriteArrayList<>();

        List<JsonNode> messages() {
            List<JsonNode> out = new ArrayList<>();
            for (String text : received) {
                try {
                    out.add(JSON.readTree(text));
                } catch (Exception e) {
                    throw new AssertionError("a browser received invalid JSON: " + text, e);
                }
            }
            return out;
        }

        /** Messages other than the test's nudges. */
        List<JsonNode> frames() {
            return messages().stream()
                    .filter(m -> !NUDGE_TYPE.equals(m.path("type").asText()))
                    .toList();
        }

        List<String> frameTypes() {
            return frames().stream().map(m -> m.path("type").asText()).toList();
        }

        /** The seq of every message that has one, nudges included. */
        List<Long> seqs() {
            return messages().stream()
                    .filter(m -> m.has("seq"))
                    .map(m -> m.get("seq").asLong())
                    .toList();
        }

        boolean sawNudgeAfter(int n) {
            return messages().stream()
                    .anyMatch(m -> NUDGE_TYPE.equals(m.path("type").asText())
                            && m.path("n").asInt() > n);
        }
    }

    Browser connect(LiveHub hub, Subscription subscription, OptionalLong lastSeen) {
        Browser b = new Browser();
        hub.feed(subscription, lastSeen).runWith(Sink.foreach(b.received::add), testKit.system());
        return b;
    }

    // A browser joins the broadcast asynchronously; until it has, newer events reach it only as
    // catch-up behind a later one. Nudges (a frame type no one filters for) stand in for the
    // steady telemetry of a real fleet until one that was published after the browser started
    // arrives, which proves it is attached.
    static final String NUDGE_TYPE = "test_nudge";
    final AtomicInteger nudges = new AtomicInteger();

    void nudge(LiveHub hub) {
        int n = nudges.incrementAndGet();
        hub.publish(SampleFrames.parse(
                "{\"type\":\"" + NUDGE_TYPE + "\",\"n\":" + n + ",\"timestamp\":\"2025-06-14T08:00:00Z\"}"));
    }

    void awaitAttached(LiveHub hub, Browser b) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (!b.received.isEmpty()) return true;
            nudge(hub);
            return false;
        });
        int before = nudges.get();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (b.sawNudgeAfter(before)) return true;
            nudge(hub);
            return false;
        });
    }

    @Test
    void anEventPublishedAsABrowserJoinsReachesItEvenWhenNothingFollows() {
        // Joining the broadcast completes asynchronously; without the catch-ups in the first moments
        // such an event waited for a later one to reveal the gap, and a quiet fleet sent none.
        for (int i = 0; i < 50; i++) {
            LiveHub hub = hub();
            Browser b = connect(hub, new Subscription(), OptionalLong.empty());
            publishAll(hub, sample("telemetry"));
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> b.frameTypes().equals(List.of("telemetry")));
        }
    }

    Browser attached(LiveHub hub, Subscription subscription) {
        Browser b = connect(hub, subscription, OptionalLong.empty());
        awaitAttached(hub, b);
        return b;
    }

    /** Waits until the browser got {@code count} frames, nudging in case it is not attached yet. */
    void awaitFrames(LiveHub hub, Browser b, int count) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (b.frames().size() >= count) return true;
            nudge(hub);
            return false;
        });
    }

    static void assertConsecutive(List<Long> seqs) {
        for (int i = 1; i < seqs.size(); i++) {
            assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "no event lost or repeated: " + seqs);
        }
    }

    // ---- the feed ----

    @Test
    void publishedFramesReachASubscriberWithIncreasingSeqSplicedInFirst() {
        LiveHub hub = hub();
        Browser browser = attached(hub, new Subscription());

        publishAll(hub, sample("telemetry"), sample("vitals"), sample("chat"));
        awaitFrames(hub, browser, 3);

        List<String> sent =
                List.of(SampleFrames.text("telemetry"), SampleFrames.text("vitals"), SampleFrames.text("chat"));
        List<String> got =
                browser.received.stream().filter(t -> !t.contains(NUDGE_TYPE)).toList();
        List<JsonNode> frames = browser.frames();
        long firstSeq = frames.getFirst().get("seq").asLong();
        for (int i = 0; i < 3; i++) {
            long seq = firstSeq + i;
            assertEquals(seq, frames.get(i).get("seq").asLong(), "one more than the previous");
            assertEquals("seq", frames.get(i).fieldNames().next(), "seq is the first field");
            String expected = "{\"seq\":" + seq + "," + sent.get(i).substring(1).stripLeading();
            assertEquals(expected, got.get(i), "the plugin's text, unchanged but for the seq");
        }
        assertTrue(hub.head() >= firstSeq + 2);
        assertConsecutive(browser.seqs());
    }

    @Test
    void withoutLastSeqABrowserStartsAtTheNewestEvent() {
        LiveHub hub = hub();
        publishAll(hub, sample("rare"));
        awaitHead(hub, 1);

        Browser browser = attached(hub, new Subscription());

        assertFalse(browser.frameTypes().contains("rare"), "events before connecting are not replayed");
        assertEquals(2L, browser.seqs().getFirst());
    }

    @Test
    void aSubscriptionAdmitsOnlyItsTypesAndMayChangeWhileOpen() {
        LiveHub hub = hub();
        Subscription subscription = new Subscription();
        Browser browser = attached(hub, subscription);
        subscription.subscribe(Set.of("rare", "chat"));

        publishAll(hub, sample("telemetry"), sample("rare"), sample("vitals"), sample("chat"));
        awaitFrames(hub, browser, 2);
        assertEquals(List.of("rare", "chat"), browser.frameTypes());

        subscription.subscribe(Set.of());
        publishAll(hub, sample("vitals"));
        awaitFrames(hub, browser, 3);
        assertEquals(List.of("rare", "chat", "vitals"), browser.frameTypes(), "no subscription means everything");
    }

    // ---- reconnecting ----

    @Test
    void reconnectingWithLastSeqGetsExactlyTheMissedEvents() {
        LiveHub hub = hub();
        publishAll(hub, telemetry("A"), telemetry("B"), sample("rare"), sample("chat"), telemetry("C"));
        awaitHead(hub, 5);

        Browser browser = connect(hub, new Subscription(), OptionalLong.of(2));
        awaitFrames(hub, browser, 3);

        assertEquals(List.of(3L, 4L, 5L), browser.seqs().subList(0, 3));
        assertEquals(List.of("rare", "chat", "telemetry"), browser.frameTypes().subList(0, 3));

        publishAll(hub, sample("vitals"));
        awaitFrames(hub, browser, 4);
        assertEquals("vitals", browser.frameTypes().get(3));
        assertEquals(3L, browser.seqs().getFirst());
        assertConsecutive(browser.seqs());
    }

    @Test
    void reconnectingAfterTheReplayBufferMovedOnGetsAGapEvenThroughAFilter() {
        LiveHub hub = hub(3, 256, 10);
        for (int i = 0; i < 6; i++) publishAll(hub, telemetry("A"));
        awaitHead(hub, 6);
        Subscription onlyRares = new Subscription();
        onlyRares.subscribe(Set.of("rare"));

        Browser browser = connect(hub, onlyRares, OptionalLong.of(1));
        awaitFrames(hub, browser, 1);

        JsonNode gap = browser.messages().getFirst();
        assertEquals("gap", gap.get("type").asText());
        assertEquals(2, gap.get("from").asLong());
        assertEquals(6, gap.get("to").asLong());
        assertTrue(gap.get("reason").asText().contains("reload"), gap.toString());
        assertEquals(1, metrics.value("overlord_hub_gaps_total"));

        publishAll(hub, sample("rare"));
        awaitFrames(hub, browser, 2);
        assertEquals(List.of("gap", "rare"), browser.frameTypes(), "the feed goes on after the gap");
    }

    @Test
    void aLastSeqAheadOfTheHubMeansTheServerRestarted() {
        LiveHub hub = hub();
        publishAll(hub, telemetry("A"), telemetry("B"));
        awaitHead(hub, 2);

        Browser browser = connect(hub, new Subscription(), OptionalLong.of(500));
        awaitFrames(hub, browser, 1);

        JsonNode gap = browser.messages().getFirst();
        assertEquals("gap", gap.get("type").asText());
        assertTrue(gap.get("reason").asText().contains("restarted"), gap.toString());

        publishAll(hub, sample("chat"));
        awaitFrames(hub, browser, 2);
        assertEquals(List.of("gap", "chat"), browser.frameTypes());
        // Nudges may have taken seq 3 before the browser joined: what matters is that it continues
        // from the hub's own numbering (just after what the hub had), not from the client's 500.
        long first = browser.seqs().getFirst();
        assertTrue(first >= 3 && first <= 2 + nudges.get() + 1, "it continues from the hub's own sequence: " + first);
        assertConsecutive(browser.seqs());
    }

    // ---- slow consumers ----

    @Test
    void aLaggingBrowserIsThinnedToEachCharactersNewestAndGetsEveryDiscreteEventWhileAFastOneGetsEverything()
            throws Exception {
        LiveHub hub = hub(2_000, 16, 10);
        Browser fast = attached(hub, new Subscription());
        // Takes one message into its queue, then reads nothing until the burst is over.
        SinkQueueWithCancel<String> slow = hub.feed(new Subscription(), OptionalLong.empty())
                .runWith(Sink.<String>queue().withAttributes(Attributes.inputBuffer(1, 1)), testKit.system());

        int rounds = 200;
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            publishAll(
                    hub,
                    SampleFrames.telemetry().name("Larsson").kills(i).frame(),
                    SampleFrames.telemetry().name("Sawato").kills(i).frame(),
                    SampleFrames.vitals()
                            .name("Larsson")
                            .set("health_current", i)
                            .frame());
            if (i % 10 == 0) {
                chats.add("chat-" + i);
                publishAll(
                        hub,
                        SampleFrames.of("chat")
                                .name("Sawato")
                                .set("text", "chat-" + i)
                                .frame());
            }
        }
        int published = rounds * 3 + chats.size();
        awaitFrames(hub, fast, published);
        assertEquals(published, fast.frames().size(), "the fast browser got every event");
        assertConsecutive(fast.seqs());
        await().atMost(PATIENCE).until(() -> metrics.value("overlord_hub_thinnings_total") >= 1);

        // Now it reads, up to the word that it has caught up.
        List<JsonNode> got = new ArrayList<>();
        for (JsonNode m = JSON.readTree(pull(slow).orElseThrow());
                !(m.path("type").asText().equals("thinning")
                        && !m.path("active").asBoolean());
                m = JSON.readTree(pull(slow).orElseThrow())) {
            got.add(m);
        }
        List<JsonNode> events = got.stream()
                .filter(m -> m.has("seq") && !NUDGE_TYPE.equals(m.path("type").asText()))
                .toList();
        assertTrue(
                got.stream()
                        .anyMatch(m -> m.path("type").asText().equals("thinning")
                                && m.path("active").asBoolean()),
                "it was told it is thinned");
        assertEquals(
                chats,
                events.stream()
                        .filter(m -> m.path("type").asText().equals("chat"))
                        .map(m -> m.path("text").asText())
                        .toList(),
                "every chat line, in order");
        assertEquals(
                rounds - 1, last(events, "telemetry", "Larsson").path("kills").asLong(), "Larsson's newest");
        assertEquals(
                rounds - 1, last(events, "telemetry", "Sawato").path("kills").asLong(), "Sawato's newest");
        assertEquals(
                rounds - 1,
                last(events, "vitals", "Larsson").path("health_current").asLong(),
                "the newest vitals");
        assertTrue(events.size() < published / 2, "thinned, not everything: " + events.size() + " of " + published);
        List<Long> seqs = events.stream().map(m -> m.get("seq").asLong()).toList();
        for (int i = 1; i < seqs.size(); i++) assertTrue(seqs.get(i) > seqs.get(i - 1), "in the hub's order: " + seqs);

        assertEquals(0, metrics.value("overlord_hub_slow_consumers_total"), "nobody was cut off");
        assertTrue(metrics.value("overlord_hub_thinned_events_total") >= published - events.size() - nudges.get());
        await().atMost(PATIENCE).until(() -> metrics.render().contains("overlord_live_subscribers_thinned 0.0\n"));
        slow.cancel();
    }

    static JsonNode last(List<JsonNode> events, String type, String character) {
        return events.stream()
                .filter(m -> m.path("type").asText().equals(type)
                        && m.path("character_name").asText().equals(character))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + type + " of " + character));
    }

    @Test
    void aBrowserWhoseDiscreteEventsOutgrowTheByteBudgetIsCutOffAndTold() throws Exception {
        long budget = 64 * 1024;
        LiveHub hub = new LiveHub(
                testKit.system(),
                new LiveHubSettings(
                        16_384,
                        1_000,
                        1_000,
                        Duration.ofSeconds(30),
                        10,
                        Duration.ofSeconds(5),
                        LiveHubSettings.DEFAULT_PUBLISH_QUEUE_BYTES,
                        LiveHubSettings.DEFAULT_REPLAY_BUFFER_BYTES,
                        LiveHubSettings.DEFAULT_DUNGEON_MAPS_BYTES,
                        LiveHubSettings.DEFAULT_FORGET_OFFLINE_AFTER,
                        budget),
                metrics,
                clock);
        Browser fast = attached(hub, new Subscription());
        SinkQueueWithCancel<String> slow = hub.feed(new Subscription(), OptionalLong.empty())
                .runWith(Sink.<String>queue().withAttributes(Attributes.inputBuffer(1, 1)), testKit.system());

        // 40 chat lines of 8 KiB: 320 KiB, five times the byte budget and far under the count of 1,000.
        // Chat is discrete: thinning cannot leave any out.
        int burst = 40;
        String bulky = "x".repeat(8 * 1024);
        for (int i = 0; i < burst; i++)
            publishAll(hub, SampleFrames.of("chat").set("text", i + bulky).frame());
        await().atMost(PATIENCE).until(() -> metrics.value("overlord_hub_slow_consumers_total") > 0);

        awaitFrames(hub, fast, burst);
        assertEquals(1, metrics.value("overlord_hub_slow_consumers_total"), "only the slow browser was cut off");
        List<String> slowGot = new ArrayList<>();
        for (Optional<String> next = pull(slow); next.isPresent(); next = pull(slow)) slowGot.add(next.get());
        JsonNode last = JSON.readTree(slowGot.getLast());
        assertEquals("slow_consumer", last.get("type").asText());
        assertTrue(last.get("reason").asText().contains(budget + " bytes"), last.toString());
        assertTrue(slowGot.size() <= 3 + budget / bulky.length(), "held no more than the budget: " + slowGot.size());
    }

    @Test
    void aBrowserThatStopsReadingIsCutOffAfterTheGracePeriodThoughThinningBoundsItsBacklog() throws Exception {
        Duration grace = Duration.ofSeconds(1);
        LiveHub hub = new LiveHub(
                testKit.system(),
                new LiveHubSettings(16_384, 1_000, 16, Duration.ofSeconds(30), 10, grace),
                metrics,
                clock);
        SinkQueueWithCancel<String> stalled = hub.feed(new Subscription(), OptionalLong.empty())
                .runWith(Sink.<String>queue().withAttributes(Attributes.inputBuffer(1, 1)), testKit.system());
        // One character's positions: thinned to one waiting event, never near the byte budget.
        AtomicInteger kills = new AtomicInteger();
        long start = System.nanoTime();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
            publishAll(
                    hub,
                    SampleFrames.telemetry()
                            .name("Larsson")
                            .kills(kills.getAndIncrement())
                            .frame());
            return metrics.value("overlord_hub_slow_consumers_total") > 0;
        });
        assertTrue(metrics.value("overlord_hub_thinnings_total") >= 1, "it was thinned first");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(grace) >= 0, "not before the grace period");
        try {
            for (Optional<String> next = pull(stalled); next.isPresent(); next = pull(stalled)) {
                // what it had been handed before it stopped
            }
            throw new AssertionError("its feed ended normally");
        } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(e.getCause() instanceof LiveHub.SlowConsumerCutOff, e.toString());
        }
    }

    static Optional<String> pull(SinkQueueWithCancel<String> queue) throws Exception {
        return queue.pull().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    // ---- what the hub remembers ----

    @Test
    void theLiveListHasTheCharactersWithTelemetryWithinTheWindow() {
        LiveHub hub = hub();
        publishAll(
                hub, SampleFrames.telemetry().name("Larsson").position(10, 20).frame());
        awaitHead(hub, 1);
        clock.advance(Duration.ofSeconds(40));
        publishAll(
                hub,
                SampleFrames.telemetry().name("Sawato").position(-5, 7).frame(),
                SampleFrames.vitals().name("Thorvald the Red").frame());
        awaitHead(hub, 3);

        ObjectNode live = hub.fleet().liveJson(clock.instant(), Duration.ofSeconds(30));
        assertEquals(1, live.get("players").size(), live.toString());
        assertEquals("Sawato", live.get("players").get(0).get("character_name").asText());
        assertEquals(-5.0, live.get("players").get(0).get("ew").asDouble());

        ObjectNode wider = hub.fleet().liveJson(clock.instant(), Duration.ofMinutes(1));
        assertEquals(
                List.of("Larsson", "Sawato"),
                List.of(
                        wider.get("players").get(0).get("character_name").asText(),
                        wider.get("players").get(1).get("character_name").asText()),
                "sorted by name; vitals alone do not make a character live");
    }

    @Test
    void theSnapshotHasEveryOnlineCharactersLatestTelemetryAndVitals() throws Exception {
        LiveHub hub = hub();
        PluginFrame larssonTelemetry =
                SampleFrames.telemetry().name("Larsson").position(10, 20).frame();
        PluginFrame larssonVitals =
                SampleFrames.vitals().name("Larsson").vitae(0).frame();
        PluginFrame sawato =
                SampleFrames.telemetry().name("Sawato").position(-5, 7).frame();
        publishAll(hub, larssonTelemetry, larssonVitals, sawato);
        awaitHead(hub, 3);

        JsonNode snapshot = JSON.readTree(hub.snapshotJson());

        assertEquals("snapshot", snapshot.get("type").asText());
        assertEquals(3, snapshot.get("seq").asLong());
        JsonNode characters = snapshot.get("characters");
        assertEquals(2, characters.size());
        JsonNode larsson = characters.get(0);
        assertEquals("Larsson", larsson.get("character_name").asText());
        assertEquals(ManualClock.START.toString(), larsson.get("last_seen").asText());
        assertEquals(larssonTelemetry.envelope().json(), larsson.get("telemetry"));
        assertEquals(larssonVitals.envelope().json(), larsson.get("vitals"));
        JsonNode second = characters.get(1);
        assertEquals("Sawato", second.get("character_name").asText());
        assertEquals(sawato.envelope().json(), second.get("telemetry"));
        assertFalse(second.has("vitals"));
    }

    @Test
    void theLatestDungeonMapIsKeptPerLandblock() {
        LiveHub hub = hub(1_000, 256, 2);
        PluginFrame first = SampleFrames.of("dungeon_map")
                .set("landblock", "0x01D9")
                .set("dungeon_name", "old")
                .frame();
        PluginFrame latest =
                SampleFrames.of("dungeon_map").set("landblock", "0x01D9").frame();
        PluginFrame other =
                SampleFrames.of("dungeon_map").set("landblock", "0x0007").frame();
        publishAll(hub, first, latest, other);
        awaitHead(hub, 3);

        assertEquals(Optional.of(latest.envelope().text()), hub.dungeonMap("0x01D9"));
        assertEquals(Optional.of(other.envelope().text()), hub.dungeonMap("0x0007"));
        assertEquals(Optional.empty(), hub.dungeonMap("0xFFFF"));

        // Only the most recently used landblocks are kept.
        hub.dungeonMap("0x01D9");
        publishAll(
                hub, SampleFrames.of("dungeon_map").set("landblock", "0x5A2B").frame());
        awaitHead(hub, 4);
        assertTrue(hub.dungeonMap("0x0007").isEmpty());
        assertTrue(hub.dungeonMap("0x01D9").isPresent());
        assertTrue(hub.dungeonMap("0x5A2B").isPresent());
    }

    @Test
    void theHeadIsExportedAsAGauge() {
        LiveHub hub = hub();
        publishAll(hub, sample("chat"), sample("rare"));
        awaitHead(hub, 2);
        assertTrue(metrics.render().contains("overlord_hub_sequence 2.0\n"), metrics.render());
    }
}
