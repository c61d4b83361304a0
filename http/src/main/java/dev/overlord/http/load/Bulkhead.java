package dev.overlord.http.load;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.typesafe.config.Config;
import dev.overlord.metrics.Metrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * A gate in front of blocking work that a client can ask for at will (queries, admin runs, password
 * checks): at
 * most {@code maxRunning} run at once and {@code maxWaiting} wait their turn; anything beyond is
 * turned away at once, so a flood costs the server a refusal, not a queue that starves everything
 * sharing the threads and the database pool. Work that waited past its request's deadline (the
 * client has already been told the request timed out) is not started.
 *
 * <p>A full gate answers {@code 503 Service Unavailable} with {@code Retry-After}: the server as a
 * whole is busy, whoever is asking; {@code 429} would blame one client, which is the login
 * throttle's answer, not this one's.
 */
public final class Bulkhead {
    public static final String FULL = "overlord_gate_full_total";
    public static final String EXPIRED = "overlord_gate_expired_total";
    public static final String RUNNING = "overlord_gate_running";
    public static final String WAITING = "overlord_gate_waiting";
    /** What a refused client is told to wait before asking again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** How much one gate lets through, read from a section with {@code max-running} and {@code max-waiting}. */
    public record Settings(int maxRunning, int maxWaiting) {
        public Settings {
            if (maxRunning < 1 || maxWaiting < 0) {
                throw new IllegalArgumentException(
                        "a gate needs max-running >= 1 and max-waiting >= 0, not " + maxRunning + "/" + maxWaiting);
            }
        }

        public static Settings from(Config c) {
            return new Settings(c.getInt("max-running"), c.getInt("max-waiting"));
        }
    }

    /** What became of work handed to the gate. */
    public sealed interface Outcome<T> {
        /** It ran and produced this. */
        record Done<T>(T value) implements Outcome<T> {}

        /** Turned away at once: as many ran and waited as the gate allows. */
        record Full<T>() implements Outcome<T> {}

        /** It waited past its deadline and was never started. */
        record Expired<T>() implements Outcome<T> {}
    }

    private record Waiting(Runnable start, Runnable expire, long deadlineNanos) {}

    private final String name;
    private final Settings settings;
    private final Executor executor;
    private final Metrics.LabeledCounter full;
    private final Metrics.LabeledCounter expired;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private int running; // guarded by this, like waiting

    /**
     * @param name the gate's label in the metrics, e.g. {@code queries}
     * @param executor where the work runs (the blocking dispatcher)
     */
    public Bulkhead(String name, Settings settings, Executor executor, Metrics metrics) {
        this.name = name;
        this.settings = settings;
        this.executor = executor;
        this.full = metrics.labeledCounter(FULL, "gate", "Requests turned away at once because a gate was full.");
        this.expired = metrics.labeledCounter(
                EXPIRED, "gate", "Requests not started because they waited past their request timeout.");
        full.add(name, 0);
        expired.add(name, 0);
        metrics.gauge(RUNNING, "gate", name, "Requests running through a gate.", this::running);
        metrics.gauge(WAITING, "gate", name, "Requests waiting at a gate.", this::waiting);
    }

    /**
     * A gate with threads of its own, as many as may run (password checks: bcrypt is slow on
     * purpose and must not take the shared dispatcher's threads); they stop with the actor system.
     */
    public static Bulkhead onOwnThreads(ActorSystem<?> system, String name, Settings settings, Metrics metrics) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(settings.maxRunning(), r -> {
            Thread t = new Thread(r, "overlord-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CoordinatedShutdown.get(system)
                .addTask(CoordinatedShutdown.PhaseServiceStop(), "stop-" + name + "-gate", () -> {
                    threads.shutdownNow();
                    return CompletableFuture.completedFuture(Done.getInstance());
                });
        return new Bulkhead(name, settings, threads, metrics);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Runs {@code work} on the executor when a place is free, or completes with {@link Outcome.Full}
     * at once; work still waiting at {@code deadline} (a {@link System#nanoTime()} value) is dropped
     * as {@link Outcome.Expired}. Fails only when {@code work} throws.
     */
    public <T> CompletionStage<Outcome<T>> submit(Supplier<T> work, long deadline) {
        CompletableFuture<Outcome<T>> result = new CompletableFuture<>();
        Runnable start = () -> run(work, result);
        List<Runnable> expiredNow = new ArrayList<>();
        boolean startNow = false;
        boolean refused = false;
        synchronized (this) {
            if (running < settings.maxRunning()) {
                running++;
                startNow = true;
            } else {
                // Requests that timed out while waiting give up their places before anyone is refused.
                removeExpired(System.nanoTime(), expiredNow);
                if (waiting.size() < settings.maxWaiting()) {
                    waiting.addLast(new Waiting(start, () -> result.complete(new Outcome.Expired<>()), deadline));
                } else {
                    refused = true;
                }
            }
        }
        expire(expiredNow);
        if (refused) {
            full.inc(name);
            return CompletableFuture.completedFuture(new Outcome.Full<>());
        }
        if (startNow) start.run();
        return result;
    }

    /** {@link #submit} for a route: 503 with {@code Retry-After} when full or expired, else {@code inner}. */
    public <T> Route route(Supplier<T> work, Duration requestTimeout, Function<T, Route> inner) {
        return onSuccess(submit(work, System.nanoTime() + requestTimeout.toNanos()), outcome -> switch (outcome) {
            case Outcome.Done<T> done -> inner.apply(done.value());
            case Outcome.Full<T> f -> busy("server busy, try again shortly");
            // The client was already answered by the request timeout; this reply is never seen.
            case Outcome.Expired<T> e -> busy("request timed out while waiting");
        });
    }

    /** 503 with {@code Retry-After} and the reason, as a full gate answers. */
    public static Route busy(String reason) {
        return complete(HttpResponse.create()
                .withStatus(StatusCodes.SERVICE_UNAVAILABLE)
                .addHeader(RetryAfter.create(RETRY_AFTER.toSeconds()))
                .withEntity(HttpEntities.create(
                        ContentTypes.APPLICATION_JSON,
                        JsonNodeFactory.instance
                                .objectNode()
                                .put("error", reason)
                                .toString())));
    }

    private <T> void run(Supplier<T> work, CompletableFuture<Outcome<T>> result) {
        try {
            executor.execute(() -> {
                try {
                    result.complete(new Outcome.Done<>(work.get()));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                } finally {
                    next();
                }
            });
        } catch (RejectedExecutionException e) { // the dispatcher is shutting down
            result.completeExceptionally(e);
            next();
        }
    }

    /** A place came free: start the oldest waiting work whose request is still live. */
    private void next() {
        List<Runnable> expiredNow = new ArrayList<>();
        Waiting next;
        synchronized (this) {
            removeExpired(System.nanoTime(), expiredNow);
            next = waiting.pollFirst();
            if (next == null) running--;
        }
        expire(expiredNow);
        if (next != null) next.start().run();
    }

    /** Takes waiting work past its deadline off the queue (under the lock); expire it outside. */
    private void removeExpired(long now, List<Runnable> into) {
        for (var it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (now - w.deadlineNanos() >= 0) {
                it.remove();
                into.add(w.expire());
            }
        }
    }

    private void expire(List<Runnable> expiredNow) {
        for (Runnable e : expiredNow) {
            expired.inc(name);
            e.run();
        }
    }

    private synchronized long running() {
        return running;
    }

    private synchronized long waiting() {
        return waiting.size();
    }
}
