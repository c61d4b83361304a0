package dev.overlord.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.overlord.character.CharacterEntity;
import dev.overlord.live.LiveHub;
import dev.overlord.live.LiveHubSettings;
import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.ParseResult.Reason;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.session.PluginSession.Ack;
import dev.overlord.session.PluginSession.Inbound;
import dev.overlord.session.PluginSession.Init;
import dev.overlord.session.PluginSession.Refused;
import dev.overlord.session.PluginSession.SendToPlugin;
import dev.overlord.session.PluginSession.SocketClosed;
import dev.overlord.session.PluginSession.SocketFailed;
import dev.overlord.session.PluginSession.Text;
import dev.overlord.testing.ManualClock;
import dev.overlord.testing.SampleFrames;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Given messages from a plugin socket, expect acks, frames routed to characters, registrations,
 * errors back to the socket and a clean close. Characters, registry and socket are probes; the
 * parser and the live hub are real.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginSessionTest {

    @JUnit5TestKit
    public final ActorTestKit testKit =
            new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.load()).build();

    static final String SESSION_ID = "session-1";
    static final ObjectMapper JSON = new ObjectMapper();

    Metrics metrics;
    LiveHub hub;
    TestProbe<SocketOut> socket;
    TestProbe<PluginRegistry.Command> registry;
    TestProbe<Ack> acks;
    final Map<String, TestProbe<CharacterEntity.Command>> characters = new ConcurrentHashMap<>();
    ActorRef<PluginSession.Command> session;

    @BeforeEach
    void openSession() {
        ManualClock clock = new ManualClock();
        metrics = new Metrics();
        hub = new LiveHub(testKit.system(), LiveHubSettings.defaults(), metrics, clock);
        socket = testKit.createTestProbe(SocketOut.class);
        registry = testKit.createTestProbe(PluginRegistry.Command.class);
        acks = testKit.createTestProbe(Ack.class);
        characters.clear();
        observedFrames.clear();
        timeSeries.clear();
        var deps = new PluginSession.Deps(
                new FrameParser(clock),
                hub,
                name -> character(name).ref(),
                registry.ref(),
                timeSeries::add,
                PluginSession.SessionMetrics.from(metrics));
        session = testKit.spawn(PluginSession.create(SESSION_ID, "203.0.113.7:50312", socket.ref(), deps));
    }

    /** What the session handed to the time-series sink, in order. */
    final List<PluginFrame> timeSeries = new CopyOnWriteArrayList<>();

    TestProbe<CharacterEntity.Command> character(String name) {
        return characters.computeIfAbsent(name, n -> testKit.createTestProbe(CharacterEntity.Command.class));
    }

    /** Sends one socket message and expects it to be acknowledged. */
    void send(String text) {
        session.tell(new Inbound(new Text(text), acks.ref()));
        acks.expectMessage(Ack.INSTANCE);
    }

    /** Frames a character probe received and answered but the test has not looked at yet. */
    final Map<String, Deque<PluginFrame>> observedFrames = new ConcurrentHashMap<>();

    /**
     * The character's next observed frame. Each Observe the probe receives is answered at once, as
     * an entity does once it journaled the frames, so the session sends the next.
     */
    PluginFrame expectObserved(String characterName) {
        var pending = observedFrames.computeIfAbsent(characterName, n -> new ArrayDeque<>());
        if (pending.isEmpty()) {
            var observe = character(characterName).expectMessageClass(CharacterEntity.Observe.class);
            assertEquals(SESSION_ID, observe.sessionId());
            observe.frames().forEach(f -> assertEquals(characterName, f.characterName()));
            pending.addAll(observe.frames());
            observe.replyTo()
                    .tell(new CharacterEntity.Observed(
                            characterName, observe.frames().size()));
        }
        return pending.poll();
    }

    JsonNode expectError(Reason reason) throws Exception {
        var text = socket.expectMessageClass(SocketOut.Text.class);
        JsonNode error = JSON.readTree(text.json());
        assertEquals("error", error.get("type").asText());
        assertEquals(reason.label(), error.get("reason").asText());
        assertTrue(error.hasNonNull("detail"));
        return error;
    }

    long rejected(Reason reason) {
        return metrics.value("overlord_frames_rejected_total", "reason", reason.label());
    }

    long accepted(String typeLabel) {
        return metrics.value("overlord_frames_in_total", "type", typeLabel);
    }

    @Test
    void theSocketIsAcknowledgedWhenReadyAndAfterEveryMessage() {
        session.tell(new Init(acks.ref()));
        acks.expectMessage(Ack.INSTANCE);
        send(SampleFrames.text("telemetry"));
        send("not json at all");
        session.tell(new Inbound(new Refused(Reason.BINARY, "binary message", false), acks.ref()));
        acks.expectMessage(Ack.INSTANCE);
    }

    @Test
    void aFrameIsObservedByItsCharacterAndPublished() {
        send(SampleFrames.text("telemetry"));

        PluginFrame frame = expectObserved("Larsson");
        assertInstanceOf(PluginFrame.Telemetry.class, frame);
        assertEquals(SampleFrames.text("telemetry"), frame.envelope().text());
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.head() == 1);
        assertEquals(1, accepted("telemetry"));
        socket.expectNoMessage();
    }

    @Test
    void eachCharacterGetsItsOwnFramesAndIsRegisteredOnce() {
        send(SampleFrames.telemetry().name("Larsson").text());
        send(SampleFrames.telemetry().name("Sawato").text());
        send(SampleFrames.vitals().name("Larsson").text());
        send(SampleFrames.of("chat").name("Larsson").text());

        assertInstanceOf(PluginFrame.Telemetry.class, expectObserved("Larsson"));
        assertInstanceOf(PluginFrame.Vitals.class, expectObserved("Larsson"));
        assertInstanceOf(PluginFrame.Chat.class, expectObserved("Larsson"));
        assertInstanceOf(PluginFrame.Telemetry.class, expectObserved("Sawato"));
        character("Sawato").expectNoMessage();

        var first = registry.expectMessageClass(PluginRegistry.Register.class);
        var second = registry.expectMessageClass(PluginRegistry.Register.class);
        assertEquals(new PluginRegistry.Register("Larsson", SESSION_ID, session), first);
        assertEquals(new PluginRegistry.Register("Sawato", SESSION_ID, session), second);
        registry.expectNoMessage();
    }

    @Test
    void aFrameWithoutCharacterIsPublishedButNeitherObservedNorRegistered() {
        send(SampleFrames.of("unknown").without("character_name").text());

        await().atMost(Duration.ofSeconds(5)).until(() -> hub.head() == 1);
        assertEquals(1, accepted("unknown"));
        registry.expectNoMessage();
        assertTrue(characters.isEmpty(), "no character was looked up");
    }

    @Test
    void frameTypesAreCountedWithBoundedLabels() {
        send(SampleFrames.text("share_vitals"));
        send(SampleFrames.of("share_vitals").set("type", "share_debuffs").text());
        send(SampleFrames.text("unknown"));
        send(SampleFrames.of("unknown").set("type", "yet_another_thing").text());

        await().atMost(Duration.ofSeconds(5)).until(() -> hub.head() == 4);
        assertEquals(2, accepted("share"));
        assertEquals(2, accepted("unknown"));
        assertEquals(0, accepted("yet_another_thing"));
    }

    @Test
    void aBadFrameIsReportedAndCountedAndTheNextGoodOneStillFlows() throws Exception {
        send("{\"type\":\"telemetry\",");
        expectError(Reason.MALFORMED_JSON);
        send("[1,2,3]");
        expectError(Reason.NOT_AN_OBJECT);
        send(SampleFrames.telemetry().without("character_name").text());
        JsonNode missing = expectError(Reason.MISSING_CHARACTER);
        assertTrue(missing.get("detail").asText().contains("character_name"));
        send(SampleFrames.telemetry().without("ew").text());
        expectError(Reason.BAD_FIELD);
        send("still not json");
        expectError(Reason.MALFORMED_JSON);

        send(SampleFrames.text("telemetry"));

        expectObserved("Larsson");
        socket.expectNoMessage();
        assertEquals(2, rejected(Reason.MALFORMED_JSON));
        assertEquals(1, rejected(Reason.NOT_AN_OBJECT));
        assertEquals(1, rejected(Reason.MISSING_CHARACTER));
        assertEquals(1, rejected(Reason.BAD_FIELD));
        assertEquals(1, accepted("telemetry"));
    }

    @Test
    void aMessageRefusedByTheSocketLayerIsReportedAndCounted() throws Exception {
        session.tell(new Inbound(new Refused(Reason.TOO_BIG, "frame over 1 MiB", false), acks.ref()));
        acks.expectMessage(Ack.INSTANCE);

        JsonNode error = expectError(Reason.TOO_BIG);
        assertEquals("frame over 1 MiB", error.get("detail").asText());
        assertEquals(1, rejected(Reason.TOO_BIG));
        assertEquals(0, hub.head());
    }

    @Test
    void aFatalRefusalIsReportedThenTheSocketIsClosed() throws Exception {
        session.tell(new Inbound(new Refused(Reason.TOO_BIG, "frame over 1 MiB", true), acks.ref()));

        expectError(Reason.TOO_BIG);
        assertInstanceOf(SocketOut.Close.class, socket.receiveMessage());
        acks.expectNoMessage();
        assertEquals(1, rejected(Reason.TOO_BIG));
    }

    @Test
    void aCommandForThePluginGoesOutOnItsSocket() {
        String command = "{\"player_name\":\"Larsson\",\"command\":\"/radar start\"}";
        session.tell(new SendToPlugin(command));
        assertEquals(new SocketOut.Text(command), socket.receiveMessage());
    }

    @Test
    void whenThePluginClosesEveryCharacterItSpokeForIsToldAndTheSessionStops() {
        assertTrue(metrics.render().contains("overlord_plugin_sockets_open 1.0\n"));
        send(SampleFrames.telemetry().name("Larsson").text());
        send(SampleFrames.telemetry().name("Sawato").text());
        expectObserved("Larsson");
        expectObserved("Sawato");

        session.tell(new SocketClosed());

        character("Larsson").expectMessage(new CharacterEntity.SessionClosed(SESSION_ID));
        character("Sawato").expectMessage(new CharacterEntity.SessionClosed(SESSION_ID));
        assertInstanceOf(SocketOut.Close.class, socket.receiveMessage());
        socket.expectTerminated(session);
        assertTrue(metrics.render().contains("overlord_plugin_sockets_open 0.0\n"));
    }

    @Test
    void framesStillWaitingWhenThePluginClosesGoToTheCharacterBeforeTheClose() {
        send(SampleFrames.telemetry().name("Larsson").kills(1).text());
        send(SampleFrames.telemetry().name("Larsson").kills(2).text());
        // The first write is still under way (never answered here): the second frame waits for it.
        character("Larsson").expectMessageClass(CharacterEntity.Observe.class);

        session.tell(new SocketClosed());

        var last = character("Larsson").expectMessageClass(CharacterEntity.Observe.class);
        assertEquals(
                List.of(2L),
                last.frames().stream()
                        .map(f -> ((PluginFrame.Telemetry) f).kills())
                        .toList());
        assertNotNull(last.replyTo(), "always someone to answer, even if nobody listens");
        character("Larsson").expectMessage(new CharacterEntity.SessionClosed(SESSION_ID));
    }

    @Test
    void whenTheSocketFailsTheCharactersAreToldAndTheSocketIsClosed() {
        send(SampleFrames.telemetry().name("Larsson").text());
        expectObserved("Larsson");

        session.tell(new SocketFailed(new IOException("connection reset by peer")));

        character("Larsson").expectMessage(new CharacterEntity.SessionClosed(SESSION_ID));
        var close = socket.expectMessageClass(SocketOut.Close.class);
        assertTrue(close.reason().contains("connection reset by peer"), close.reason());
        socket.expectTerminated(session);
    }

    @Test
    void telemetryAndSpawnsGoToTheTimeSeriesSinkOtherFramesDoNot() {
        send(SampleFrames.text("telemetry"));
        send(SampleFrames.text("spawn"));
        send(SampleFrames.text("chat"));
        expectObserved("Larsson");
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.head() == 3);
        assertEquals(
                List.of("telemetry", "spawn"),
                timeSeries.stream().map(PluginFrame::type).toList());
    }

    PluginSession.Deps windowOf(int window, Duration observeTimeout) {
        return new PluginSession.Deps(
                new FrameParser(new ManualClock()),
                hub,
                name -> character(name).ref(),
                registry.ref(),
                timeSeries::add,
                PluginSession.SessionMetrics.from(metrics),
                window,
                observeTimeout);
    }

    @Test
    void aJournalThatFallsBehindSlowsTheSocketInsteadOfLosingFrames() {
        var windowed = testKit.spawn(PluginSession.create(
                "s-window", "203.0.113.8:50313", socket.ref(), windowOf(2, Duration.ofMinutes(1))));
        String frame = SampleFrames.telemetry().name("Larsson").text();

        windowed.tell(new Inbound(new Text(frame), acks.ref()));
        acks.expectMessage(Ack.INSTANCE);
        windowed.tell(new Inbound(new Text(frame), acks.ref()));
        acks.expectNoMessage();

        var first = character("Larsson").expectMessageClass(CharacterEntity.Observe.class);
        assertEquals(1, first.frames().size());
        // The second frame waits for the first write, then goes alone.
        character("Larsson").expectNoMessage();
        first.replyTo().tell(new CharacterEntity.Observed("Larsson", 1));
        acks.expectMessage(Ack.INSTANCE);
        assertEquals(
                1,
                character("Larsson")
                        .expectMessageClass(CharacterEntity.Observe.class)
                        .frames()
                        .size());
    }

    @Test
    void aJournalThatStaysSilentHoldsTheSocketOnlyBrieflyThenFarFramesAreCounted() {
        var windowed = testKit.spawn(
                PluginSession.create("s-hold", "203.0.113.10:50315", socket.ref(), windowOf(2, Duration.ofMinutes(1))));
        String frame = SampleFrames.telemetry().name("Larsson").text();
        windowed.tell(new Inbound(new Text(frame), acks.ref()));
        acks.expectMessage(Ack.INSTANCE);
        windowed.tell(new Inbound(new Text(frame), acks.ref()));
        // At the window and nobody answers: held, but no longer than maxHold (2 s).
        acks.expectNoMessage(Duration.ofMillis(1500));
        acks.expectMessage(Duration.ofSeconds(3), Ack.INSTANCE);
        // Reading on: frames wait for their character up to the hard cap (16 x window), then are counted.
        int hardCap = windowOf(2, Duration.ofMinutes(1)).hardCap();
        for (int i = 0; i < hardCap + 5; i++) {
            windowed.tell(new Inbound(new Text(frame), acks.ref()));
            acks.expectMessage(Ack.INSTANCE);
        }
        assertEquals(hardCap + 5 + 2 - hardCap, metrics.value("overlord_frames_not_journaled_total"));
        // Every frame still went live and to the time series.
        assertEquals(hardCap + 5 + 2, timeSeries.size());
    }

    @Test
    void framesThatArriveDuringAWriteGoTogetherInTheNextInTheirOrder() {
        send(SampleFrames.telemetry().name("Larsson").kills(1).text());
        send(SampleFrames.telemetry().name("Larsson").kills(2).text());
        send(SampleFrames.vitals().name("Larsson").text());
        send(SampleFrames.telemetry().name("Larsson").kills(3).text());

        var first = character("Larsson").expectMessageClass(CharacterEntity.Observe.class);
        assertEquals(
                List.of(1L),
                first.frames().stream()
                        .map(f -> ((PluginFrame.Telemetry) f).kills())
                        .toList());
        character("Larsson").expectNoMessage();
        first.replyTo().tell(new CharacterEntity.Observed("Larsson", 1));

        var next = character("Larsson").expectMessageClass(CharacterEntity.Observe.class);
        assertEquals(
                List.of("telemetry", "vitals", "telemetry"),
                next.frames().stream().map(PluginFrame::type).toList());
        assertEquals(2L, ((PluginFrame.Telemetry) next.frames().get(0)).kills());
        assertEquals(3L, ((PluginFrame.Telemetry) next.frames().get(2)).kills());
    }

    @Test
    void anEntityThatNeverAnswersCostsItsFramesNotTheSession() {
        var windowed = testKit.spawn(
                PluginSession.create("s-lost", "203.0.113.9:50314", socket.ref(), windowOf(2, Duration.ofMillis(300))));
        String frame = SampleFrames.telemetry().name("Larsson").text();
        windowed.tell(new Inbound(new Text(frame), acks.ref()));
        acks.expectMessage(Ack.INSTANCE);
        windowed.tell(new Inbound(new Text(frame), acks.ref()));
        acks.expectNoMessage(Duration.ofMillis(100));

        // The first Observe is never answered (as when the entity's write failed and it stopped).
        character("Larsson").expectMessageClass(CharacterEntity.Observe.class);
        acks.expectMessage(Duration.ofSeconds(5), Ack.INSTANCE);
        assertEquals(1, metrics.value("overlord_frames_unjournaled_total"));
        // The character's lane is free again: the waiting frame goes on.
        var next = character("Larsson").expectMessageClass(CharacterEntity.Observe.class);
        next.replyTo().tell(new CharacterEntity.Observed("Larsson", 1));
        windowed.tell(new Inbound(new Text(frame), acks.ref()));
        acks.expectMessage(Ack.INSTANCE);
    }
}
