package dev.overlord.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.DelayOverflowStrategy;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.ThrottleMode;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * One benchmark plugin: its own WebSocket connection (Pekko HTTP client) sending one character's
 * pre-generated frames, each stamped with {@code "bench_ts":<nanoTime>} as it is handed to the
 * socket. It sends the login frames first, then its telemetry intervals at the given pace.
 *
 * <p>Not the http tests' {@code SocketClient}: that one keeps every message and blocks on each send,
 * which would make the load generator, not the server, the bottleneck being measured.
 */
public final class PluginClient {
    private final UniqueKillSwitch kill;
    private final CompletionStage<Done> closed;

    private PluginClient(UniqueKillSwitch kill, CompletionStage<Done> closed) {
        this.kill = kill;
        this.closed = closed;
    }

    /** Counters shared by the plugins of one run. */
    public static final class Stats {
        final LongAdder sent = new LongAdder();
        final LongAdder received = new LongAdder();
        final AtomicInteger failed = new AtomicInteger();

        public long sent() {
            return sent.sum();
        }

        /** Messages the server sent back to plugins (Overlord answers only refused frames). */
        public long received() {
            return received.sum();
        }

        public int failed() {
            return failed.get();
        }
    }

    /**
     * Connects; completes when the server accepted the upgrade. Sending starts {@code startDelay}
     * after {@code go} completes, so that a run can open every socket before any of them loads the
     * server, and plugins log in (a full inventory each) spread over time rather than all at once.
     */
    public static CompletionStage<PluginClient> connect(
            ActorSystem<?> system,
            String url,
            Frames frames,
            Pace pace,
            Stats stats,
            CompletionStage<Done> go,
            Duration startDelay) {
        Materializer mat = Materializer.matFromSystem(system);
        Source<Done, NotUsed> start = Source.completionStage(go).mapMaterializedValue(x -> NotUsed.getInstance());
        if (startDelay.toNanos() > 0) start = start.delay(startDelay, DelayOverflowStrategy.backpressure());
        Source<String, NotUsed> bodies =
                start.flatMapConcat(d -> Source.from(frames.login()).concat(traffic(frames, pace)));
        Source<Message, UniqueKillSwitch> out = bodies.viaMat(KillSwitches.single(), Keep.right())
                .map(body -> {
                    stats.sent.increment();
                    return (Message) TextMessage.create(Frames.stamp(body, System.nanoTime()));
                });
        Sink<Message, CompletionStage<Done>> in = Sink.foreach(m -> {
            stats.received.increment();
            if (m.isText()) {
                if (!m.asTextMessage().isStrict())
                    m.asTextMessage().getStreamedText().runWith(Sink.ignore(), mat);
            } else {
                m.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), mat);
            }
        });
        Flow<Message, Message, Pair<CompletionStage<Done>, UniqueKillSwitch>> flow =
                Flow.fromSinkAndSourceCoupledMat(in, out, Keep.both());
        Pair<CompletionStage<WebSocketUpgradeResponse>, Pair<CompletionStage<Done>, UniqueKillSwitch>> r =
                Http.get(system).singleWebSocketRequest(WebSocketRequest.create(url), flow, mat);
        PluginClient client = new PluginClient(r.second().second(), r.second().first());
        return r.first().thenApply(up -> {
            if (!up.isValid()) {
                stats.failed.incrementAndGet();
                client.stop();
                throw new IllegalStateException(
                        "plugin socket refused: " + up.response().status());
            }
            return client;
        });
    }

    private static Source<String, NotUsed> traffic(Frames frames, Pace pace) {
        return switch (pace) {
            case Pace.Max m -> {
                List<String> all = frames.flat();
                yield Source.cycle(all::iterator);
            }
            case Pace.Rate r -> {
                List<String> all = frames.flat();
                yield Source.cycle(all::iterator).via(throttle(r.framesPerSecond()));
            }
            case Pace.Bulk b -> {
                List<String> all = frames.login();
                yield Source.cycle(all::iterator).via(throttle(b.framesPerSecond()));
            }
            case Pace.RealTime rt -> {
                List<List<String>> ticks = frames.ticks();
                AtomicInteger next = new AtomicInteger();
                yield Source.tick(rt.offset(), rt.every(), "tick")
                        .mapConcat(t -> ticks.get(Math.floorMod(next.getAndIncrement(), ticks.size())))
                        .mapMaterializedValue(c -> NotUsed.getInstance());
            }
        };
    }

    /** A steady rate. Pekko timers tick every 10 ms or so: a burst of ~20 ms keeps the average exact. */
    private static Flow<String, String, NotUsed> throttle(double fps) {
        // At least 100 elements per period, so slow plugins (under 1 frame/s) keep their rate too.
        int elements = (int) Math.max(100, Math.round(fps));
        Duration per = Duration.ofNanos(Math.round(elements / fps * 1e9));
        int burst = (int) Math.max(1, Math.ceil(fps * 0.02));
        return Flow.<String>create().throttle(elements, per, burst, ThrottleMode.shaping());
    }

    /** Stops sending and closes the socket. */
    public void stop() {
        kill.shutdown();
    }

    public CompletionStage<Done> closed() {
        return closed;
    }
}
