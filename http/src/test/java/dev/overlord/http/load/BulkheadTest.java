package dev.overlord.http.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.overlord.metrics.Metrics;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate in front of queries, admin runs and password checks: bounded, refuses at once, never starts late work. */
class BulkheadTest {
    private static final long NO_DEADLINE = Long.MAX_VALUE / 2;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Metrics metrics = new Metrics();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private static <T> Bulkhead.Outcome<T> await(CompletionStage<Bulkhead.Outcome<T>> s) throws Exception {
        return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void whenEveryPlaceRunningAndWaitingIsTakenTheNextIsRefusedAtOnce() throws Exception {
        Bulkhead gate = new Bulkhead("test", new Bulkhead.Settings(1, 1), threads, metrics);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CompletionStage<Bulkhead.Outcome<String>> running = gate.submit(
                () -> {
                    started.countDown();
                    awaitQuietly(release);
                    return "first";
                },
                System.nanoTime() + NO_DEADLINE);
        started.await(10, TimeUnit.SECONDS);
        CompletionStage<Bulkhead.Outcome<String>> queued = gate.submit(() -> "second", System.nanoTime() + NO_DEADLINE);

        Bulkhead.Outcome<String> refused = await(gate.submit(() -> "third", System.nanoTime() + NO_DEADLINE));

        assertInstanceOf(Bulkhead.Outcome.Full.class, refused);
        assertEquals(1, metrics.value(Bulkhead.FULL, "gate", "test"));
        release.countDown();
        assertEquals(
                "first",
                assertInstanceOf(Bulkhead.Outcome.Done.class, await(running)).value());
        assertEquals(
                "second",
                assertInstanceOf(Bulkhead.Outcome.Done.class, await(queued)).value());
    }

    @Test
    void workThatWaitedPastItsDeadlineIsNotStarted() throws Exception {
        Bulkhead gate = new Bulkhead("test", new Bulkhead.Settings(1, 4), threads, metrics);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean ran = new AtomicBoolean();
        gate.submit(
                () -> {
                    started.countDown();
                    awaitQuietly(release);
                    return "blocking";
                },
                System.nanoTime() + NO_DEADLINE);
        started.await(10, TimeUnit.SECONDS);
        CompletionStage<Bulkhead.Outcome<String>> late = gate.submit(
                () -> {
                    ran.set(true);
                    return "late";
                },
                System.nanoTime());
        release.countDown();

        assertInstanceOf(Bulkhead.Outcome.Expired.class, await(late));
        assertFalse(ran.get(), "the expired work never ran");
        assertEquals(1, metrics.value(Bulkhead.EXPIRED, "gate", "test"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
