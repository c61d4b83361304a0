package dev.overlord.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.FrameEnvelope;
import dev.overlord.protocol.FrameTypes;
import dev.overlord.protocol.PluginFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BackpressureTimeoutException;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.BufferOverflowException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;

/**
 * The live feed: frames from every plugin enter one stream, get a sequence number and their text
 * once, and the same text goes to every browser whose filter admits the type.
 *
 * <p>Publishers offer to a lock-free bounded queue and never wait: when the hub is saturated new
 * events are dropped and counted. Each subscriber reads through its own {@link ThinningBuffer}:
 * one that lags is told and thinned (each character's newest telemetry and vitals, every discrete
 * event in order), and cut off only when its discrete backlog outgrows a byte budget or it stops
 * reading altogether; the others never notice.
 */
public final class LiveHub {

    /** How often, and how many times, a new subscriber catches up again after joining. */
    private static final Duration JOIN_RECHECK = Duration.ofMillis(250);

    private static final int JOIN_RECHECKS = 8;

    private final LiveHubSettings settings;
    private final Logger log;
    private final Clock clock;
    private final BoundedSourceQueue<PluginFrame> queue;
    private final Source<LiveEvent, NotUsed> broadcast;
    private final ReplayBuffer replay;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong subscribers = new AtomicLong();
    private final FleetState fleet;
    private final DungeonMaps dungeonMaps;
    // Characters of JSON offered to the queue and not yet stamped: the queue's byte budget.
    private final AtomicLong queuedChars = new AtomicLong();
    private final Metrics.Counter dropped;
    private final Metrics.Counter slowConsumers;
    private final Metrics.Counter thinnings;
    private final Metrics.Counter leftOut;
    private final AtomicLong thinned = new AtomicLong();
    private final ThinningBuffer.Listener thinning = new ThinningBuffer.Listener() {
        @Override
        public void started() {
            thinnings.inc();
            thinned.incrementAndGet();
        }

        @Override
        public void ended() {
            thinned.decrementAndGet();
        }

        @Override
        public void leftOut() {
            leftOut.inc();
        }
    };
    private final Metrics.Counter gaps;

    /** The live module: a hub, and the gauge of characters heard from within the online window. */
    public static LiveHub start(ActorSystem<?> system, LiveHubSettings settings, Metrics metrics, Clock clock) {
        LiveHub hub = new LiveHub(system, settings, metrics, clock);
        metrics.gauge(
                "overlord_characters_online",
                "Characters heard from within the online window",
                () -> hub.fleet()
                        .online(clock.instant(), settings.onlineWindow())
                        .size());
        return hub;
    }

    public LiveHub(ActorSystem<?> system, LiveHubSettings settings, Metrics metrics, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.log = system.log();
        this.replay = new ReplayBuffer(settings.replayBufferSize(), settings.replayBufferBytes());
        this.dungeonMaps = new DungeonMaps(settings.dungeonMapsKept(), settings.dungeonMapsBytes());
        this.fleet = new FleetState(settings.forgetOfflineAfter());
        this.dropped =
                metrics.counter("overlord_hub_dropped_total", "Events dropped because the live hub was saturated");
        this.slowConsumers = metrics.counter(
                "overlord_hub_slow_consumers_total", "Browsers disconnected for falling too far behind");
        this.thinnings = metrics.counter(
                "overlord_hub_thinnings_total", "Times a lagging browser began to be sent only the newest positions");
        this.leftOut = metrics.counter(
                "overlord_hub_thinned_events_total",
                "Telemetry and vitals left out of lagging browsers' feeds for a newer one of the same character");
        metrics.gauge("overlord_live_subscribers_thinned", "Live feed subscriptions being thinned now", thinned::get);
        this.gaps = metrics.counter("overlord_hub_gaps_total", "Reconnects whose missed events were no longer held");
        metrics.gauge("overlord_live_subscribers", "Open live feed subscriptions", subscribers::get);
        metrics.gauge("overlord_hub_sequence", "Sequence number of the newest live event", head::get);
        // Memory held by the hub's buffers, as characters of JSON text (about bytes for ASCII JSON).
        metrics.gauge("overlord_hub_queue_bytes", "JSON text waiting to enter the live hub", queuedChars::get);
        metrics.gauge("overlord_hub_replay_bytes", "JSON text held for reconnecting browsers", replay::chars);
        metrics.gauge("overlord_hub_dungeon_map_bytes", "JSON text of the dungeon maps kept", dungeonMaps::chars);
        metrics.gauge("overlord_fleet_bytes", "JSON text of the characters' latest frames", fleet::chars);
        metrics.gauge("overlord_fleet_characters", "Characters held by the fleet state, online or not", fleet::size);

        Materializer mat = Materializer.matFromSystem(system);
        Pair<BoundedSourceQueue<PluginFrame>, Source<LiveEvent, NotUsed>> hub = Source.<PluginFrame>queue(
                        settings.publishQueueSize())
                .map(this::stamp)
                .toMat(BroadcastHub.of(LiveEvent.class, 256), Keep.both())
                .run(mat);
        this.queue = hub.first();
        this.broadcast = hub.second();
        // A consumer that never stops, so the hub never waits for browsers to arrive.
        broadcast.runWith(Sink.ignore(), mat);
    }

