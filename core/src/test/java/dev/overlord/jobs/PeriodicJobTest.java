package dev.overlord.jobs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.metrics.Metrics;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Given a schedule and some work, expect runs that never overlap, failures counted, and a clean stop. */
class PeriodicJobTest {
    static final ActorTestKit kit = ActorTestKit.create();
    static final ExecutorService blocking = Executors.newCachedThreadPool();
    static final Duration PATIENCE = Duration.ofSeconds(10);

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
        blocking.shutdownNow();
    }

    static PeriodicJob.Schedule every(String name, Duration interval) {
        return new PeriodicJob.Schedule(name, Duration.ZERO, interval);
    }

    @Test
    void aSlowRunIsNeverOverlappedAndTheTicksDuringItAreSkipped() throws Exception {
        Metrics metrics = new Metrics();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        PeriodicJob job =
                PeriodicJob.start(kit.system(), every("slow", Duration.ofMillis(10)), blocking, metrics, () -> {
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    try {
                        release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    } finally {
                        concurrent.decrementAndGet();
                    }
                });

        await().atMost(PATIENCE).until(() -> metrics.value(PeriodicJob.SKIPPED, "job", "slow") >= 3);
        assertEquals(1, metrics.value(PeriodicJob.RUNS, "job", "slow"), "one run in progress, the other ticks skipped");
        CompletionStage<?> stopped = job.stop();
        assertFalse(stopped.toCompletableFuture().isDone(), "stop waits for the run in progress");
        release.countDown();
        stopped.toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(1, maxConcurrent.get());
    }

    @Test
    void aFailedRunIsCountedAndTheScheduleGoesOn() {
        Metrics metrics = new Metrics();
        AtomicInteger attempts = new AtomicInteger();
        PeriodicJob job =
                PeriodicJob.start(kit.system(), every("flaky", Duration.ofMillis(20)), blocking, metrics, () -> {
                    if (attempts.incrementAndGet() <= 2) throw new IllegalStateException("database away");
                });

        await().atMost(PATIENCE).until(() -> attempts.get() >= 4);
        job.stop();
        assertEquals(2, metrics.value(PeriodicJob.FAILURES, "job", "flaky"));
        assertTrue(metrics.value(PeriodicJob.RUNS, "job", "flaky") >= 4);
    }

    @Test
    void afterStopNoRunStarts() throws Exception {
        Metrics metrics = new Metrics();
        AtomicInteger runs = new AtomicInteger();
        PeriodicJob job = PeriodicJob.start(
                kit.system(),
                new PeriodicJob.Schedule("later", Duration.ofMillis(200), Duration.ofMillis(200)),
                blocking,
                metrics,
                runs::incrementAndGet);
        job.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // On a loaded machine a tick may come due before stop() is reached: that run is not the question.
        int atStop = runs.get();

        // The next tick would have been due at 200 ms: a run of our own, timed on the same scheduler, comes after it.
        CountDownLatch afterDue = new CountDownLatch(1);
        kit.system()
                .scheduler()
                .scheduleOnce(
                        Duration.ofMillis(600),
                        afterDue::countDown,
                        kit.system().executionContext());
        assertTrue(afterDue.await(10, TimeUnit.SECONDS));
        assertEquals(atStop, runs.get(), "no run started after stop");
    }

    @Test
    void aScheduleNeedsANameAndAPositiveInterval() {
        assertThrows(IllegalArgumentException.class, () -> every(" ", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> every("x", Duration.ZERO));
    }
}
