package dev.overlord.character;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.FrameEnvelope;
import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.PluginFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * One character of the fleet, keyed by {@code character_name}: it journals the durable facts
 * (online, last position, counters, deaths, idleness, and what the history tables are filled from:
 * lifetime counters, stats, cantrips, quests, combat snapshots, rares, portals) and holds the
 * ephemeral ones (vitals, the last telemetry) in memory, rebuilt from the next frames.
 */
public final class CharacterEntity
    extends EventSourcedBehavior<CharacterEntity.Command, CharacterEvent, CharacterState> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "Character");

  /** Events are tagged into this many slices for the read-side projections. */
  public static final int TAG_SLICES = 4;

  /** What a character entity understands. */
  public sealed interface Command {}

  /**
   * Frames from the plugin session {@code sessionId} speaking for this character, in the order the
   * plugin sent them. Each frame is decided against the state its predecessors left, and all their
   * events are journaled in one atomic write: a session that has frames waiting while the previous
   * write is under way sends them together, so one journal round trip serves many frames.
   */
  public record Observe(List<PluginFrame> frames, String sessionId, ActorRef<Observed> replyTo)
      implements Command {
    public Observe {
      frames = List.copyOf(frames);
      if (frames.isEmpty()) throw new IllegalArgumentException("Observe needs at least one frame");
    }

    /** One frame. */
    public Observe(PluginFrame frame, String sessionId, ActorRef<Observed> replyTo) {
      this(List.of(frame), sessionId, replyTo);
    }

    /** One frame, without an answer: for callers that need no flow control. */
    public Observe(PluginFrame frame, String sessionId) {
      this(List.of(frame), sessionId, null);
    }
  }

  /**
   * The {@code frames} frames of one {@link Observe} are dealt with: their events (if any) are
   * journaled. Plugin sessions count these to keep at most a window of frames in flight, so a slow
   * journal slows the plugins instead of overflowing the entities' stashes.
   */
  public record Observed(String characterName, int frames) {}

  /** The plugin session closed; the character goes offline if that session spoke for it. */
  public record SessionClosed(String sessionId) implements Command {}

  /** Asks for the character's durable and ephemeral state. */
  public record GetView(ActorRef<View> replyTo) implements Command {}

  /** The durable state plus what is only held in memory. */
  public record View(CharacterState state, PluginFrame.Vitals vitals, ObjectNode lastTelemetry) {}

  /** Facts that are not journaled: they are rebuilt from the next frames after a restart. */
  private record Ephemeral(
      PluginFrame.Vitals vitals,
      ObjectNode lastTelemetry,
      Instant idleCandidateSince,
      Instant lastCheckpoint) {
    static final Ephemeral EMPTY = new Ephemeral(null, null, null, null);
  }

  private final String name;
  private final CharacterSettings settings;
  private final Clock clock;
  private final Metrics.Histogram journalLatency;
  // Replaced (never mutated) and touched only on this actor's thread.
  private Ephemeral ephemeral = Ephemeral.EMPTY;

  private CharacterEntity(
      String name, CharacterSettings settings, Clock clock, Metrics.Histogram journalLatency) {
    super(PersistenceId.of(ENTITY_KEY.name(), name));
    this.name = name;
    this.settings = settings;
    this.clock = clock;
    this.journalLatency = journalLatency;
  }

  /**
   * A fresh instance on every start, so the in-memory facts never outlive a restart (the instance
   * holds them in a field).
   */
  public static Behavior<Command> create(
      String name, CharacterSettings settings, Clock clock, Metrics metrics) {
    Metrics.Histogram latency = journalLatency(metrics);
    return Behaviors.setup(ctx -> new CharacterEntity(name, settings, clock, latency));
  }

  /** Registers the entity type with Cluster Sharding (a one-node cluster by default). */
  public static void init(
      ActorSystem<?> system, CharacterSettings settings, Clock clock, Metrics metrics) {
    Metrics.Histogram latency = journalLatency(metrics);
    ClusterSharding.get(system)
        .init(
            Entity.of(
                ENTITY_KEY,
                ctx -> new CharacterEntity(ctx.getEntityId(), settings, clock, latency)));
  }

  public static EntityRef<Command> ref(ActorSystem<?> system, String characterName) {
    return ClusterSharding.get(system).entityRefFor(ENTITY_KEY, characterName);
  }

  private static Metrics.Histogram journalLatency(Metrics metrics) {
    return metrics.histogram(
        "overlord_journal_persist_seconds",
        "Time from a frame reaching its character entity to its events being journaled",
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5);
  }

  @Override
  public CharacterState emptyState() {
    return CharacterState.empty(name);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }

  @Override
  public Set<String> tagsFor(CharacterEvent event) {
    return Set.of(tagFor(name));
  }

  /** The tag of a character's events: which of the {@link #TAG_SLICES} slices it falls in. */
  public static String tagFor(String characterName) {
    return tag(Math.floorMod(characterName.hashCode(), TAG_SLICES));
  }

  /** The tag of slice {@code slice}, from 0 to {@link #TAG_SLICES} - 1. */
  public static String tag(int slice) {
    return "character-" + slice;
  }

  @Override
  public CommandHandler<Command, CharacterEvent, CharacterState> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Observe.class, this::onObserve)
        .onCommand(SessionClosed.class, this::onSessionClosed)
        .onCommand(
            GetView.class,
            (state, cmd) -> {
              cmd.replyTo().tell(new View(state, ephemeral.vitals(), ephemeral.lastTelemetry()));
              return Effect().none();
            })
        .build();
  }

  @Override
  public EventHandler<CharacterState, CharacterEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(CharacterState::evolve);
  }

  private Effect<CharacterEvent, CharacterState> onObserve(CharacterState state, Observe cmd) {
    List<CharacterEvent> events = new ArrayList<>(2 * cmd.frames().size());
    CharacterState decided = state;
    for (PluginFrame frame : cmd.frames()) {
      int from = events.size();
      decide(decided, frame, cmd.sessionId(), events);
      // The next frame is decided against the state these events make, as if journaled one by one.
      for (int i = from; i < events.size(); i++) decided = decided.evolve(events.get(i));
    }
    EffectBuilder<CharacterEvent, CharacterState> effect = persist(events);
    ActorRef<Observed> replyTo = cmd.replyTo();
    int frames = cmd.frames().size();
    return replyTo == null ? effect : effect.thenRun(s -> replyTo.tell(new Observed(name, frames)));
  }

  private void decide(CharacterState state, PluginFrame frame, String sessionId, List<CharacterEvent> events) {
    Instant now = clock.instant();
    if (!state.presence().speaksFor(sessionId)) {
      events.add(new CharacterEvent.CameOnline(now, sessionId));
    }
    CharacterState.Lifetime history = state.lifetime();
    CharacterState.DocumentDigests documents = state.documents();
    switch (frame) {
      case PluginFrame.Telemetry t -> {
        decideTelemetry(state, t, now, events);
        decideLifetimeCounters(history, t, sessionId, now, events);
      }
      case PluginFrame.Vitals v -> decideVitals(v, now, events);
      case PluginFrame.CharacterStats f -> {
        String stats = document(f.envelope());
        if (changed(stats, documents.stats())) events.add(new CharacterEvent.CharacterStatsUpdated(now, stats));
      }
      case PluginFrame.EquipmentCantripState f -> {
        String cantrips = document(f.envelope());
        if (changed(cantrips, documents.cantrips())) events.add(new CharacterEvent.CantripsUpdated(now, cantrips));
      }
      case PluginFrame.Quest f -> {
        String quests = document(f.envelope());
        if (changed(quests, documents.quests())) events.add(new CharacterEvent.QuestsUpdated(now, quests));
      }
      case PluginFrame.CombatStats c -> decideCombatSnapshot(history, c, sessionId, now, events);
      case PluginFrame.Rare r -> {
        ObjectNode j = r.envelope().json();
        events.add(new CharacterEvent.RareFound(now, r.rareName(), pluginSession(j, sessionId),
            number(j, "ew"), number(j, "ns"), number(j, "z"), j.toString()));
      }
      case PluginFrame.Portal p -> {
        // A portal without a place cannot be put on the map.
        if (p.ew() != null && p.ns() != null) {
          events.add(new CharacterEvent.PortalSeen(now, p.portalName(), p.ew(), p.ns(), p.z()));
        }
      }
      default -> {}
    }
  }

  private void decideTelemetry(
      CharacterState state, PluginFrame.Telemetry t, Instant now, List<CharacterEvent> events) {
    CharacterState.SessionCounters c = state.sessionCounters();
    long kills = t.kills() == null ? c.kills() : t.kills();
    long deaths = t.totalDeaths() != null ? t.totalDeaths() : t.deaths() == null ? c.deaths() : t.deaths();
    long tapers = t.prismaticTapers() == null ? c.tapers() : t.prismaticTapers();
    if (kills != c.kills() || deaths != c.deaths() || tapers != c.tapers()) {
      events.add(new CharacterEvent.CountersChanged(now, kills, deaths, tapers));
    }
    Instant checkpoint = ephemeral.lastCheckpoint();
    if (checkpoint == null || !now.isBefore(checkpoint.plus(settings.positionCheckpointEvery()))) {
      events.add(new CharacterEvent.PositionRecorded(now, t.ew(), t.ns(), t.z()));
      checkpoint = now;
    }
    Instant idleSince = ephemeral.idleCandidateSince();
    if (t.idle()) {
      if (idleSince == null) idleSince = now;
      Duration idleFor = Duration.between(idleSince, now);
      if (!state.idleness().idle() && idleFor.compareTo(settings.idleAfter()) >= 0) {
        events.add(new CharacterEvent.WentIdle(now, idleSince));
      }
    } else {
      idleSince = null;
      if (state.idleness().idle()) events.add(new CharacterEvent.BecameActive(now));
    }
    ephemeral = new Ephemeral(ephemeral.vitals(), t.envelope().json(), idleSince, checkpoint);
  }

  /**
   * Telemetry counters count within one plugin session: lifetime totals add what each session
   * reported above its own highest value, so a repeated frame adds nothing and a new session
   * starts again from zero.
   */
  private static void decideLifetimeCounters(
      CharacterState.Lifetime history, PluginFrame.Telemetry t, String connection, Instant now,
      List<CharacterEvent> events) {
    String session = t.sessionId() == null || t.sessionId().isBlank() ? connection : t.sessionId();
    CharacterState.SessionMarks marks = history.session(session);
    long sessionKills = t.kills() == null ? marks.maxKills() : Math.max(marks.maxKills(), t.kills());
    long sessionDeaths = t.deaths() == null ? marks.maxDeaths() : Math.max(marks.maxDeaths(), t.deaths());
    long tapers = t.prismaticTapers() == null ? history.tapers() : t.prismaticTapers();
    long addedKills = sessionKills - marks.maxKills();
    long addedDeaths = sessionDeaths - marks.maxDeaths();
    if (addedKills > 0 || addedDeaths > 0 || tapers != history.tapers()) {
      events.add(new CharacterEvent.LifetimeCountersChanged(now, session, sessionKills, sessionDeaths,
          history.kills() + addedKills, history.deaths() + addedDeaths, tapers));
    }
  }

  /** Snapshots are cumulative per session: only one newer than the session's latest is news. */
  private static void decideCombatSnapshot(
      CharacterState.Lifetime history, PluginFrame.CombatStats c, String connection, Instant now,
      List<CharacterEvent> events) {
    String session = c.sessionId() == null || c.sessionId().isBlank() ? connection : c.sessionId();
    Instant taken = c.envelope().timestamp();
    Instant latest = history.session(session).lastCombatSnapshot();
    if (latest == null || taken.isAfter(latest)) {
      ObjectNode snapshot = c.envelope().json().deepCopy();
      snapshot.remove(List.of(FrameParser.TYPE, FrameParser.CHARACTER, FrameParser.TIMESTAMP,
          FrameParser.PLUGIN_SEQ, "session_id"));
      events.add(new CharacterEvent.CombatSnapshotRecorded(now, session, taken, snapshot.toString()));
    }
  }

  /** A frame's JSON without the fields that differ on every send, so a resend is recognised. */
  private static String document(FrameEnvelope envelope) {
    ObjectNode json = envelope.json().deepCopy();
    json.remove(List.of(FrameParser.TIMESTAMP, FrameParser.PLUGIN_SEQ));
    return json.toString();
  }

  private static boolean changed(String document, String lastDigest) {
    return !CharacterState.DocumentDigests.digest(document).equals(lastDigest);
  }

  /** The plugin's own session id when the frame carries one, else this connection's. */
  private static String pluginSession(ObjectNode json, String connection) {
    JsonNode id = json.get("session_id");
    return id != null && id.isValueNode() && !id.isNull() && !id.asText().isBlank() ? id.asText() : connection;
  }

  /** A number the plugin may send as a number or as numeric text; anything else is absent. */
  private static Double number(ObjectNode json, String field) {
    JsonNode n = json.get(field);
    if (n == null || n.isNull()) return null;
    double d;
    if (n.isNumber()) {
      d = n.doubleValue();
    } else if (n.isTextual()) {
      try {
        d = Double.parseDouble(n.textValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      return null;
    }
    return Double.isFinite(d) ? d : null;
  }

  private void decideVitals(PluginFrame.Vitals v, Instant now, List<CharacterEvent> events) {
    PluginFrame.Vitals previous = ephemeral.vitals();
    // Death shows as vitae going from 0 to above 0; an unknown previous value proves nothing.
    if (previous != null && previous.vitae() != null && previous.vitae() == 0
        && v.vitae() != null && v.vitae() > 0) {
      events.add(new CharacterEvent.Died(now, v.vitae()));
    }
    ephemeral = new Ephemeral(v, ephemeral.lastTelemetry(), ephemeral.idleCandidateSince(), ephemeral.lastCheckpoint());
  }

  private Effect<CharacterEvent, CharacterState> onSessionClosed(
      CharacterState state, SessionClosed cmd) {
    if (!state.presence().speaksFor(cmd.sessionId())) {
      return Effect().none();
    }
    List<CharacterEvent> events = new ArrayList<>(2);
    Instant now = clock.instant();
    ObjectNode last = ephemeral.lastTelemetry();
    if (last != null && last.hasNonNull("ew") && last.hasNonNull("ns")) {
      events.add(new CharacterEvent.PositionRecorded(
          now, last.get("ew").asDouble(), last.get("ns").asDouble(), last.path("z").asDouble()));
    }
    events.add(new CharacterEvent.WentOffline(now));
    ephemeral = new Ephemeral(ephemeral.vitals(), ephemeral.lastTelemetry(), null, null);
    return persist(events);
  }

  private EffectBuilder<CharacterEvent, CharacterState> persist(List<CharacterEvent> events) {
    if (events.isEmpty()) return Effect().none();
    long started = System.nanoTime();
    return Effect().persist(events).thenRun(s -> journalLatency.observeNanos(System.nanoTime() - started));
  }
}
