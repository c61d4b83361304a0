package dev.overlord.character;

import dev.overlord.character.CharacterEntity.Command;
import dev.overlord.character.CharacterEntity.NotWritten;
import dev.overlord.character.CharacterEntity.Observe;
import dev.overlord.character.CharacterEntity.Observed;
import dev.overlord.character.CharacterEntity.SessionClosed;
import dev.overlord.character.CharacterEntity.TryJournalAgain;
import dev.overlord.character.CharacterEntity.Written;
import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.PluginFrame;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One character as Cluster Sharding holds it: frames go on to its journaling {@link CharacterEntity}
 * (a child), and when the journal fails (the child stops) the frames it could not journal are
 * kept here, with what arrives meanwhile, and written once a new child has recovered. While frames
 * are kept, sessions are answered at once, so plugins stream on through a database outage.
 * Telemetry, vitals, stats and combat snapshots are kept latest-only; other frames up to
 * {@link CharacterSettings.Backlog} bounds, beyond which they are dropped and counted.
 */
final class CharacterBacklog extends AbstractBehavior<Command> {
    /** Frames in one write; a long backlog drains in several. */
    private static final int DRAIN_BATCH = 256;

    /** A frame kept for the journal, or (frame null) a session that closed meanwhile. */
    private record Pending(PluginFrame frame, String sessionId) {}

    /** Frames sent to the journal, and who waits for them (nobody for kept frames: told already). */
    private record Batch(List<Pending> items, ActorRef<Observed> replyTo) {}

    /** Counters shared by every character, made once. */
    record BacklogMetrics(Metrics.Counter kept, Metrics.Counter dropped) {
        static BacklogMetrics from(Metrics m) {
            return new BacklogMetrics(
                    m.counter(
                            "overlord_character_backlog_kept_total",
                            "Frames a character kept because its journal was away or catching up"),
                    m.counter(
                            "overlord_character_backlog_dropped_total",
                            "Frames a character dropped because its backlog was full while the journal was away"));
        }
    }

    private final String name;
    private final CharacterSettings.Backlog bounds;
    private final Supplier<Behavior<Command>> journalBehavior;
    private final BacklogMetrics metrics;
    private final Deque<Pending> kept = new ArrayDeque<>();
    private final Map<Long, Batch> inFlight = new LinkedHashMap<>();
    private ActorRef<Command> journal; // null while the journal is away
    private long nextBatch;
    private int failures;
    private int journals;
    private int keptDiscrete;
    private long keptBytes;
    private long droppedHere;

    private CharacterBacklog(
            ActorContext<Command> ctx,
            String name,
            CharacterSettings.Backlog bounds,
            Supplier<Behavior<Command>> journalBehavior,
            BacklogMetrics metrics) {
        super(ctx);
        this.name = name;
        this.bounds = bounds;
        this.journalBehavior = journalBehavior;
        this.metrics = metrics;
        startJournal();
    }

