package dev.overlord.bench;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Deadlines for the load driver: every wait is bounded. Not Awaitility (the tests' choice): these
 * waits run in the measured JVM, between and inside measurement windows, and only park this thread.
 */
final class Waits {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Waits() {}

    /** Polls {@code condition} until it holds; fails after {@code timeout}. */
    static void until(BooleanSupplier condition, Duration timeout, String what) {
        if (!within(condition, timeout)) {
            throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        }
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; says which. */
    static boolean within(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) return false;
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    /** Lets {@code d} pass (the length of a warm-up or a measurement window). */
    static void pass(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) LockSupport.parkNanos(left);
    }

    static <T> T await(CompletionStage<T> stage, Duration timeout, String what) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        }
    }
}
