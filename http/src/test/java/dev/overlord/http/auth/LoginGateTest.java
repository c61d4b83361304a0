package dev.overlord.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The password-check gate: bounded, refuses at once when full, never starts what waited too long. */
class LoginGateTest {

    private static <T> LoginGate.Admission<T> await(CompletionStage<LoginGate.Admission<T>> s) throws Exception {
        return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void whenEveryThreadAndQueueSlotIsTakenTheNextIsRefusedAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (LoginGate gate = new LoginGate(1, 1, Duration.ofMinutes(1))) {
            CompletionStage<LoginGate.Admission<String>> running = gate.offer(() -> {
                started.countDown();
                awaitQuietly(release);
                return "first";
            });
            started.await(10, TimeUnit.SECONDS);
            CompletionStage<LoginGate.Admission<String>> queued = gate.offer(() -> "second");

            LoginGate.Admission<String> refused = await(gate.offer(() -> "third"));

            assertInstanceOf(LoginGate.Full.class, refused);
            assertEquals(2, gate.busy());
            release.countDown();
            assertEquals(
                    "first",
                    assertInstanceOf(LoginGate.Ran.class, await(running)).value());
            assertEquals(
                    "second",
                    assertInstanceOf(LoginGate.Ran.class, await(queued)).value());
        }
    }

    @Test
    void workThatWaitedPastMaxWaitIsNotStarted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean ran = new AtomicBoolean();
        try (LoginGate gate = new LoginGate(1, 4, Duration.ZERO)) {
            gate.offer(() -> {
                started.countDown();
                awaitQuietly(release);
                return "blocking";
            });
            started.await(10, TimeUnit.SECONDS);
            CompletionStage<LoginGate.Admission<String>> late = gate.offer(() -> {
                ran.set(true);
                return "late";
            });
            release.countDown();

            assertInstanceOf(LoginGate.Expired.class, await(late));
            assertFalse(ran.get(), "the expired check never ran");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
