package dev.overlord.character;

import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.PluginFrame;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
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
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * One character of the fleet, keyed by {@code character_name}: it journals the durable facts
 * (online, last position, counters, deaths, idleness, and what the read side is filled from:
 * lifetime counters, stats, cantrips, quests, combat snapshots, rares, portals) and holds the
 * ephemeral ones (the last vitae, position and idle candidate) in memory, rebuilt from the next
 * frames. What to journal is decided by the pure {@link CharacterDecisions}; this class only runs
 * them, persists, and replies.
 */
public final class CharacterEntity
        extends EventSourcedBehaviorWithEnforcedReplies<CharacterEntity.Command, CharacterEvent, CharacterState> {

    public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Character");

    /** Events are tagged into this many slices for the read-side projections. */
    public static final int TAG_SLICES = 4;

    /** What a character entity understands. */
    public sealed interface Command {}

    /**
     * Frames from the plugin session {@code sessionId} speaking for this character, in the order the
     * plugin sent them. Each frame is decided against the state its predecessors left, all at the
     * instant the entity takes the command, and all their events are journaled in one atomic write:
     * a session that has frames waiting while the previous write is under way sends them together,
     * so one journal round trip serves many frames.
     *
     * @param replyTo told {@link Observed} once the frames' events are journaled
     */
    public record Observe(List<PluginFrame> frames, String sessionId, ActorRef<Observed> replyTo) implements Command {
        public Observe {
            frames = List.copyOf(frames);
            if (frames.isEmpty()) throw new IllegalArgumentException("Observe needs at least one frame");
            Objects.requireNonNull(replyTo, "replyTo");
        }

        /** One frame. */
        public Observe(PluginFrame frame, String sessionId, ActorRef<Observed> replyTo) {
            this(List.of(frame), sessionId, replyTo);
        }
    }

    /**
     * The {@code frames} frames of one {@link Observe} are dealt with: their events (if any) are
     * journaled. Plugin sessions count these to keep at most a window of frames in flight, so a slow
     * journal slows the plugins instead of overflowing the entities' stashes.
     */
    public record Observed(String characterName, int frames) {}

    /**
     * The plugin session closed; the character goes offline if that session spoke for it. Nobody is
     * answered: the session that sends it has stopped.
     */
    public record SessionClosed(String sessionId) implements Command {}

    /** {@link CharacterBacklog}'s own: its journaling child confirmed batch {@code batch}. */
    record Written(long batch) implements Command {}

    /** {@link CharacterBacklog}'s own: batch {@code batch} was not confirmed in time. */
    record NotWritten(long batch) implements Command {}

    /** {@link CharacterBacklog}'s own: time to start a journaling child again. */
    record TryJournalAgain() implements Command {}

    private final String name;
    private final CharacterSettings settings;
    private final CharacterDecisions decisions;
    private final Clock clock;
    private final Metrics.Histogram journalLatency;
    private final AlertFeed alertFeed;
    private final InventoryFeed inventoryFeed;
    // Replaced (never mutated) and touched only on this actor's thread.
    private Ephemeral ephemeral = Ephemeral.EMPTY;

    private CharacterEntity(
            String name,
            CharacterSettings settings,
            Clock clock,
            Metrics.Histogram journalLatency,
            Metrics.LabeledCounter inventoryIgnored,
            AlertFeed alertFeed,
            InventoryFeed inventoryFeed) {
        super(PersistenceId.of(ENTITY_KEY.name(), name));
        this.alertFeed = alertFeed;
        this.inventoryFeed = inventoryFeed;
        this.name = name;
        this.settings = settings;
        this.decisions = new CharacterDecisions(settings, inventoryIgnored);
        this.clock = clock;
        this.journalLatency = journalLatency;
    }

    /**
     * A fresh instance on every start, so the in-memory facts never outlive a restart (the instance
     * holds them in a field).
     */
    public static Behavior<Command> create(String name, CharacterSettings settings, Clock clock, Metrics metrics) {
        return create(name, settings, clock, metrics, AlertFeed.NONE);
    }

    /** As above, telling {@code alertFeed} of each alert once journaled. */
    public static Behavior<Command> create(
            String name, CharacterSettings settings, Clock clock, Metrics metrics, AlertFeed alertFeed) {
        return create(name, settings, clock, metrics, alertFeed, InventoryFeed.NONE);
    }

    /** As above, also telling {@code inventoryFeed} of each inventory change once journaled. */
    public static Behavior<Command> create(
            String name,
            CharacterSettings settings,
            Clock clock,
            Metrics metrics,
            AlertFeed alertFeed,
            InventoryFeed inventoryFeed) {
        Metrics.Histogram latency = journalLatency(metrics);
        Metrics.LabeledCounter ignored = InventoryDecisions.counter(metrics);
        return Behaviors.setup(
                ctx -> new CharacterEntity(name, settings, clock, latency, ignored, alertFeed, inventoryFeed));
    }

    /**
     * Registers the entity type with Cluster Sharding (a one-node cluster by default): each
     * character is a {@link CharacterBacklog} that journals through a child of this class and keeps
     * frames while the journal is away.
     */
    public static void init(ActorSystem<?> system, CharacterSettings settings, Clock clock, Metrics metrics) {
        init(system, settings, clock, metrics, AlertFeed.NONE);
    }

    /** As above, each character telling {@code alertFeed} of its alerts once journaled. */
    public static void init(
            ActorSystem<?> system, CharacterSettings settings, Clock clock, Metrics metrics, AlertFeed alertFeed) {
        init(system, settings, clock, metrics, alertFeed, InventoryFeed.NONE);
    }

    /** As above, each character also telling {@code inventoryFeed} of its inventory changes once journaled. */
    public static void init(
            ActorSystem<?> system,
            CharacterSettings settings,
            Clock clock,
            Metrics metrics,
            AlertFeed alertFeed,
            InventoryFeed inventoryFeed) {
        Metrics.Histogram latency = journalLatency(metrics);
        Metrics.LabeledCounter ignored = InventoryDecisions.counter(metrics);
        CharacterBacklog.BacklogMetrics backlogMetrics = CharacterBacklog.BacklogMetrics.from(metrics);
        ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> {
            String name = ctx.getEntityId();
            return CharacterBacklog.create(
                    name,
                    settings.backlog(),
                    () -> Behaviors.setup(c ->
                            new CharacterEntity(name, settings, clock, latency, ignored, alertFeed, inventoryFeed)),
                    backlogMetrics);
        }));
    }

    public static EntityRef<Command> ref(ActorSystem<?> system, String characterName) {
        return ClusterSharding.get(system).entityRefFor(ENTITY_KEY, characterName);
    }

    private static Metrics.Histogram journalLatency(Metrics metrics) {
        return metrics.histogram(
                "overlord_journal_persist_seconds",
                "Time from a frame reaching its character entity to its events being journaled",
                0.001,
                0.0025,
                0.005,
                0.01,
                0.025,
                0.05,
                0.1,
                0.25,
                0.5,
                1,
                2.5);
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
    public CommandHandlerWithReply<Command, CharacterEvent, CharacterState> commandHandler() {
        return newCommandHandlerWithReplyBuilder()
                .forAnyState()
                .onCommand(Observe.class, this::onObserve)
                .onCommand(SessionClosed.class, this::onSessionClosed)
                .build();
    }

    @Override
    public EventHandler<CharacterState, CharacterEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(CharacterState::evolve);
    }

    private ReplyEffect<CharacterEvent, CharacterState> onObserve(CharacterState state, Observe cmd) {
        Decision decision = decisions.decide(state, ephemeral, cmd.sessionId(), cmd.frames(), clock.instant());
        ephemeral = decision.ephemeral();
        int frames = cmd.frames().size();
        return persist(state, decision.events()).thenReply(cmd.replyTo(), s -> new Observed(name, frames));
    }

    private ReplyEffect<CharacterEvent, CharacterState> onSessionClosed(CharacterState state, SessionClosed cmd) {
        Decision decision = decisions.sessionClosed(state, ephemeral, cmd.sessionId(), clock.instant());
        ephemeral = decision.ephemeral();
        // The closing session has already stopped: nobody is left to hear an answer.
        return persist(state, decision.events()).thenNoReply();
    }

    private EffectBuilder<CharacterEvent, CharacterState> persist(CharacterState before, List<CharacterEvent> events) {
        if (events.isEmpty()) return Effect().none();
        long started = System.nanoTime();
        return Effect().persist(events).thenRun(s -> {
            journalLatency.observeNanos(System.nanoTime() - started);
            AlertFeed.tell(alertFeed, before, events);
            InventoryFeed.tell(inventoryFeed, before, events);
        });
    }
}