    /** Offers a frame to the feed without waiting; false when it had to be dropped. */
    public boolean publish(PluginFrame frame) {
        int size = frame.envelope().text().length();
        if (queuedChars.addAndGet(size) > settings.publishQueueBytes()) {
            queuedChars.addAndGet(-size);
            dropped.inc();
            return false;
        }
        QueueOfferResult r = queue.offer(frame);
        if (r == QueueOfferResult.enqueued()) return true;
        queuedChars.addAndGet(-size);
        dropped.inc();
        return false;
    }

    /**
     * Offers something the server itself says (an alert) to the feed, like a frame: it is sequenced,
     * replayed and filtered by its {@code type}, but it is no news of the character (the fleet state
     * does not take it). The caller builds {@code json} with a type {@link FrameTypes#isServerOnly}
     * lists, which no plugin can send.
     */
    public boolean publishNotice(String type, String characterName, Instant at, ObjectNode json) {
        json.put("type", type);
        return publish(new PluginFrame.Unknown(new FrameEnvelope(type, characterName, at, json, json.toString())));
    }

    /** Runs on the hub's single stage: sequence numbers are assigned here and nowhere else. */
    private LiveEvent stamp(PluginFrame frame) {
        queuedChars.addAndGet(-frame.envelope().text().length());
        long seq = head.get() + 1;
        LiveEvent e = new LiveEvent(
                seq,
                frame.type(),
                frame.characterName(),
                LiveEvent.withSeq(seq, frame.envelope().text()));
        replay.add(e);
        if (!FrameTypes.isServerOnly(frame.type())) fleet.observe(frame, clock.instant());
        if (frame instanceof PluginFrame.DungeonMap m && m.landblock() != null) {
            dungeonMaps.put(m.landblock(), frame.envelope().text());
        }
        head.set(seq);
        return e;
    }

    public long head() {
        return head.get();
    }

    public FleetState fleet() {
        return fleet;
    }

    public LiveHubSettings settings() {
        return settings;
    }

    /** The latest dungeon_map frame seen for a landblock. */
    public Optional<String> dungeonMap(String landblock) {
        return dungeonMaps.get(landblock);
    }

    /** The snapshot message: every online character's latest telemetry and vitals. */
    public String snapshotJson() {
        return fleet.snapshotJson(clock.instant(), settings.onlineWindow(), head.get())
                .toString();
    }

