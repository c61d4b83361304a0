package dev.overlord.bench;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BufferOverflowException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.MergeHub;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * L_ws, the bare baseline: a minimal Pekko HTTP server that relays every text message from any
 * {@code /ws/position} socket to every {@code /ws/live} socket through a MergeHub and a
 * BroadcastHub, without parsing, persisting or filtering anything. The hub is drained by a
 * {@code Sink.ignore} so it never waits for browsers, and each browser reads through its own
 * bounded buffer and is cut off when it falls a whole buffer behind, as Overlord's live hub does
 * (same buffer sizes, same pekko-http settings). Runs in its own ActorSystem in the same JVM.
 */
public final class BaselineRelay implements Target {
    public static final String SECRET = "baseline-secret";

    private final ActorSystem<Void> system;
    private final ServerBinding binding;
    private final LongAdder ingested = new LongAdder();
    private final LongAdder slowConsumers = new LongAdder();
    private final AtomicLong subscribers = new AtomicLong();
    private final AtomicLong pluginSockets = new AtomicLong();

    private BaselineRelay(ActorSystem<Void> system, int subscriberBuffer, int hubBuffer) {
        this.system = system;
        Materializer mat = Materializer.matFromSystem(system);
        Pair<Sink<String, NotUsed>, Source<String, NotUsed>> hub = MergeHub.of(String.class, 16)
                .toMat(BroadcastHub.of(String.class, hubBuffer), Keep.both())
                .run(mat);
        hub.second().runWith(Sink.ignore(), mat);
        Sink<String, NotUsed> merge = hub.first();
        Source<String, NotUsed> broadcast = hub.second();

        Route routes = concat(
                path(
                        PathMatchers.segment("ws").slash("position"),
                        () -> parameterOptional(
                                "secret",
                                secret -> secret.filter(SECRET::equals).isPresent()
                                        ? handleWebSocketMessages(pluginFlow(merge, mat))
                                        : complete(StatusCodes.UNAUTHORIZED, "invalid or missing plugin secret"))),
                path(
                        PathMatchers.segment("ws").slash("live"),
                        () -> handleWebSocketMessages(liveFlow(broadcast, subscriberBuffer))));
        try {
            this.binding = Http.get(system)
                    .newServerAt("127.0.0.1", 0)
                    .bind(routes)
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            system.terminate();
            throw new IllegalStateException("baseline relay did not bind: " + e, e);
        }
    }

    /**
     * Starts the relay with Overlord's buffer sizes (hub 256, per browser {@code subscriberBuffer}).
     *
     * @param base the configuration Overlord runs with (its pekko-http settings are reused); the
     *     relay's system is a plain local one
     */
    public static BaselineRelay start(Config base, int maxConnections, int subscriberBuffer) {
        Config config = ConfigFactory.empty()
                .withValue("pekko.actor.provider", ConfigValueFactory.fromAnyRef("local"))
                .withValue("pekko.http.server.max-connections", ConfigValueFactory.fromAnyRef(maxConnections))
                .withFallback(base)
                .resolve();
        return new BaselineRelay(ActorSystem.create(Behaviors.empty(), "baseline", config), subscriberBuffer, 256);
    }

    private Flow<Message, Message, NotUsed> pluginFlow(Sink<String, NotUsed> merge, Materializer mat) {
        Sink<Message, NotUsed> in = Flow.<Message>create()
                .mapAsync(1, m -> collect(m, mat))
                .filter(s -> !s.isEmpty())
                .map(s -> {
                    ingested.increment();
                    return s;
                })
                .to(merge);
        Source<Message, NotUsed> out = Source.<Message>maybe().mapMaterializedValue(p -> NotUsed.getInstance());
        return Flow.fromSinkAndSourceCoupled(in, out).watchTermination((nu, done) -> {
            pluginSockets.incrementAndGet();
            done.whenComplete((d, t) -> pluginSockets.decrementAndGet());
            return NotUsed.getInstance();
        });
    }

    private Flow<Message, Message, NotUsed> liveFlow(Source<String, NotUsed> broadcast, int subscriberBuffer) {
        Source<Message, NotUsed> out = broadcast
                .buffer(subscriberBuffer, OverflowStrategy.fail())
                .recover(BufferOverflowException.class, () -> {
                    slowConsumers.increment();
                    return "{\"type\":\"slow_consumer\"}";
                })
                .<Message>map(TextMessage::create)
                .watchTermination((nu, done) -> {
                    subscribers.incrementAndGet();
                    done.whenComplete((d, t) -> subscribers.decrementAndGet());
                    return NotUsed.getInstance();
                });
        return Flow.fromSinkAndSourceCoupled(
                Sink.<Message>ignore().mapMaterializedValue(x -> NotUsed.getInstance()), out);
    }

    private static CompletionStage<String> collect(Message m, Materializer mat) {
        if (!m.isText()) {
            m.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), mat);
            return CompletableFuture.completedFuture("");
        }
        TextMessage t = m.asTextMessage();
        if (t.isStrict()) return CompletableFuture.completedFuture(t.getStrictText());
        return t.getStreamedText()
                .runFold(new StringBuilder(), StringBuilder::append, mat)
                .thenApply(StringBuilder::toString);
    }

    @Override
    public String name() {
        return "L_ws";
    }

    @Override
    public int port() {
        return binding.localAddress().getPort();
    }

    @Override
    public String pluginUrl() {
        return "ws://127.0.0.1:" + port() + "/ws/position?secret=" + SECRET;
    }

    @Override
    public String liveUrl() {
        return "ws://127.0.0.1:" + port() + "/ws/live";
    }

    @Override
    public long framesIngested() {
        return ingested.sum();
    }

    @Override
    public long framesDropped() {
        return 0;
    }

    @Override
    public long framesRejected() {
        return 0;
    }

    @Override
    public long slowConsumersCut() {
        return slowConsumers.sum();
    }

    @Override
    public long liveSubscribers() {
        return subscribers.get();
    }

    @Override
    public long pluginSockets() {
        return pluginSockets.get();
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Best effort: the JVM ends soon after anyway.
        }
    }
}
