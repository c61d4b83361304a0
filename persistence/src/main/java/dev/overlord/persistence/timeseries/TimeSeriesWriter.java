package dev.overlord.persistence.timeseries;

import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.timeseries.TimeSeriesSink;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContext;

/**
 * Carries telemetry and spawn frames into their tables through a bounded stream: frames are
 * grouped by size and time and each group is written in one transaction on the blocking
 * dispatcher, never through the journal and never on an actor's thread.
 *
 * <p>While the database is slow or away, the group being written is retried with exponential
 * backoff and new frames queue up to {@link TimeSeriesSettings#bufferBound()} rows; beyond that
 * they are dropped and counted. A row the database refuses (bad data, not a lost connection) is
 * dropped on its own and the rest of its group is written.
 */
public final class TimeSeriesWriter implements TimeSeriesSink, AutoCloseable {

    public static final String BACKLOG = "overlord_timeseries_backlog";
    public static final String WRITTEN = "overlord_timeseries_written_total";
    public static final String DROPPED = "overlord_timeseries_dropped_total";
    public static final String WRITE_SECONDS = "overlord_timeseries_write_seconds";
    public static final String RETRIES = "overlord_timeseries_retries_total";

    /** Reasons in {@value #DROPPED}: the buffer bound was reached. */
    public static final String BUFFER_FULL = "buffer_full";
    /** Not a time series, or a row the database could not hold (see {@link TimeSeriesRow}). */
    public static final String INVALID = "invalid";
    /** The database refused the row. */
    public static final String REJECTED = "rejected";
    /** Offered after the writer was stopped. */
    public static final String CLOSED = "closed";
    /** Still unwritten when the drain timeout ran out at shutdown. */
    public static final String SHUTDOWN = "shutdown";

    private static final Logger log = LoggerFactory.getLogger(TimeSeriesWriter.class);

    private final TimeSeriesStore store;
    private final TimeSeriesSettings settings;
    private final Executor blocking;
    private final Scheduler scheduler;
    private final ExecutionContext timers;
    private final Clock clock;

    private final Metrics.LabeledCounter written;
    private final Metrics.LabeledCounter dropped;
    private final Metrics.Counter retries;
    private final Metrics.Histogram writeSeconds;

    // Rows accepted and not yet written or dropped: queued, batching, being written or waiting to retry.
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean abandoned = new AtomicBoolean();
    private final AtomicBoolean warnedFull = new AtomicBoolean();
    private final AtomicLong droppedFull = new AtomicLong();
    private final AtomicReference<Instant> failingSince = new AtomicReference<>();
    private final AtomicReference<Instant> lastWrite = new AtomicReference<>();
    private final AtomicReference<PendingRetry> pendingRetry = new AtomicReference<>();

    private final BoundedSourceQueue<TimeSeriesRow> queue;
    private final CompletionStage<Done> finished;

    private TimeSeriesWriter(
            ActorSystem<?> system,
            TimeSeriesStore store,
            TimeSeriesSettings settings,
            Metrics metrics,
            Executor blocking,
            Clock clock) {
        this.store = store;
        this.settings = settings;
        this.blocking = blocking;
        this.scheduler = system.scheduler();
        this.timers = system.executionContext();
        this.clock = clock;
        this.written = metrics.labeledCounter(WRITTEN, "table", "Time-series rows written, by table.");
        this.dropped = metrics.labeledCounter(DROPPED, "reason", "Time-series rows not written, by reason.");
        this.retries = metrics.counter(RETRIES, "Time-series writes retried after the database failed.");
        this.writeSeconds = metrics.histogram(
                WRITE_SECONDS,
                "Time to write one batch of time-series rows.",
                0.005,
                0.01,
                0.025,
                0.05,
                0.1,
                0.25,
                0.5,
                1,
                2.5,
                5,
                10);
        metrics.gauge(BACKLOG, "Time-series rows accepted but not yet written.", backlog::get);
        // Zero-valued series up front, so dashboards see every label before the first event.
        for (TimeSeriesTable t : TimeSeriesTable.values()) {
            written.add(t.tableName(), 0);
        }
        for (String reason : List.of(BUFFER_FULL, INVALID, REJECTED, CLOSED, SHUTDOWN)) {
            dropped.add(reason, 0);
        }
        retries.add(0);

        // The queue never fills by itself: offer() stops at the bound first, counting every
        // accepted row until it is written, so the bound covers the retried batch too.
        Pair<BoundedSourceQueue<TimeSeriesRow>, CompletionStage<Done>> running = Source.<TimeSeriesRow>queue(
                        settings.bufferBound())
                .groupedWithin(settings.batchSize(), settings.maxDelay())
                .mapAsync(1, this::write)
                .toMat(Sink.ignore(), Keep.both())
                .run(Materializer.matFromSystem(system));
        this.queue = running.first();
        this.finished = running.second();
        finished.whenComplete((done, failure) -> {
            if (failure != null) {
                log.error("time-series writer stopped by a failure; frames are dropped from now on", failure);
            }
        });
    }