    /**
     * The texts one browser receives. With {@code lastSeen} it first gets what it missed (or a
     * {@code gap} message when that is no longer held); without, it starts at the newest event.
     */
    public Source<String, NotUsed> feed(Subscription subscription, OptionalLong lastSeen) {
        long since = lastSeen.orElse(head.get());
        // Counted once, whichever way the browser is found too slow.
        AtomicBoolean cutOff = new AtomicBoolean();
        // Joining the broadcast completes asynchronously: an event stamped after the first catch-up
        // but broadcast before the join took effect would wait for the next event to reveal its gap.
        // A few more catch-ups in the first moments repair that even when no later event comes.
        Source<FeedItem, NotUsed> rejoins = Source.tick(JOIN_RECHECK, JOIN_RECHECK, (FeedItem) FeedItem.Joined.INSTANCE)
                .take(JOIN_RECHECKS)
                .mapMaterializedValue(cancellable -> NotUsed.getInstance());
        return Source.<FeedItem>single(FeedItem.Joined.INSTANCE)
                .concat(Source.upcast(broadcast))
                .merge(rejoins)
                .statefulMapConcat(() -> new GapFiller(since, subscription)::apply)
                // What waits for this browser, caught-up events included: thinned past a count of
                // events, cut off past a budget of bytes (a browser behind by a few inventories is as
                // far behind as one behind by thousands of chat lines). It never holds the hub back.
                .via(new ThinningBuffer(settings.subscriberBufferSize(), settings.subscriberBufferBytes(), thinning))
                .map(item -> switch (item) {
                    case LiveEvent e -> e.text();
                    case FeedItem.Thinning t -> t.json();
                    case FeedItem.Joined j -> throw new IllegalStateException("the gap filler consumes joins");
                })
                .recoverWithRetries(1, BufferOverflowException.class, () -> {
                    cutOff.set(true);
                    slowConsumers.inc();
                    log.warn(
                            "live feed: disconnected a browser whose discrete events waiting outgrew {} bytes",
                            settings.subscriberBufferBytes());
                    String notice = "{\"type\":\"slow_consumer\",\"reason\":\"fell more than "
                            + settings.subscriberBufferBytes()
                            + " bytes of events behind; reconnect with last_seq to catch up\"}";
                    // A browser that has stopped reading cannot even take the notice: without a deadline
                    // its socket would stay open for ever. Failing the feed tears the socket down.
                    return Source.single(notice)
                            .completionTimeout(settings.slowConsumerGrace())
                            .mapError(
                                    TimeoutException.class, e -> new SlowConsumerCutOff(settings.slowConsumerGrace()));
                })
                // A browser that stops reading altogether may never fall a whole buffer behind at a quiet
                // hour: once its socket has taken nothing for the grace period after an event was handed
                // to it, it is torn down too (a reading browser asks for the next event within moments).
                .backpressureTimeout(settings.slowConsumerGrace())
                .mapError(BackpressureTimeoutException.class, e -> {
                    if (cutOff.compareAndSet(false, true)) {
                        slowConsumers.inc();
                        log.warn(
                                "live feed: disconnected a browser that read nothing for {} s",
                                settings.slowConsumerGrace().toSeconds());
                    }
                    return new SlowConsumerCutOff(settings.slowConsumerGrace());
                })
                .watchTermination((mat, done) -> {
                    subscribers.incrementAndGet();
                    done.whenComplete((d, t) -> subscribers.decrementAndGet());
                    return mat;
                });
    }

    /**
     * Per-subscriber state: passes each sequence number the subscription admits once, in order,
     * filling holes from the replay ring; a gap it cannot fill becomes a {@code gap} message.
     */
    private final class GapFiller {
        private long last;
        private final Subscription subscription;

        GapFiller(long since, Subscription subscription) {
            this.last = since;
            this.subscription = subscription;
        }

        List<LiveEvent> apply(FeedItem item) {
            List<LiveEvent> out = new ArrayList<>(1);
            switch (item) {
                case FeedItem.Joined j -> join(out);
                case LiveEvent e -> deliver(e, out);
                case FeedItem.Thinning t -> throw new IllegalStateException("thinning comes after the gap filler");
            }
            return out;
        }

        private void join(List<LiveEvent> out) {
            long newest = head.get();
            if (last > newest) {
                // The client saw a later sequence than this hub has: the server restarted, and the
                // client has seen none of this hub's events.
                gaps.inc();
                out.add(gapMessage(1, newest, "server restarted; reload state"));
                last = newest;
            } else {
                catchUp(newest, out);
            }
        }

        private void deliver(LiveEvent e, List<LiveEvent> out) {
            if (e.seq() <= last) return;
            if (e.seq() > last + 1) catchUp(e.seq() - 1, out);
            if (subscription.admits(e.type())) out.add(e);
            last = e.seq();
        }

        private void catchUp(long to, List<LiveEvent> out) {
            if (to <= last) return;
            List<LiveEvent> missed = replay.range(last + 1, to);
            if (missed == null) {
                gaps.inc();
                out.add(gapMessage(last + 1, to, "missed events are no longer held; reload state"));
            } else {
                for (LiveEvent m : missed) if (subscription.admits(m.type())) out.add(m);
            }
            last = to;
        }
    }

    /** Ends the feed of a browser that did not read its slow-consumer notice in time. */
    public static final class SlowConsumerCutOff extends RuntimeException {
        SlowConsumerCutOff(Duration grace) {
            super(
                    "browser fell behind and read nothing for " + grace.toSeconds() + " s: disconnected",
                    null,
                    false,
                    false);
        }
    }

    /** A gap message as an event of no sequence number, so that it waits in line like the others. */
    private static LiveEvent gapMessage(long from, long to, String reason) {
        return new LiveEvent(
                0,
                "gap",
                null,
                "{\"type\":\"gap\",\"from\":" + from + ",\"to\":" + to + ",\"reason\":\"" + reason + "\"}");
    }
}
