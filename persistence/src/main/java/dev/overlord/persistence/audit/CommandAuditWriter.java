package dev.overlord.persistence.audit;

import dev.overlord.jobs.PeriodicJob;
import dev.overlord.metrics.Metrics;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records browser commands off the request path: {@link #record} never blocks (a full buffer counts
 * the command as lost), a stream writes them in batches on the blocking executor, and a
 * {@link PeriodicJob} purges those older than {@code keep-for}.
 */
public final class CommandAuditWriter {
    public static final String RECORDED = "overlord_command_audit_recorded_total";
    public static final String LOST = "overlord_command_audit_lost_total";

    private static final Logger log = LoggerFactory.getLogger(CommandAuditWriter.class);

    private final BoundedSourceQueue<CommandAudit.Command> queue;
    private final CompletionStage<Done> finished;
    private final Metrics.Counter recorded;
    private final Metrics.LabeledCounter lost;
    private final AtomicLong bufferFull = new AtomicLong();

    private CommandAuditWriter(
            ActorSystem<?> system,
            CommandAudit store,
            CommandAuditSettings settings,
            Executor blocking,
            Metrics metrics) {
        this.recorded = metrics.counter(RECORDED, "Browser commands written to the audit trail");
        this.lost = metrics.labeledCounter(
                LOST,
                "reason",
                "Browser commands not written to the audit trail, by reason (buffer_full, write_failed)");
        lost.add("buffer_full", 0);
        lost.add("write_failed", 0);
        Pair<BoundedSourceQueue<CommandAudit.Command>, CompletionStage<Done>> run = Source.<CommandAudit.Command>queue(
                        settings.buffer())
                .groupedWithin(settings.batchSize(), settings.maxDelay())
                .mapAsync(1, batch -> write(store, batch, blocking))
                .toMat(Sink.ignore(), Keep.both())
                .run(Materializer.matFromSystem(system));
        this.queue = run.first();
        this.finished = run.second();
    }

    /**
     * Starts the writer and its purge job; both stop in CoordinatedShutdown's service-stop phase,
     * the writer after writing what it holds.
     */
    public static CommandAuditWriter start(
            ActorSystem<?> system,
            CommandAudit store,
            CommandAuditSettings settings,
            Executor blocking,
            Metrics metrics,
            Clock clock) {
        CommandAuditWriter writer = new CommandAuditWriter(system, store, settings, blocking, metrics);
        CoordinatedShutdown.get(system)
                .addTask(CoordinatedShutdown.PhaseServiceStop(), "stop-command-audit", writer::stop);
        PeriodicJob.start(
                system,
                new PeriodicJob.Schedule("command-audit-retention", settings.purgeEvery(), settings.purgeEvery()),
                blocking,
                metrics,
                () -> {
                    int n = store.purgeBefore(clock.instant().minus(settings.keepFor()));
                    if (n > 0) log.info("command audit: purged {} command(s) older than {}", n, settings.keepFor());
                });
        return writer;
    }

    /** Queues {@code command} to be written; false (and counted) when the buffer is full or closed. */
    public boolean record(CommandAudit.Command command) {
        QueueOfferResult result = queue.offer(command);
        if (result.isEnqueued()) return true;
        lost.inc("buffer_full");
        long n = bufferFull.incrementAndGet();
        if (n == 1 || n % 100 == 0) {
            log.warn("command audit: buffer full or closed, a command was not recorded [{} so far]", n);
        }
        return false;
    }

    /** Stops accepting commands; completes when what was queued is written. */
    public CompletionStage<Done> stop() {
        queue.complete();
        return finished.handle((d, e) -> Done.getInstance());
    }

    private CompletionStage<Done> write(CommandAudit store, List<CommandAudit.Command> batch, Executor blocking) {
        return CompletableFuture.runAsync(() -> store.insert(batch), blocking).handle((ok, failure) -> {
            if (failure == null) {
                recorded.add(batch.size());
            } else {
                lost.add("write_failed", batch.size());
                log.warn("command audit: {} command(s) not recorded: {}", batch.size(), failure.toString());
            }
            return Done.getInstance();
        });
    }
}
