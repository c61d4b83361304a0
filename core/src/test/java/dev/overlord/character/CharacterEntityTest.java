package dev.overlord.character;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.character.CharacterEntity.Command;
import dev.overlord.character.CharacterEntity.Observe;
import dev.overlord.character.CharacterEntity.SessionClosed;
import dev.overlord.character.CharacterEvent.BecameActive;
import dev.overlord.character.CharacterEvent.CameOnline;
import dev.overlord.character.CharacterEvent.CantripsUpdated;
import dev.overlord.character.CharacterEvent.CharacterStatsUpdated;
import dev.overlord.character.CharacterEvent.CombatSnapshotRecorded;
import dev.overlord.character.CharacterEvent.CountersChanged;
import dev.overlord.character.CharacterEvent.Died;
import dev.overlord.character.CharacterEvent.LifetimeCountersChanged;
import dev.overlord.character.CharacterEvent.PortalSeen;
import dev.overlord.character.CharacterEvent.PositionRecorded;
import dev.overlord.character.CharacterEvent.QuestsUpdated;
import dev.overlord.character.CharacterEvent.RareFound;
import dev.overlord.character.CharacterEvent.WentIdle;
import dev.overlord.character.CharacterEvent.WentOffline;
import dev.overlord.character.CharacterState.Position;
import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.testing.ManualClock;
import dev.overlord.testing.SampleFrames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Given frames observed from a plugin session, the character entity journals the durable facts.
 * Runs on the in-memory journal; every event and state is round-tripped through the configured
 * Jackson serializers.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CharacterEntityTest {

    static final Config CONFIG = EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load());

    @JUnit5TestKit
    public final ActorTestKit testKit =
            new JUnit5TestKitBuilder().withCustomConfig(CONFIG).build();

    /**
     * Events and state are verified against their serializers (and for equality after a round
     * trip); commands carry live frames and actor refs and never leave this node, so they are not.
     */
    static final EventSourcedBehaviorTestKit.SerializationSettings SERIALIZATION =
            EventSourcedBehaviorTestKit.enabledSerializationSettings()
                    .withVerifyCommands(false)
                    .withVerifyEquality(true);

    static final CharacterSettings SETTINGS = CharacterSettings.from(CONFIG.getConfig("overlord.character"));
    static final String SESSION = "session-1";
    static final String OTHER_SESSION = "session-2";
    /** The plugin's own session id in the sample telemetry and combat frames. */
    static final String PLUGIN_SESSION = "Larsson-20250614-0802";

    ManualClock clock;
    Metrics metrics;
    EventSourcedBehaviorTestKit<Command, CharacterEvent, CharacterState> larsson;

    @BeforeEach
    void spawnLarsson() {
        clock = new ManualClock();
        metrics = new Metrics();
        larsson = EventSourcedBehaviorTestKit.create(
                testKit.system(), CharacterEntity.create("Larsson", SETTINGS, clock, metrics), SERIALIZATION);
        larsson.clear();
    }

    // ---- frames ----

    static SampleFrames.Builder telemetry() {
        return SampleFrames.telemetry().name("Larsson").vtState("Combat");
    }

    static PluginFrame vitae(double vitae) {
        return SampleFrames.vitals().name("Larsson").vitae(vitae).frame();
    }

    static PluginFrame vitalsWithoutVitae() {
        return SampleFrames.vitals().name("Larsson").without("vitae").frame();
    }

    CommandResult<Command, CharacterEvent, CharacterState> observe(PluginFrame frame) {
        return observe(frame, SESSION);
    }

    /** Observes one frame and checks the entity answers that it dealt with it. */
    CommandResult<Command, CharacterEvent, CharacterState> observe(PluginFrame frame, String session) {
        var r = larsson.<CharacterEntity.Observed>runCommand(replyTo -> new Observe(frame, session, replyTo));
        assertEquals(new CharacterEntity.Observed("Larsson", 1), r.reply());
        return r;
    }

    CommandResult<Command, CharacterEvent, CharacterState> observeAfter(Duration wait, PluginFrame frame) {
        clock.advance(wait);
        return observe(frame);
    }

    static <E extends CharacterEvent> List<E> only(Class<E> type, CommandResult<?, CharacterEvent, ?> r) {
        return r.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<CharacterEvent> idleness(CommandResult<?, CharacterEvent, ?> r) {
        return r.events().stream()
                .filter(e -> e instanceof WentIdle || e instanceof BecameActive)
                .toList();
    }

    @Test
    void theReferenceConfigurationIsWhatTheseTestsAssume() {
        assertEquals(Duration.ofMinutes(5), SETTINGS.idleAfter());
        assertEquals(Duration.ofMinutes(1), SETTINGS.positionCheckpointEvery());
    }

    // ---- coming online ----

    @Test
    void theFirstFrameBringsTheCharacterOnline() {
        var r = observe(vitae(5));
        assertEquals(List.of(new CameOnline(ManualClock.START, SESSION)), only(CameOnline.class, r));
        assertTrue(r.state().presence().online());
        assertEquals(SESSION, r.state().presence().sessionId());
    }

    @Test
    void theFirstTelemetryAlsoRecordsCountersAndPosition() {
        var r = observe(telemetry().position(53.8, -31.4).z(12.0).frame());
        Instant now = ManualClock.START;
        assertEquals(
                List.of(
                        new CameOnline(now, SESSION),
                        new CountersChanged(now, 1184, 57, 318),
                        new PositionRecorded(now, 53.8, -31.4, 12.0),
                        new LifetimeCountersChanged(now, PLUGIN_SESSION, 1184, 2, 1184, 2, 318)),
                r.events());
        assertEquals(new Position(53.8, -31.4, 12.0, now), r.state().presence().lastPosition());
    }

    @Test
    void furtherFramesFromTheSameSessionDoNotRepeatIt() {
        observe(vitae(5));
        assertTrue(observeAfter(Duration.ofSeconds(2), vitae(5)).hasNoEvents());
    }

    @Test
    void aFrameFromAnotherSessionBringsItOnlineInThatSession() {
        observe(vitae(5));
        Instant later = clock.advance(Duration.ofSeconds(5));
        var r = observe(vitae(5), OTHER_SESSION);
        assertEquals(List.of(new CameOnline(later, OTHER_SESSION)), r.events());
        assertEquals(OTHER_SESSION, r.state().presence().sessionId());
    }

    // ---- counters: journaled when they change ----

    @Test
    void changedCountersAreJournaled() {
        observe(telemetry().frame());
        var r = observeAfter(
                Duration.ofSeconds(2), telemetry().kills(1185).tapers(317).frame());
        assertEquals(
                List.of(
                        new CountersChanged(clock.instant(), 1185, 57, 317),
                        new LifetimeCountersChanged(clock.instant(), PLUGIN_SESSION, 1185, 2, 1185, 2, 317)),
                r.events());
        assertEquals(1185, r.state().sessionCounters().kills());
        assertEquals(317, r.state().sessionCounters().tapers());
    }

    @Test
    void theSameCountersAgainAreNotJournaled() {
        observe(telemetry().frame());
        assertTrue(observeAfter(Duration.ofSeconds(2), telemetry().frame()).hasNoEvents());
        assertTrue(observeAfter(Duration.ofSeconds(2), telemetry().frame()).hasNoEvents());
    }

    @Test
    void absentCountersKeepTheKnownValues() {
        observe(telemetry().frame());
        var frame = telemetry()
                .without("kills")
                .without("deaths")
                .without("total_deaths")
                .without("prismatic_taper_count")
                .frame();
        assertTrue(observeAfter(Duration.ofSeconds(2), frame).hasNoEvents());
        assertEquals(1184, larsson.getState().sessionCounters().kills());
    }

    @Test
    void totalDeathsWinsAndSessionDeathsServeOnlyWithoutIt() {
        observe(telemetry().frame());
        var withTotal = telemetry().set("deaths", 3).totalDeaths(60).frame();
        assertEquals(
                60,
                only(CountersChanged.class, observeAfter(Duration.ofSeconds(2), withTotal))
                        .getFirst()
                        .deaths());

        var withoutTotal = telemetry().set("deaths", 3).without("total_deaths").frame();
        assertEquals(
                3,
                only(CountersChanged.class, observeAfter(Duration.ofSeconds(2), withoutTotal))
                        .getFirst()
                        .deaths());
    }

    // ---- position checkpoints ----

    @Test
    void positionIsJournaledAtMostOncePerInterval() {
        assertEquals(
                1,
                only(
                                PositionRecorded.class,
                                observe(telemetry().position(10, 10).frame()))
                        .size());

        assertTrue(only(
                        PositionRecorded.class,
                        observeAfter(
                                Duration.ofSeconds(30),
                                telemetry().position(11, 10).frame()))
                .isEmpty());
        assertTrue(only(
                        PositionRecorded.class,
                        observeAfter(
                                Duration.ofSeconds(29),
                                telemetry().position(12, 10).frame()))
                .isEmpty());

        var due = observeAfter(
                Duration.ofSeconds(1), telemetry().position(13, 10).z(0.5).frame());
        assertEquals(List.of(new PositionRecorded(clock.instant(), 13, 10, 0.5)), only(PositionRecorded.class, due));

        assertTrue(only(
                        PositionRecorded.class,
                        observeAfter(
                                Duration.ofSeconds(2),
                                telemetry().position(14, 10).frame()))
                .isEmpty());
        assertEquals(
                new Position(13, 10, 0.5, clock.instant().minusSeconds(2)),
                larsson.getState().presence().lastPosition());
    }

    // ---- idleness, with a grace period against blips ----

    static final Duration TICK = Duration.ofSeconds(30);

    PluginFrame idle() {
        return telemetry().vtState("Idle").frame();
    }

    PluginFrame active() {
        return telemetry().vtState("Combat").frame();
    }

    /** Sends the same frame every tick for {@code span}; returns the idleness events seen. */
    List<CharacterEvent> keepSending(PluginFrame frame, Duration span) {
        List<CharacterEvent> seen = new ArrayList<>();
        for (Duration t = Duration.ZERO; t.compareTo(span) < 0; t = t.plus(TICK)) {
            seen.addAll(idleness(observeAfter(TICK, frame)));
        }
        return seen;
    }

    @Test
    void continuousIdleForTheGracePeriodMeansIdle() {
        observe(active());
        Instant idleFrom = clock.advance(TICK);
        assertTrue(idleness(observe(idle())).isEmpty());
        assertTrue(keepSending(idle(), Duration.ofMinutes(4).plusSeconds(30)).isEmpty(), "still within grace");

        var r = observeAfter(TICK, idle());

        assertEquals(List.of(new WentIdle(clock.instant(), idleFrom)), idleness(r));
        assertEquals(Duration.ofMinutes(5), Duration.between(idleFrom, clock.instant()));
        assertTrue(r.state().idleness().idle());
        assertEquals(idleFrom, r.state().idleness().since());
        assertTrue(keepSending(idle(), Duration.ofMinutes(3)).isEmpty(), "idle is journaled once");
    }

    @Test
    void anIdleBlipShorterThanTheGracePeriodIsNothing() {
        observe(active());
        assertTrue(keepSending(idle(), Duration.ofMinutes(4)).isEmpty());
        var blipEnds = observeAfter(TICK, active());
        assertTrue(only(WentIdle.class, blipEnds).isEmpty());
        assertTrue(only(CharacterEvent.AlertRaised.class, blipEnds).isEmpty());
        assertNull(blipEnds.state().alerting().idleCandidateSince(), "the idle clock stops");
        // The grace period starts over: four more idle minutes are still not enough.
        assertTrue(keepSending(idle(), Duration.ofMinutes(4)).isEmpty());
        assertFalse(larsson.getState().idleness().idle());
    }

    @Test
    void activityAfterIdleMeansActiveAgain() {
        observe(active());
        keepSending(idle(), Duration.ofMinutes(6));
        assertTrue(larsson.getState().idleness().idle());

        var r = observeAfter(TICK, active());

        assertEquals(List.of(new BecameActive(clock.instant())), idleness(r));
        assertFalse(r.state().idleness().idle());
        assertNull(r.state().idleness().since());
    }

    // ---- deaths: vitae going from 0 to above 0 ----

    @Test
    void vitaeGoingFromZeroToAboveZeroIsADeath() {
        observe(vitae(0));
        var r = observeAfter(Duration.ofSeconds(3), vitae(5));
        assertEquals(List.of(new Died(clock.instant(), 5)), only(Died.class, r));
        assertEquals(
                List.of("death"),
                only(CharacterEvent.AlertRaised.class, r).stream()
                        .map(CharacterEvent.AlertRaised::kind)
                        .toList());
        assertEquals(1, r.state().observedDeaths().count());
        assertEquals(clock.instant(), r.state().observedDeaths().lastAt());
    }

    @Test
    void vitaeWithoutAKnownPreviousValueIsNoDeath() {
        assertTrue(only(Died.class, observe(vitae(5))).isEmpty(), "first vitals after (re)start");
        assertEquals(0, larsson.getState().observedDeaths().count());
    }

    @Test
    void vitaeAfterVitalsThatOmittedItIsNoDeath() {
        observe(vitalsWithoutVitae());
        assertTrue(
                only(Died.class, observeAfter(Duration.ofSeconds(3), vitae(5))).isEmpty());
    }

    @Test
    void vitaeStayingAboveZeroOrAtZeroIsNoDeath() {
        observe(vitae(5));
        assertTrue(observeAfter(Duration.ofSeconds(3), vitae(10)).hasNoEvents());
        observe(vitae(0));
        assertTrue(observeAfter(Duration.ofSeconds(3), vitae(0)).hasNoEvents());
    }

    // ---- going offline ----

    @Test
    void theSpeakingSessionClosingRecordsTheLastPositionAndGoesOffline() {
        observe(telemetry().position(10, 10).frame());
        observeAfter(
                Duration.ofSeconds(20), telemetry().position(-12.5, 88.1).z(0.5).frame());
        Instant closedAt = clock.advance(Duration.ofSeconds(5));

        var r = larsson.runCommand(new SessionClosed(SESSION));

        assertEquals(List.of(new PositionRecorded(closedAt, -12.5, 88.1, 0.5), new WentOffline(closedAt)), r.events());
        assertFalse(r.state().presence().online());
        assertNull(r.state().presence().sessionId());
        assertEquals(
                new Position(-12.5, 88.1, 0.5, closedAt), r.state().presence().lastPosition());
    }

    @Test
    void withoutTelemetryOnlyTheGoingOfflineIsJournaled() {
        observe(vitae(5));
        var r = larsson.runCommand(new SessionClosed(SESSION));
        assertEquals(List.of(new WentOffline(clock.instant())), r.events());
    }

    @Test
    void anotherSessionClosingChangesNothing() {
        observe(telemetry().frame());
        var r = larsson.runCommand(new SessionClosed(OTHER_SESSION));
        assertTrue(r.hasNoEvents());
        assertTrue(r.state().presence().online());
        assertEquals(SESSION, r.state().presence().sessionId());
    }

    @Test
    void closingWhenAlreadyOfflineChangesNothing() {
        assertTrue(larsson.runCommand(new SessionClosed(SESSION)).hasNoEvents());
    }

    @Test
    void theNextFrameAfterGoingOfflineBringsItBackAndRecordsThePositionAgain() {
        observe(telemetry().frame());
        larsson.runCommand(new SessionClosed(SESSION));
        var r = observeAfter(Duration.ofSeconds(10), telemetry().position(1, 2).frame());
        assertEquals(
                2,
                only(CameOnline.class, r).size()
                        + only(PositionRecorded.class, r).size());
    }

    // ---- what is held in memory ----

    @Test
    void afterARestartTheDurableStateIsReplayedAndTheMemoryIsEmpty() {
        // The vitae penalty is durable: no penalty before the restart, one after, is a death.
        observe(telemetry().kills(2000).position(20, -40).frame());
        observe(vitae(0));

        CharacterState replayed = larsson.restart().state();

        assertTrue(replayed.presence().online());
        assertEquals(2000, replayed.sessionCounters().kills());
        assertEquals(
                new Position(20, -40, 12.01, ManualClock.START),
                replayed.presence().lastPosition());
        assertEquals(
                1,
                only(Died.class, observeAfter(Duration.ofSeconds(3), vitae(5))).size());
        // So is the last position: going offline now has no position to record.
        assertEquals(
                List.of(new WentOffline(clock.instant())),
                larsson.runCommand(new SessionClosed(SESSION)).events());
    }

    @Test
    void afterARestartTheFirstTelemetryIsACheckpointAgain() {
        observe(telemetry().position(20, -40).frame());
        larsson.restart();
        var r = observeAfter(
                Duration.ofSeconds(2), telemetry().position(21, -40).frame());
        assertEquals(1, only(PositionRecorded.class, r).size());
    }

    @Test
    void journalingIsTimed() {
        observe(telemetry().frame());
        observe(vitae(5));
        observe(vitae(5));
        String rendered = metrics.render();
        // Coming online, then the vitae penalty becoming known; the repeated vitals journal nothing.
        assertTrue(rendered.contains("overlord_journal_persist_seconds_count 2\n"), rendered);
    }

    // ---- lifetime counters: per-session counts summed over sessions ----

    static PluginFrame counters(String pluginSession, long kills, long deaths) {
        return telemetry()
                .set("session_id", pluginSession)
                .kills(kills)
                .set("deaths", deaths)
                .frame();
    }

    LifetimeCountersChanged lifetime(CommandResult<?, CharacterEvent, ?> r) {
        List<LifetimeCountersChanged> changed = only(LifetimeCountersChanged.class, r);
        assertEquals(1, changed.size(), r.events().toString());
        return changed.getFirst();
    }

    @Test
    void lifetimeKillsAndDeathsAreEachSessionsHighestSummedOverSessions() {
        assertEquals(
                new LifetimeCountersChanged(clock.instant(), "A", 10, 1, 10, 1, 318),
                lifetime(observe(counters("A", 10, 1))));
        assertEquals(
                new LifetimeCountersChanged(clock.instant(), "A", 15, 1, 15, 1, 318),
                lifetime(observe(counters("A", 15, 1))));

        // A new plugin session counts from zero again: its kills add to the lifetime.
        assertEquals(
                new LifetimeCountersChanged(clock.instant(), "B", 3, 0, 18, 1, 318),
                lifetime(observe(counters("B", 3, 0))));
        assertEquals(
                new LifetimeCountersChanged(clock.instant(), "B", 7, 2, 22, 3, 318),
                lifetime(observe(counters("B", 7, 2))));

        CharacterState.Lifetime lifetime = larsson.getState().lifetime();
        assertEquals(22, lifetime.kills());
        assertEquals(3, lifetime.deaths());
    }

    @Test
    void aRepeatedOrLowerCountAddsNothing() {
        observe(counters("A", 10, 1));
        assertTrue(only(LifetimeCountersChanged.class, observeAfter(Duration.ofSeconds(2), counters("A", 10, 1)))
                .isEmpty());
        assertTrue(only(LifetimeCountersChanged.class, observeAfter(Duration.ofSeconds(2), counters("A", 8, 0)))
                .isEmpty());
        // Back to the old session after another: only what exceeds its own highest counts.
        observe(counters("B", 5, 0));
        assertEquals(
                new LifetimeCountersChanged(clock.instant(), "A", 12, 1, 17, 1, 318),
                lifetime(observe(counters("A", 12, 1))));
    }

    @Test
    void tapersAreTheLatestCount() {
        observe(counters("A", 10, 1));
        var r = observeAfter(
                Duration.ofSeconds(2),
                telemetry()
                        .set("session_id", "A")
                        .kills(10)
                        .set("deaths", 1)
                        .tapers(250)
                        .frame());
        assertEquals(new LifetimeCountersChanged(clock.instant(), "A", 10, 1, 10, 1, 250), lifetime(r));
    }

    @Test
    void telemetryWithoutASessionIdCountsInTheConnectionsSession() {
        var r = observe(
                telemetry().without("session_id").kills(4).set("deaths", 0).frame());
        assertEquals(new LifetimeCountersChanged(clock.instant(), SESSION, 4, 0, 4, 0, 318), lifetime(r));
    }

    @Test
    void afterARestartTheSessionMaximaAreStillKnown() {
        observe(counters("A", 10, 1));
        larsson.restart();
        assertTrue(only(LifetimeCountersChanged.class, observe(counters("A", 10, 1)))
                .isEmpty());
        assertEquals(11, lifetime(observe(counters("A", 11, 1))).kills());
    }

    // ---- stats, cantrips and quests: journaled when they change ----

    static SampleFrames.Builder sample(String type) {
        return SampleFrames.of(type).name("Larsson");
    }

    static String withoutTimestamp(SampleFrames.Builder frame) {
        ObjectNode json = frame.json();
        json.remove("timestamp");
        return json.toString();
    }

    @Test
    void characterStatsAreJournaledWhenTheyChange() {
        var first = sample("character_stats");
        assertEquals(
                List.of(new CharacterStatsUpdated(clock.instant(), withoutTimestamp(first))),
                only(CharacterStatsUpdated.class, observe(first.frame())));

        var resent = sample("character_stats").at(clock.advance(Duration.ofMinutes(10)));
        assertTrue(observe(resent.frame()).hasNoEvents(), "the same stats, sent again later");

        var levelled = sample("character_stats").set("level", 276);
        assertEquals(
                List.of(new CharacterStatsUpdated(clock.instant(), withoutTimestamp(levelled))),
                observe(levelled.frame()).events());
    }

    @Test
    void cantripsAreJournaledWhenTheyChange() {
        var first = sample("equipment_cantrip_state");
        assertEquals(
                List.of(new CantripsUpdated(clock.instant(), withoutTimestamp(first))),
                only(CantripsUpdated.class, observe(first.frame())));
        assertTrue(observe(sample("equipment_cantrip_state")
                        .at(clock.advance(Duration.ofMinutes(1)))
                        .frame())
                .hasNoEvents());
        var changed = sample("equipment_cantrip_state")
                .set("enchantments", SampleFrames.readJson("{\"a\":[]}").get("a"));
        assertEquals(1, only(CantripsUpdated.class, observe(changed.frame())).size());
    }

    @Test
    void questsAreJournaledWhenTheyChangeAlsoAfterARestart() {
        var first = sample("quest");
        assertEquals(
                List.of(new QuestsUpdated(clock.instant(), withoutTimestamp(first))),
                only(QuestsUpdated.class, observe(first.frame())));
        larsson.restart();
        assertTrue(only(
                        QuestsUpdated.class,
                        observe(sample("quest")
                                .at(clock.advance(Duration.ofMinutes(1)))
                                .frame()))
                .isEmpty());
        assertEquals(
                1,
                only(
                                QuestsUpdated.class,
                                observe(sample("quest")
                                        .set(
                                                "quests",
                                                SampleFrames.readJson("{\"q\":[]}")
                                                        .get("q"))
                                        .frame()))
                        .size());
    }

    // ---- combat snapshots: only a newer one per session ----

    static final Instant T0 = Instant.parse("2025-06-14T08:21:00Z");

    static PluginFrame combat(String pluginSession, Instant taken, long totalDamage) {
        ObjectNode offense = (ObjectNode) SampleFrames.json("combat_stats").get("offense");
        offense.put("total_damage", totalDamage);
        return sample("combat_stats")
                .set("session_id", pluginSession)
                .at(taken)
                .set("offense", offense)
                .frame();
    }

    static List<CombatSnapshotRecorded> snapshots(CommandResult<?, CharacterEvent, ?> r) {
        return only(CombatSnapshotRecorded.class, r);
    }

    @Test
    void aCombatSnapshotIsRecordedWithoutItsEnvelopeFields() {
        var r = observe(combat("A", T0, 100));
        CombatSnapshotRecorded e = snapshots(r).getFirst();
        assertEquals("A", e.sessionId());
        assertEquals(T0, e.snapshotTs());
        assertEquals(clock.instant(), e.at());
        ObjectNode snapshot = SampleFrames.readJson(e.snapshot());
        assertEquals(100, snapshot.path("offense").path("total_damage").asLong());
        assertEquals(
                412,
                snapshot.path("monsters").path("Olthoi Ripper").path("kills").asLong());
        for (String envelope : List.of("type", "character_name", "timestamp", "session_id")) {
            assertFalse(snapshot.has(envelope), envelope);
        }
    }

    @Test
    void repeatedAndOlderSnapshotsOfASessionAreNothing() {
        assertEquals(1, snapshots(observe(combat("A", T0, 100))).size());
        assertEquals(1, snapshots(observe(combat("A", T0.plusSeconds(60), 200))).size());

        assertTrue(observe(combat("A", T0.plusSeconds(60), 200)).hasNoEvents(), "repeated");
        assertTrue(observe(combat("A", T0.plusSeconds(60), 250)).hasNoEvents(), "same time, other content");
        assertTrue(observe(combat("A", T0.plusSeconds(30), 150)).hasNoEvents(), "arrived out of order");

        var newer = snapshots(observe(combat("A", T0.plusSeconds(120), 300)));
        assertEquals(T0.plusSeconds(120), newer.getFirst().snapshotTs());
    }

    @Test
    void eachSessionHasItsOwnLatestSnapshot() {
        observe(combat("A", T0.plusSeconds(60), 100));
        // Older than A's latest, but B's first.
        assertEquals("B", snapshots(observe(combat("B", T0, 10))).getFirst().sessionId());
        larsson.restart();
        assertTrue(observe(combat("B", T0, 10)).hasNoEvents(), "still known after a restart");
        assertTrue(observe(combat("A", T0.plusSeconds(60), 100)).hasNoEvents());
    }

    // ---- rares and portals ----

    @Test
    void everyRareFrameIsARareFound() {
        var rare = sample("rare").set("session_id", "A");
        PluginFrame frame = rare.frame();
        var r = observe(frame);
        assertEquals(
                List.of(new RareFound(
                        clock.instant(),
                        "Pearl of Spirit Drinking",
                        "A",
                        53.9,
                        -31.3,
                        12.0,
                        frame.envelope().json().toString())),
                only(RareFound.class, r));
        assertEquals(1, only(RareFound.class, observe(rare.frame())).size(), "the same rare again is another rare");
        assertEquals(2, larsson.getState().lifetime().rares());
    }

    @Test
    void aRareWithoutPlaceOrSessionHasNullsAndTheConnectionsSession() {
        var r = observe(
                sample("rare").without("ew").without("ns").set("z", "high").frame());
        RareFound e = only(RareFound.class, r).getFirst();
        assertEquals(SESSION, e.sessionId());
        assertNull(e.ew());
        assertNull(e.ns());
        assertNull(e.z());
    }

    @Test
    void aPortalFrameIsAPortalSeenAndOneWithoutPlaceIsNothing() {
        assertEquals(
                List.of(new PortalSeen(clock.instant(), "Portal to Hebian-To", 38.9, -83.6, 0.005)),
                only(PortalSeen.class, observe(sample("portal").frame())));
        assertTrue(observe(sample("portal").without("ns").frame()).hasNoEvents());
    }

    @Test
    void eventsAreTaggedIntoAFixedNumberOfSlices() {
        String tag = CharacterEntity.tagFor("Larsson");
        assertTrue(tag.matches("character-[0-" + (CharacterEntity.TAG_SLICES - 1) + "]"), tag);
        assertEquals(tag, CharacterEntity.tagFor("Larsson"));
    }

    @Test
    void aSessionAskingForProgressIsToldOnceTheFramesEventsAreJournaled() {
        var first = larsson.<CharacterEntity.Observed>runCommand(replyTo -> new Observe(vitae(0), SESSION, replyTo));
        assertEquals(new CharacterEntity.Observed("Larsson", 1), first.reply());
        assertFalse(first.events().isEmpty(), "the first frame brings the character online");

        var nothingNew =
                larsson.<CharacterEntity.Observed>runCommand(replyTo -> new Observe(vitae(0), SESSION, replyTo));
        assertTrue(nothingNew.events().isEmpty());
        assertEquals(new CharacterEntity.Observed("Larsson", 1), nothingNew.reply(), "answered even without events");
    }

    @Test
    void framesObservedTogetherMakeTheEventsTheyWouldOneByOneInOneWrite() {
        List<PluginFrame> frames = List.of(
                telemetry().kills(5).frame(),
                vitae(0),
                telemetry().kills(7).frame(),
                vitae(0),
                vitae(3),
                telemetry().kills(7).frame(),
                sample("rare").frame(),
                telemetry().kills(9).frame());
        List<CharacterEvent> oneByOne = new ArrayList<>();
        for (PluginFrame f : frames) oneByOne.addAll(observe(f).events());

        var twin = EventSourcedBehaviorTestKit.<Command, CharacterEvent, CharacterState>create(
                testKit.system(), CharacterEntity.create("Twin", SETTINGS, clock, metrics), SERIALIZATION);
        var together = twin.<CharacterEntity.Observed>runCommand(replyTo -> new Observe(frames, SESSION, replyTo));

        assertEquals(new CharacterEntity.Observed("Twin", frames.size()), together.reply());
        assertEquals(oneByOne, together.events().stream().map(e -> asLarsson(e)).toList());
        assertEquals(1, only(Died.class, together).size(), "vitae 0 then 3 within the group is a death");
        CharacterState a = larsson.getState();
        CharacterState b = together.state();
        assertEquals(9, b.sessionCounters().kills());
        assertEquals(a.sessionCounters().kills(), b.sessionCounters().kills());
        assertEquals(a.observedDeaths().count(), b.observedDeaths().count());
        assertEquals(a.lifetime(), b.lifetime());
        assertEquals(a.documents(), b.documents());
        // The whole group is one atomic write: a restart sees all of it.
        twin.restart();
        assertEquals(b.lifetime(), twin.getState().lifetime());
    }

    @Test
    void anEmptyGroupIsRefused() {
        var probe = testKit.<CharacterEntity.Observed>createTestProbe();
        assertThrows(IllegalArgumentException.class, () -> new Observe(List.<PluginFrame>of(), SESSION, probe.ref()));
    }

    @Test
    void anObserveWithoutSomeoneToAnswerIsRefused() {
        assertThrows(NullPointerException.class, () -> new Observe(vitae(5), SESSION, null));
    }

    /** Twin's event as Larsson's: alerts name their character, everything else is the same. */
    static CharacterEvent asLarsson(CharacterEvent e) {
        if (!(e instanceof CharacterEvent.AlertRaised a)) return e;
        String message = a.message().replace("Twin", "Larsson");
        return new CharacterEvent.AlertRaised(
                a.at(),
                CharacterEvent.AlertRaised.idOf("Larsson", a.kind(), a.rule(), a.at(), message),
                a.kind(),
                a.rule(),
                a.severity(),
                a.title().replace("Twin", "Larsson"),
                message,
                a.fields(),
                a.targets());
    }

    // ---- alerts: death and idle with a controllable clock, across restarts ----

    @Test
    void aDeathAlertAtMostOncePerCooldownEvenAcrossARestart() {
        observe(vitae(0));
        var first = observeAfter(Duration.ofSeconds(3), vitae(5));
        assertEquals(1, only(CharacterEvent.AlertRaised.class, first).size());
        observeAfter(Duration.ofSeconds(30), vitae(0));
        larsson.restart();
        var second = observeAfter(Duration.ofMinutes(2), vitae(5));
        assertEquals(1, only(Died.class, second).size(), "the death is journaled");
        assertTrue(only(CharacterEvent.AlertRaised.class, second).isEmpty(), "within five minutes: no alert");
        observeAfter(Duration.ofSeconds(30), vitae(0));
        var third = observeAfter(Duration.ofMinutes(3), vitae(5));
        assertEquals(1, only(CharacterEvent.AlertRaised.class, third).size(), "past five minutes: an alert");
    }

    @Test
    void theIdleClockSurvivesARestartOfTheEntity() {
        observe(active());
        Instant idleFrom = clock.advance(TICK);
        observe(idle());
        keepSending(idle(), Duration.ofMinutes(3));
        larsson.restart();
        assertEquals(idleFrom, larsson.getState().alerting().idleCandidateSince(), "the clock is a journaled fact");
        List<CharacterEvent> more = new ArrayList<>();
        for (Duration t = Duration.ZERO; t.compareTo(Duration.ofMinutes(2)) <= 0; t = t.plus(TICK)) {
            more.addAll(only(CharacterEvent.AlertRaised.class, observeAfter(TICK, idle())));
        }
        assertEquals(1, more.size(), "one idle alert, five minutes after the spell began, not after the restart");
        CharacterEvent.AlertRaised alert = (CharacterEvent.AlertRaised) more.get(0);
        assertEquals("idle", alert.kind());
        assertEquals(idleFrom.toString(), alert.fields().get("idle_since"));
        assertTrue(Duration.between(idleFrom, alert.at()).compareTo(Duration.ofMinutes(5)) >= 0);
        assertTrue(Duration.between(idleFrom, alert.at())
                        .compareTo(Duration.ofMinutes(5).plus(TICK))
                <= 0);
    }

    @Test
    void theFeedHearsOfEachAlertOnceJournaledAndOfTheIdleSpellEnding() {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        AlertFeed feed = new AlertFeed() {
            @Override
            public void raised(String characterName, CharacterEvent.AlertRaised alert) {
                heard.add("raised " + characterName + " " + alert.kind());
            }

            @Override
            public void cleared(String characterName, String kind, Instant at) {
                heard.add("cleared " + characterName + " " + kind);
            }
        };
        var heeded = EventSourcedBehaviorTestKit.<Command, CharacterEvent, CharacterState>create(
                testKit.system(), CharacterEntity.create("Larsson", SETTINGS, clock, metrics, feed), SERIALIZATION);
        heeded.clear();
        java.util.function.Consumer<PluginFrame> send =
                f -> heeded.<CharacterEntity.Observed>runCommand(replyTo -> new Observe(f, SESSION, replyTo));
        send.accept(vitae(0));
        clock.advance(TICK);
        send.accept(vitae(5));
        for (Duration t = Duration.ZERO; t.compareTo(Duration.ofMinutes(5).plus(TICK)) <= 0; t = t.plus(TICK)) {
            clock.advance(TICK);
            send.accept(idle());
        }
        clock.advance(TICK);
        send.accept(active());
        assertEquals(List.of("raised Larsson death", "raised Larsson idle", "cleared Larsson idle"), heard);
    }
}