    static Behavior<Command> create(
            String name,
            CharacterSettings.Backlog bounds,
            Supplier<Behavior<Command>> journalBehavior,
            BacklogMetrics metrics) {
        return Behaviors.setup(ctx -> new CharacterBacklog(ctx, name, bounds, journalBehavior, metrics));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Observe.class, this::onObserve)
                .onMessage(SessionClosed.class, this::onSessionClosed)
                .onMessage(Written.class, this::onWritten)
                .onMessage(NotWritten.class, this::onNotWritten)
                .onMessage(TryJournalAgain.class, m -> {
                    startJournal();
                    drain();
                    return this;
                })
                .onSignal(Terminated.class, this::onJournalStopped)
                .build();
    }

    private Behavior<Command> onObserve(Observe o) {
        if (journal != null && kept.isEmpty()) {
            send(o.frames().stream().map(f -> new Pending(f, o.sessionId())).toList(), o.replyTo());
        } else {
            for (PluginFrame f : o.frames()) keep(new Pending(f, o.sessionId()));
            o.replyTo().tell(new Observed(name, o.frames().size()));
        }
        return this;
    }

    private Behavior<Command> onSessionClosed(SessionClosed c) {
        if (journal != null && kept.isEmpty()) {
            journal.tell(c);
        } else {
            kept.addLast(new Pending(null, c.sessionId()));
        }
        return this;
    }

    private Behavior<Command> onWritten(Written w) {
        Batch b = inFlight.remove(w.batch());
        if (b == null) return this; // its journal stopped first: the frames were kept again
        if (failures > 0) {
            getContext().getLog().info("character {}: journal back after {} failed attempts", name, failures);
            failures = 0;
        }
        if (b.replyTo() != null) b.replyTo().tell(new Observed(name, b.items().size()));
        drain();
        return this;
    }

    private Behavior<Command> onNotWritten(NotWritten n) {
        // Unconfirmed in time: this journal is stopped, and its Terminated keeps the frames again.
        if (inFlight.containsKey(n.batch()) && journal != null) getContext().stop(journal);
        return this;
    }

    private Behavior<Command> onJournalStopped(Terminated t) {
        if (!t.getRef().equals(journal)) return this;
        journal = null;
        // Unconfirmed frames are kept again, in front of what came after them, and their sessions
        // are answered now: the frames are safe here.
        List<Batch> batches = new ArrayList<>(inFlight.values());
        inFlight.clear();
        for (int i = batches.size() - 1; i >= 0; i--) {
            List<Pending> items = batches.get(i).items();
            for (int j = items.size() - 1; j >= 0; j--) keepFirst(items.get(j));
        }
        for (Batch b : batches) {
            if (b.replyTo() != null)
                b.replyTo().tell(new Observed(name, b.items().size()));
        }
        failures++;
        Duration pause = backoff(failures);
        if (failures == 1 || failures % 10 == 0) {
            getContext()
                    .getLog()
                    .warn(
                            "character {}: journal unavailable ({} attempts: {}), {} frames kept, {} dropped; next try in {}",
                            name,
                            failures,
                            t instanceof ChildFailed f ? f.getCause().getMessage() : "stopped",
                            kept.size(),
                            droppedHere,
                            pause);
        }
        getContext().scheduleOnce(pause, getContext().getSelf(), new TryJournalAgain());
        return this;
    }

    private Duration backoff(int failures) {
        long min = bounds.retryMin().toMillis();
        long millis = min << Math.min(20, failures - 1);
        return Duration.ofMillis(Math.min(bounds.retryMax().toMillis(), Math.max(min, millis)));
    }

    private void startJournal() {
        journal = getContext().spawn(journalBehavior.get(), "journal-" + (++journals));
        getContext().watch(journal);
    }

    /** Writes kept frames, one batch at a time, in order; closed sessions are told as they come. */
    private void drain() {
        if (journal == null || !inFlight.isEmpty()) return;
        while (!kept.isEmpty() && kept.peekFirst().frame() == null) {
            journal.tell(new SessionClosed(takeFirst().sessionId()));
        }
        if (kept.isEmpty()) return;
        String session = kept.peekFirst().sessionId();
        List<Pending> run = new ArrayList<>();
        while (!kept.isEmpty()
                && run.size() < DRAIN_BATCH
                && kept.peekFirst().frame() != null
                && kept.peekFirst().sessionId().equals(session)) {
            run.add(takeFirst());
        }
        send(run, null);
    }

    private void send(List<Pending> items, ActorRef<Observed> replyTo) {
        long id = nextBatch++;
        inFlight.put(id, new Batch(items, replyTo));
        List<PluginFrame> frames = items.stream().map(Pending::frame).toList();
        String session = items.get(0).sessionId();
        getContext()
                .ask(
                        Observed.class,
                        journal,
                        bounds.writeTimeout(),
                        r -> new Observe(frames, session, r),
                        (ok, failure) -> failure == null ? new Written(id) : new NotWritten(id));
    }

    /** A frame that could not go to the journal now: kept within the bounds, latest-only where that is enough. */
    private void keep(Pending p) {
        String latest = latestOnly(p.frame());
        if (latest != null) {
            for (Iterator<Pending> it = kept.iterator(); it.hasNext(); ) {
                Pending old = it.next();
                if (old.frame() != null && latest.equals(latestOnly(old.frame()))) {
                    it.remove();
                    break;
                }
            }
        } else {
            long size = size(p.frame());
            if (keptDiscrete >= bounds.maxFrames() || keptBytes + size > bounds.maxBytes()) {
                metrics.dropped().inc();
                droppedHere++;
                if (droppedHere == 1 || droppedHere % 100 == 0) {
                    getContext()
                            .getLog()
                            .warn(
                                    "character {}: backlog full, dropped a {} frame [{} so far]",
                                    name,
                                    p.frame().type(),
                                    droppedHere);
                }
                return;
            }
            keptDiscrete++;
            keptBytes += size;
        }
        metrics.kept().inc();
        kept.addLast(p);
    }

    /** A frame sent but not confirmed goes back in front, beyond the bounds if need be: it was accepted. */
    private void keepFirst(Pending p) {
        if (latestOnly(p.frame()) == null) {
            keptDiscrete++;
            keptBytes += size(p.frame());
        }
        kept.addFirst(p);
    }

    private Pending takeFirst() {
        Pending p = kept.pollFirst();
        if (p.frame() != null && latestOnly(p.frame()) == null) {
            keptDiscrete--;
            keptBytes -= size(p.frame());
        }
        return p;
    }

    /** The key under which only the latest frame matters, or null for a discrete frame. */
    private static String latestOnly(PluginFrame f) {
        return switch (f) {
            case PluginFrame.Telemetry t -> "telemetry";
            case PluginFrame.Vitals v -> "vitals";
            case PluginFrame.CharacterStats s -> "character_stats";
            case PluginFrame.CombatStats c -> "combat_stats/" + c.sessionId();
            default -> null;
        };
    }

    private static long size(PluginFrame f) {
        String text = f.envelope().text();
        return text == null ? 0 : text.length();
    }
}
