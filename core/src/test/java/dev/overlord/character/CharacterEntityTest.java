package dev.overlord.character;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.character.CharacterEntity.Command;
import dev.overlord.character.CharacterEntity.GetView;
import dev.overlord.character.CharacterEntity.Observe;
import dev.overlord.character.CharacterEntity.SessionClosed;
import dev.overlord.character.CharacterEvent.BecameActive;
import dev.overlord.character.CharacterEvent.CameOnline;
import dev.overlord.character.CharacterEvent.CountersChanged;
import dev.overlord.character.CharacterEvent.Died;
import dev.overlord.character.CharacterEvent.PositionRecorded;
import dev.overlord.character.CharacterEvent.WentIdle;
import dev.overlord.character.CharacterEvent.WentOffline;
import dev.overlord.character.CharacterState.Position;
import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.testing.ManualClock;
import dev.overlord.testing.SampleFrames;
import java.time.Duration;
import java.time.Instant;
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
  public final ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(CONFIG).build();

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

  ManualClock clock;
  Metrics metrics;
  EventSourcedBehaviorTestKit<Command, CharacterEvent, CharacterState> larsson;

  @BeforeEach
  void spawnLarsson() {
    clock = new ManualClock();
    metrics = new Metrics();
    larsson =
        EventSourcedBehaviorTestKit.create(
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
    return larsson.runCommand(new Observe(frame, SESSION));
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
    assertEquals(List.of(new CameOnline(ManualClock.START, SESSION)), r.events());
    assertTrue(r.state().online());
    assertEquals(SESSION, r.state().sessionId());
  }

  @Test
  void theFirstTelemetryAlsoRecordsCountersAndPosition() {
    var r = observe(telemetry().position(53.8, -31.4).z(12.0).frame());
    Instant now = ManualClock.START;
    assertEquals(
        List.of(
            new CameOnline(now, SESSION),
            new CountersChanged(now, 1184, 57, 318),
            new PositionRecorded(now, 53.8, -31.4, 12.0)),
        r.events());
    assertEquals(new Position(53.8, -31.4, 12.0, now), r.state().lastPosition());
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
    var r = larsson.runCommand(new Observe(vitae(5), OTHER_SESSION));
    assertEquals(List.of(new CameOnline(later, OTHER_SESSION)), r.events());
    assertEquals(OTHER_SESSION, r.state().sessionId());
  }

  // ---- counters: journaled when they change ----

  @Test
  void changedCountersAreJournaled() {
    observe(telemetry().frame());
    var r = observeAfter(Duration.ofSeconds(2), telemetry().kills(1185).tapers(317).frame());
    assertEquals(
        List.of(new CountersChanged(clock.instant(), 1185, 57, 317)), r.events());
    assertEquals(1185, r.state().kills());
    assertEquals(317, r.state().tapers());
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
    var frame =
        telemetry().without("kills").without("deaths").without("total_deaths")
            .without("prismatic_taper_count").frame();
    assertTrue(observeAfter(Duration.ofSeconds(2), frame).hasNoEvents());
    assertEquals(1184, larsson.getState().kills());
  }

  @Test
  void totalDeathsWinsAndSessionDeathsServeOnlyWithoutIt() {
    observe(telemetry().frame());
    var withTotal = telemetry().set("deaths", 3).totalDeaths(60).frame();
    assertEquals(60, only(CountersChanged.class, observeAfter(Duration.ofSeconds(2), withTotal)).getFirst().deaths());

    var withoutTotal = telemetry().set("deaths", 3).without("total_deaths").frame();
    assertEquals(3, only(CountersChanged.class, observeAfter(Duration.ofSeconds(2), withoutTotal)).getFirst().deaths());
  }

  // ---- position checkpoints ----

  @Test
  void positionIsJournaledAtMostOncePerInterval() {
    assertEquals(1, only(PositionRecorded.class, observe(telemetry().position(10, 10).frame())).size());

    assertTrue(only(PositionRecorded.class, observeAfter(Duration.ofSeconds(30), telemetry().position(11, 10).frame())).isEmpty());
    assertTrue(only(PositionRecorded.class, observeAfter(Duration.ofSeconds(29), telemetry().position(12, 10).frame())).isEmpty());

    var due = observeAfter(Duration.ofSeconds(1), telemetry().position(13, 10).z(0.5).frame());
    assertEquals(List.of(new PositionRecorded(clock.instant(), 13, 10, 0.5)), only(PositionRecorded.class, due));

    assertTrue(only(PositionRecorded.class, observeAfter(Duration.ofSeconds(2), telemetry().position(14, 10).frame())).isEmpty());
    assertEquals(new Position(13, 10, 0.5, clock.instant().minusSeconds(2)), larsson.getState().lastPosition());
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
    List<CharacterEvent> seen = new java.util.ArrayList<>();
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
    assertTrue(r.state().idle());
    assertEquals(idleFrom, r.state().idleSince());
    assertTrue(keepSending(idle(), Duration.ofMinutes(3)).isEmpty(), "idle is journaled once");
  }

  @Test
  void anIdleBlipShorterThanTheGracePeriodIsNothing() {
    observe(active());
    assertTrue(keepSending(idle(), Duration.ofMinutes(4)).isEmpty());
    assertTrue(idleness(observeAfter(TICK, active())).isEmpty());
    // The grace period starts over: four more idle minutes are still not enough.
    assertTrue(keepSending(idle(), Duration.ofMinutes(4)).isEmpty());
    assertFalse(larsson.getState().idle());
  }

  @Test
  void activityAfterIdleMeansActiveAgain() {
    observe(active());
    keepSending(idle(), Duration.ofMinutes(6));
    assertTrue(larsson.getState().idle());

    var r = observeAfter(TICK, active());

    assertEquals(List.of(new BecameActive(clock.instant())), idleness(r));
    assertFalse(r.state().idle());
    assertNull(r.state().idleSince());
  }

  // ---- deaths: vitae going from 0 to above 0 ----

  @Test
  void vitaeGoingFromZeroToAboveZeroIsADeath() {
    observe(vitae(0));
    var r = observeAfter(Duration.ofSeconds(3), vitae(5));
    assertEquals(List.of(new Died(clock.instant(), 5)), r.events());
    assertEquals(1, r.state().deathsObserved());
    assertEquals(clock.instant(), r.state().lastDeathAt());
  }

  @Test
  void vitaeWithoutAKnownPreviousValueIsNoDeath() {
    assertTrue(only(Died.class, observe(vitae(5))).isEmpty(), "first vitals after (re)start");
    assertEquals(0, larsson.getState().deathsObserved());
  }

  @Test
  void vitaeAfterVitalsThatOmittedItIsNoDeath() {
    observe(vitalsWithoutVitae());
    assertTrue(observeAfter(Duration.ofSeconds(3), vitae(5)).hasNoEvents());
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
    observeAfter(Duration.ofSeconds(20), telemetry().position(-12.5, 88.1).z(0.5).frame());
    Instant closedAt = clock.advance(Duration.ofSeconds(5));

    var r = larsson.runCommand(new SessionClosed(SESSION));

    assertEquals(
        List.of(new PositionRecorded(closedAt, -12.5, 88.1, 0.5), new WentOffline(closedAt)),
        r.events());
    assertFalse(r.state().online());
    assertNull(r.state().sessionId());
    assertEquals(new Position(-12.5, 88.1, 0.5, closedAt), r.state().lastPosition());
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
    assertTrue(r.state().online());
    assertEquals(SESSION, r.state().sessionId());
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
    assertEquals(2, only(CameOnline.class, r).size() + only(PositionRecorded.class, r).size());
  }

  // ---- what is held in memory ----

  @Test
  void getViewReturnsTheVitalsAndTelemetryHeldInMemory() {
    PluginFrame vitals = vitae(5);
    PluginFrame.Telemetry t = telemetry().position(20, -40).frame(PluginFrame.Telemetry.class);
    observe(t);
    observe(vitals);

    CharacterEntity.View view = larsson.<CharacterEntity.View>runCommand(GetView::new).reply();

    assertSame(vitals, view.vitals());
    assertEquals(t.envelope().json(), view.lastTelemetry());
    assertEquals(larsson.getState(), view.state());
  }

  @Test
  void afterARestartTheDurableStateIsReplayedAndTheMemoryIsEmpty() {
    observe(telemetry().kills(2000).position(20, -40).frame());
    observe(vitae(5));

    CharacterState replayed = larsson.restart().state();
    CharacterEntity.View view = larsson.<CharacterEntity.View>runCommand(GetView::new).reply();

    assertTrue(replayed.online());
    assertEquals(2000, replayed.kills());
    assertEquals(new Position(20, -40, 12.01, ManualClock.START), replayed.lastPosition());
    assertNull(view.vitals());
    assertNull(view.lastTelemetry());
  }

  @Test
  void journalingIsTimed() {
    observe(telemetry().frame());
    observe(vitae(5));
    String rendered = metrics.render();
    assertTrue(rendered.contains("overlord_journal_persist_seconds_count 1\n"), rendered);
  }

  @Test
  void eventsAreTaggedIntoAFixedNumberOfSlices() {
    String tag = CharacterEntity.tagFor("Larsson");
    assertTrue(tag.matches("character-[0-" + (CharacterEntity.TAG_SLICES - 1) + "]"), tag);
    assertEquals(tag, CharacterEntity.tagFor("Larsson"));
  }
}
