package dev.overlord.jobs;

import dev.overlord.metrics.Metrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pattern for every periodic job (retention, partition maintenance, portal expiry): after an
 * initial delay and then every interval the work runs on the blocking executor, never overlapping
 * itself (a tick while a run is in progress is skipped); a failed run is logged and counted and
 * the schedule goes on; CoordinatedShutdown cancels the schedule and waits for a run in progress
 * before the database pool closes.
 */
public final class PeriodicJob {
    public static final String RUNS = "overlord_job_runs_total";
    public static final String FAILURES = "overlord_job_failures_total";
    public static final String SKIPPED = "overlord_job_skipped_total";

    private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);

    /** When a job runs: {@code name} labels its metrics and log lines. */
    public record Schedule(String name, Duration initialDelay, Duration interval) {
        public Schedule {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("a job needs a name");
            if (initialDelay.isNegative())
                throw new IllegalArgumentException(name + ": initial delay must not be negative");
            if (interval.isZero() || interval.isNegative())
                throw new IllegalArgumentException(name + ": interval must be positive");
        }
    }

    /** The work of one run; it blocks (JDBC) and fails by throwing. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final Schedule schedule;
    private final Work work;
    private final Executor blocking;
    private final Metrics.LabeledCounter runs;
    private final Metrics.LabeledCounter failures;
    private final Metrics.LabeledCounter skipped;
    private final AtomicReference<CompletableFuture<Done>> running = new AtomicReference<>();
    private volatile Cancellable ticks;

    private PeriodicJob(Schedule schedule, Work work, Executor blocking, Metrics metrics) {
        this.schedule = schedule;
        this.work = work;
        this.blocking = blocking;
        this.runs = metrics.labeledCounter(RUNS, "job", "Periodic job runs started, by job");
        this.failures = metrics.labeledCounter(FAILURES, "job", "Periodic job runs that failed, by job");
        this.skipped = metrics.labeledCounter(
                SKIPPED, "job", "Periodic job ticks skipped because a run was in progress, by job");
        runs.add(schedule.name(), 0);
        failures.add(schedule.name(), 0);
        skipped.add(schedule.name(), 0);
    }

    /** Schedules {@code work}; stopped in CoordinatedShutdown's service-stop phase. */
    public static PeriodicJob start(
            ActorSystem<?> system, Schedule schedule, Executor blocking, Metrics metrics, Work work) {
        PeriodicJob job = new PeriodicJob(schedule, work, blocking, metrics);
        job.ticks = system.scheduler()
                .scheduleWithFixedDelay(
                        schedule.initialDelay(), schedule.interval(), job::tick, system.executionContext());
        CoordinatedShutdown.get(system)
                .addTask(CoordinatedShutdown.PhaseServiceStop(), "stop-job-" + schedule.name(), job::stop);
        return job;
    }

    public String name() {
        return schedule.name();
    }

    /**
     * Runs the work now unless a run is in progress; completes when this run, or the one in
     * progress, has ended (successfully or not: a failure is logged and counted, not returned).
     */
    public CompletionStage<Done> runNow() {
        CompletableFuture<Done> mine = new CompletableFuture<>();
        CompletableFuture<Done> current = running.compareAndExchange(null, mine);
        if (current != null) return current;
        runs.inc(schedule.name());
        CompletableFuture.runAsync(
                        () -> {
                            try {
                                work.run();
                            } catch (Exception e) {
                                failures.inc(schedule.name());
                                log.warn("job {} failed, the next run tries again: {}", schedule.name(), e.toString());
                            }
                        },
                        blocking)
                .whenComplete((ok, rejected) -> {
                    if (rejected != null) {
                        failures.inc(schedule.name());
                        log.warn("job {} could not run: {}", schedule.name(), rejected.toString());
                    }
                    running.set(null);
                    mine.complete(Done.getInstance());
                });
        return mine;
    }

    /** Cancels the schedule; completes when a run in progress has ended. */
    public CompletionStage<Done> stop() {
        if (ticks != null) ticks.cancel();
        CompletableFuture<Done> current = running.get();
        return current == null ? CompletableFuture.completedFuture(Done.getInstance()) : current;
    }

    private void tick() {
        if (running.get() != null) {
            skipped.inc(schedule.name());
            return;
        }
        runNow();
    }
}
