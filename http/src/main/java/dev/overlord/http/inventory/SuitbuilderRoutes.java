package dev.overlord.http.inventory;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeOK;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.extractMaterializer;
import static org.apache.pekko.http.javadsl.server.Directives.onComplete;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.http.readapi.Answers;
import dev.overlord.inventory.ItemSource;
import dev.overlord.inventory.OwnedItem;
import dev.overlord.inventory.suit.Suit;
import dev.overlord.inventory.suit.SuitListener;
import dev.overlord.inventory.suit.SuitSearch;
import dev.overlord.metrics.Metrics;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /inventory/suitbuilder}: runs a suit search over the named characters' items on its
 * own dispatcher and streams its progress, each new best suit and the end as server-sent events;
 * a client closing the stream cancels the search.
 */
public final class SuitbuilderRoutes {
    private static final Logger log = LoggerFactory.getLogger(SuitbuilderRoutes.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Bodies are a few hundred bytes; this leaves room for 50 long names and every slot locked. */
    static final long MAX_BODY = 64 * 1024;
    /**
     * Events waiting for a slow client. Progress is skipped while the buffer is half full; a result
     * or the done event waits for room (see {@link #deliver}), so a slow client loses neither.
     */
    static final int EVENT_BUFFER = 1024;
    /** How long a result or the done event waits for a client that does not read, beyond the time limit. */
    static final java.time.Duration STALLED_CLIENT = java.time.Duration.ofSeconds(10);

    static final String DONE = "done";

    static final String STARTED = "overlord_suitbuilder_searches_started";
    static final String FINISHED = "overlord_suitbuilder_searches_finished";
    static final String CANCELLED = "overlord_suitbuilder_searches_cancelled";
    static final String REFUSED = "overlord_suitbuilder_searches_refused";
    static final String RUNNING = "overlord_suitbuilder_searches_running";

    private final ItemSource items;
    private final BrowserAuth auth;
    private final Executor searches;
    private final SuitbuilderSettings settings;
    private final AtomicInteger running = new AtomicInteger();
    private final Metrics.Counter started;
    private final Metrics.Counter finished;
    private final Metrics.Counter cancelled;
    private final Metrics.Counter refused;

    /** @param searches a bounded executor (the {@link SuitbuilderSettings#DISPATCHER}), never an actor's */
    public SuitbuilderRoutes(
            ItemSource items, BrowserAuth auth, Executor searches, SuitbuilderSettings settings, Metrics metrics) {
        this.items = items;
        this.auth = auth;
        this.searches = searches;
        this.settings = settings;
        this.started = metrics.counter(STARTED, "Suitbuilder searches started.");
        this.finished = metrics.counter(FINISHED, "Suitbuilder searches that ran to the end or their time limit.");
        this.cancelled = metrics.counter(CANCELLED, "Suitbuilder searches stopped because the client went away.");
        this.refused = metrics.counter(REFUSED, "Suitbuilder searches refused: too many running.");
        metrics.gauge(RUNNING, "Suitbuilder searches running now.", running::get);
    }

    /** Searches running now (loading items included). */
    public int running() {
        return running.get();
    }

    public Route route() {
        return pathPrefix(
                "inventory",
                () -> path(
                        "suitbuilder",
                        () -> post(() -> auth.requireBrowser(user ->
                                withSizeLimit(MAX_BODY, () -> entity(Unmarshaller.entityToString(), this::start))))));
    }

    private Route start(String text) {
        SuitbuilderBody body;
        try {
            body = SuitbuilderBody.parse(text);
        } catch (SuitbuilderBody.Bad bad) {
            return error(StatusCodes.BAD_REQUEST, bad.getMessage());
        }
        if (!tryAcquire()) {
            refused.inc();
            return complete(HttpResponse.create()
                    .withStatus(StatusCodes.TOO_MANY_REQUESTS)
                    .addHeader(
                            RetryAfter.create(Math.max(1, settings.retryAfter().toSeconds())))
                    .withEntity(
                            ContentTypes.APPLICATION_JSON,
                            Answers.error("too many suitbuilder searches running, try again shortly")
                                    .toString()));
        }
        CompletableFuture<List<OwnedItem>> loaded;
        try {
            loaded = CompletableFuture.supplyAsync(() -> items.items(body.characters()), searches);
        } catch (RuntimeException e) { // the executor refused the work
            running.decrementAndGet();
            throw e;
        }
        return onComplete(loaded, tried -> {
            if (tried.isFailure()) {
                running.decrementAndGet();
                log.warn(
                        "suitbuilder: reading items failed: {}",
                        tried.failed().get().toString());
                return error(StatusCodes.SERVICE_UNAVAILABLE, "items unavailable, try again shortly");
            }
            List<OwnedItem> pool = tried.get();
            Optional<String> problem = SuitSearch.check(body.request(), pool);
            if (problem.isPresent()) {
                running.decrementAndGet();
                return error(StatusCodes.BAD_REQUEST, problem.get());
            }
            return extractMaterializer(mat -> {
                AtomicBoolean gone = new AtomicBoolean();
                Pair<BoundedSourceQueue<ServerSentEvent>, Source<ServerSentEvent, NotUsed>> queued =
                        Source.<ServerSentEvent>queue(EVENT_BUFFER)
                                .watchTermination((q, done) -> {
                                    done.whenComplete((d, e) -> gone.set(true));
                                    return q;
                                })
                                .preMaterialize(mat);
                BoundedSourceQueue<ServerSentEvent> queue = queued.first();
                started.inc();
                try {
                    searches.execute(() -> search(body, pool, queue, gone));
                } catch (RuntimeException e) {
                    running.decrementAndGet();
                    queue.fail(e);
                    throw e;
                }
                Source<ServerSentEvent, NotUsed> events = queued.second()
                        .takeWhile(e -> !e.getEventType().equals(Optional.of(DONE)), true)
                        .keepAlive(settings.keepAlive(), ServerSentEvent::heartbeat);
                return completeOK(events, EventStreamMarshalling.toEventStream());
            });
        });
    }

    private boolean tryAcquire() {
        while (true) {
            int now = running.get();
            if (now >= settings.maxConcurrent()) return false;
            if (running.compareAndSet(now, now + 1)) return true;
        }
    }

    private void search(
            SuitbuilderBody body, List<OwnedItem> pool, BoundedSourceQueue<ServerSentEvent> queue, AtomicBoolean gone) {
        long deadline = System.nanoTime()
                + body.request().timeLimit().plus(STALLED_CLIENT).toNanos();
        try {
            SuitSearch.Outcome outcome = SuitSearch.run(
                    body.request(),
                    pool,
                    new SuitListener() {
                        @Override
                        public void progress(long checked, long elapsedMs, Long bestScore) {
                            ObjectNode data =
                                    F.objectNode().put("checked", checked).put("elapsed_ms", elapsedMs);
                            if (bestScore == null) data.putNull("best_score");
                            else data.put("best_score", bestScore);
                            // progress is only news until the next one: skip it while the client lags
                            if (queue.size() < EVENT_BUFFER / 2)
                                queue.offer(ServerSentEvent.create(data.toString(), "progress"));
                        }

                        @Override
                        public void result(int rank, Suit suit) {
                            deliver(
                                    queue,
                                    ServerSentEvent.create(
                                            resultJson(rank, suit).toString(), "result"),
                                    gone,
                                    deadline);
                        }
                    },
                    gone::get);
            if (outcome.reason() == SuitSearch.Reason.CANCELLED) {
                cancelled.inc();
            } else {
                finished.inc();
                ObjectNode done = F.objectNode()
                        .put("reason", outcome.reason() == SuitSearch.Reason.COMPLETE ? "complete" : "time_limit")
                        .put("checked", outcome.checked())
                        .put("elapsed_ms", outcome.elapsedMs());
                // the stream ends after this event (see takeWhile in start): completing the queue
                // here could drop the events still buffered
                deliver(queue, ServerSentEvent.create(done.toString(), DONE), gone, deadline);
            }
        } catch (RuntimeException e) {
            log.warn("suitbuilder: search failed: {}", e.toString());
            queue.fail(e);
        } finally {
            running.decrementAndGet();
        }
    }

    /**
     * Offers {@code event}, waiting (on the search's own thread) while the buffer is full: a result
     * must reach a slow client. Gives up when the client is gone or has not read for
     * {@link #STALLED_CLIENT} past the search's time limit; then the search is cancelled.
     */
    static void deliver(
            BoundedSourceQueue<ServerSentEvent> queue, ServerSentEvent event, AtomicBoolean gone, long deadline) {
        while (!gone.get()) {
            QueueOfferResult offered = queue.offer(event);
            if (offered.isEnqueued()) return;
            if (!offered.equals(QueueOfferResult.dropped())) return; // closed or failed: nobody to tell
            if (System.nanoTime() - deadline > 0) {
                log.warn("suitbuilder: the client stopped reading; search stopped");
                gone.set(true);
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    static ObjectNode resultJson(int rank, Suit suit) {
        ObjectNode r = F.objectNode().put("rank", rank).put("score", suit.score());
        ArrayNode list = r.putArray("items");
        for (Suit.Pick p : suit.picks()) {
            list.addObject()
                    .put("slot", p.slot().wireName())
                    .put("character_name", p.owned().character())
                    .set("item", ItemJson.of(p.owned().item()));
        }
        ObjectNode sets = r.putObject("sets");
        suit.sets().forEach(sets::put);
        r.set("covered", strings(suit.covered()));
        r.set("missing", strings(suit.missing()));
        r.set("overlapping", strings(suit.overlapping()));
        r.put("armor_level", suit.armorLevel());
        ObjectNode ratings = r.putObject("ratings");
        suit.ratings().forEach(ratings::put);
        return r;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static Route error(org.apache.pekko.http.javadsl.model.StatusCode status, String message) {
        return complete(HttpResponse.create()
                .withStatus(status)
                .withEntity(
                        ContentTypes.APPLICATION_JSON, Answers.error(message).toString()));
    }
}