    /**
     * Starts a writer, stopped by CoordinatedShutdown's service-stop phase (or earlier by {@link #stop()}
     * or {@link #close()}) before the database closes.
     *
     * @param blocking where JDBC runs: a dispatcher of its own, so that queries and logins never delay writes
     */
    public static TimeSeriesWriter start(
            ActorSystem<?> system,
            TimeSeriesStore store,
            TimeSeriesSettings settings,
            Metrics metrics,
            Executor blocking,
            Clock clock) {
        TimeSeriesWriter writer = new TimeSeriesWriter(system, store, settings, metrics, blocking, clock);
        // After the sockets are gone (service-unbind, service-requests-done), before the pool closes.
        CoordinatedShutdown.get(system)
                .addTask(CoordinatedShutdown.PhaseServiceStop(), "stop-timeseries-writer", writer::stop);
        return writer;
    }

    /** Accepts a telemetry or spawn frame without blocking; false (and counted) when it was dropped. */
    @Override
    public boolean offer(PluginFrame frame) {
        if (closed.get()) {
            dropped.inc(CLOSED);
            return false;
        }
        // The row is built here, not in the stream, so the buffer holds rows rather than parsed JSON trees.
        Optional<TimeSeriesRow> row = TimeSeriesRow.of(frame);
        if (row.isEmpty()) {
            dropped.inc(INVALID);
            return false;
        }
        int bound = settings.bufferBound();
        if (backlog.getAndUpdate(n -> n < bound ? n + 1 : n) >= bound) {
            bufferFull();
            return false;
        }
        QueueOfferResult result = queue.offer(row.get());
        if (result.isEnqueued()) {
            return true;
        }
        backlog.decrementAndGet();
        if (result == QueueOfferResult.dropped()) {
            bufferFull();
        } else {
            dropped.inc(CLOSED);
        }
        return false;
    }

    /** Rows accepted but not yet written. */
    public long backlog() {
        return backlog.get();
    }

    public WriterHealth health() {
        return new WriterHealth(
                backlog.get(), Optional.ofNullable(failingSince.get()), Optional.ofNullable(lastWrite.get()));
    }

    /**
     * Stops accepting frames and writes what is buffered; after the drain timeout the rest is
     * dropped (counted as {@value #SHUTDOWN}). Completes when the stream has ended; idempotent.
     */
    public CompletionStage<Done> stop() {
        if (closed.compareAndSet(false, true)) {
            queue.complete();
            Cancellable giveUp = scheduler.scheduleOnce(settings.drainTimeout(), this::abandon, timers);
            finished.whenComplete((done, failure) -> giveUp.cancel());
        }
        return finished.handle((done, failure) -> Done.getInstance());
    }

