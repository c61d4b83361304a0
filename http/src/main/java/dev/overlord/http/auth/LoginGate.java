package dev.overlord.http.auth;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Bounded room for password checks: a few threads of their own (bcrypt is deliberately slow) and a
 * short queue, so a flood of logins can neither starve the shared blocking dispatcher (JDBC, the
 * time-series writer) nor queue without end. When full, a login is refused at once; a check that
 * waited longer than {@code maxWait} (its client has likely given up) is not started.
 */
public final class LoginGate implements AutoCloseable {

    /** What became of work offered to the gate. */
    public sealed interface Admission<T> {}

    /** The work ran. */
    public record Ran<T>(T value) implements Admission<T> {}

    /** Every thread busy and the queue full: refused without waiting. */
    public record Full<T>() implements Admission<T> {}

    /** It waited in the queue past {@code maxWait} and was not started. */
    public record Expired<T>() implements Admission<T> {}

    private final ThreadPoolExecutor pool;
    private final long maxWaitNanos;

    /**
     * @param running checks run at once (threads)
     * @param queue checks that may wait for a thread
     * @param maxWait how long a check may wait before it is dropped unstarted
     */
    public LoginGate(int running, int queue, Duration maxWait) {
        if (running < 1 || queue < 0) throw new IllegalArgumentException("running >= 1 and queue >= 0");
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                running,
                running,
                0,
                TimeUnit.MILLISECONDS,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, "overlord-login-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** A gate that is shut down with the actor system. */
    public static LoginGate start(ActorSystem<?> system, int running, int queue, Duration maxWait) {
        LoginGate gate = new LoginGate(running, queue, maxWait);
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "stop-login-gate", () -> {
            gate.close();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        return gate;
    }

    /** Runs {@code work} on the gate's threads if there is room, never blocking the caller. */
    public <T> CompletionStage<Admission<T>> offer(Supplier<T> work) {
        CompletableFuture<Admission<T>> result = new CompletableFuture<>();
        long offered = System.nanoTime();
        try {
            pool.execute(() -> {
                if (System.nanoTime() - offered > maxWaitNanos) {
                    result.complete(new Expired<>());
                    return;
                }
                try {
                    result.complete(new Ran<>(work.get()));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.complete(new Full<>());
        }
        return result;
    }

    /** Checks running or waiting now. */
    public int busy() {
        return pool.getActiveCount() + pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