    /** {@link #stop()}, waiting for it: at most the drain timeout plus one write attempt. */
    @Override
    public void close() {
        Duration wait = settings.drainTimeout().plus(Duration.ofSeconds(30));
        try {
            stop().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("time-series writer did not stop within {}: {}", wait, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while stopping the time-series writer; {} rows unwritten", backlog.get());
        }
    }

    private void bufferFull() {
        dropped.inc(BUFFER_FULL);
        droppedFull.incrementAndGet();
        if (warnedFull.compareAndSet(false, true)) {
            log.warn(
                    "time-series buffer full ({} rows): dropping frames until the database catches up",
                    settings.bufferBound());
        }
    }

    private void abandon() {
        if (finished.toCompletableFuture().isDone()) {
            return;
        }
        abandoned.set(true);
        log.warn(
                "time-series writer gives up on {} unwritten rows after waiting {} at shutdown",
                backlog.get(),
                settings.drainTimeout());
        PendingRetry retry = pendingRetry.get();
        if (retry != null) {
            runIfPending(retry); // its timer may be up to retry-max away; a later firing finds nothing to do
        }
    }

    /** One batch: completes when every row is written or dropped, never exceptionally (that would end the stream). */
    private CompletionStage<Done> write(List<TimeSeriesRow> batch) {
        CompletableFuture<Done> done = new CompletableFuture<>();
        attempt(batch, 0, done);
        return done;
    }

    private void attempt(List<TimeSeriesRow> rows, int failures, CompletableFuture<Done> done) {
        if (abandoned.get()) {
            dropped.add(SHUTDOWN, rows.size());
            backlog.addAndGet(-rows.size());
            done.complete(Done.getInstance());
            return;
        }
        CompletableFuture<Attempt> running;
        try {
            running = CompletableFuture.supplyAsync(() -> writeOnce(rows), blocking);
        } catch (RejectedExecutionException e) {
            running = CompletableFuture.completedFuture(Attempt.failed(rows, e)); // dispatcher shutting down
        }
        running.whenComplete((outcome, error) -> {
            Attempt a = error == null ? outcome : Attempt.failed(rows, error);
            account(a);
            if (a.remaining().isEmpty()) {
                done.complete(Done.getInstance());
            } else {
                retryLater(a.remaining(), failures + 1, done);
            }
        });
    }

    private void retryLater(List<TimeSeriesRow> rows, int failures, CompletableFuture<Done> done) {
        // Whoever takes this retry out of pendingRetry runs it: the timer, or stop() giving up.
        PendingRetry retry = new PendingRetry(() -> attempt(rows, failures, done));
        pendingRetry.set(retry);
        try {
            scheduler.scheduleOnce(settings.backoff(failures), () -> runIfPending(retry), timers);
        } catch (IllegalStateException e) {
            // The scheduler is gone, so the actor system is terminating: no retry can happen.
            abandoned.set(true);
        }
        // stop() may have given up between the check in attempt() and the set above: then go now.
        if (abandoned.get()) {
            runIfPending(retry);
        }
    }

    private void runIfPending(PendingRetry retry) {
        if (pendingRetry.compareAndSet(retry, null)) {
            retry.again().run();
        }
    }

    /** Runs on the blocking dispatcher; failures come back as values. */
    private Attempt writeOnce(List<TimeSeriesRow> rows) {
        long start = System.nanoTime();
        try {
            return new Attempt(store.writeBatch(rows), 0, List.of(), null, System.nanoTime() - start, null);
        } catch (SQLException e) {
            return SqlFailures.rowRefused(e) ? writeEach(rows, start) : Attempt.failed(rows, e);
        } catch (RuntimeException e) {
            return Attempt.failed(rows, e);
        }
    }

    /** The batch was refused for its data: write rows one by one so only the bad ones are lost. */
    private Attempt writeEach(List<TimeSeriesRow> rows, long start) {
        Map<TimeSeriesTable, Integer> ok = new EnumMap<>(TimeSeriesTable.class);
        int refused = 0;
        String firstReason = null;
        for (int i = 0; i < rows.size(); i++) {
            TimeSeriesRow row = rows.get(i);
            try {
                store.writeOne(row);
                ok.merge(row.table(), 1, Integer::sum);
            } catch (SQLException | RuntimeException e) {
                if (!SqlFailures.rowRefused(e)) {
                    return new Attempt(
                            ok,
                            refused,
                            List.copyOf(rows.subList(i, rows.size())),
                            e,
                            System.nanoTime() - start,
                            firstReason);
                }
                refused++;
                firstReason = firstReason == null ? SqlFailures.describe(e) : firstReason;
            }
        }
        return new Attempt(ok, refused, List.of(), null, System.nanoTime() - start, firstReason);
    }

    private void account(Attempt a) {
        int total = 0;
        for (Map.Entry<TimeSeriesTable, Integer> e : a.written().entrySet()) {
            written.add(e.getKey().tableName(), e.getValue());
            total += e.getValue();
        }
        if (total > 0) {
            writeSeconds.observeNanos(a.nanos());
            lastWrite.set(clock.instant());
        }
        if (a.refused() > 0) {
            dropped.add(REJECTED, a.refused());
            log.warn("database refused {} time-series row(s), dropped: {}", a.refused(), a.refusal());
        }
        backlog.addAndGet(-(total + a.refused()));
        if (a.failure() != null) {
            retries.inc();
            Instant now = clock.instant();
            if (failingSince.compareAndSet(null, now)) {
                log.warn(
                        "time-series writes failing, buffering up to {} rows and retrying: {}",
                        settings.bufferBound(),
                        SqlFailures.describe(a.failure()));
            }
        } else {
            Instant since = failingSince.getAndSet(null);
            if (since != null) {
                log.info(
                        "time-series writes resumed after {}; backlog {} rows, {} dropped for a full buffer meanwhile",
                        Duration.between(since, clock.instant()),
                        backlog.get(),
                        droppedFull.getAndSet(0));
            }
            if (backlog.get() < settings.bufferBound() / 2) {
                warnedFull.set(false);
            }
        }
    }

    /** What one write did: rows written per table, rows refused, and the rows still to write after a failure. */
    private record Attempt(
            Map<TimeSeriesTable, Integer> written,
            int refused,
            List<TimeSeriesRow> remaining,
            Throwable failure,
            long nanos,
            String refusal) {

        static Attempt failed(List<TimeSeriesRow> rows, Throwable failure) {
            return new Attempt(Map.of(), 0, rows, failure, 0, null);
        }
    }

    private record PendingRetry(Runnable again) {}
}
