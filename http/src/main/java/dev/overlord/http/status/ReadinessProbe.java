package dev.overlord.http.status;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The database check behind {@code /ready}, cheap enough to answer while queries flood: one check
 * at a time on a virtual thread of its own (never queued behind queries on the blocking
 * dispatcher), its answer reused while fresh, and a probe that waits no longer than the check's
 * timeout. A flood of {@code /ready} requests costs at most one database round trip per
 * {@code freshFor}.
 */
public final class ReadinessProbe {
    private record Checked(long atNanos, boolean up) {}

    private final Predicate<Duration> reachable;
    private final Duration freshFor;
    private final Duration timeout;
    private final AtomicReference<Checked> last = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Boolean>> inFlight = new AtomicReference<>();

    /**
     * @param reachable whether the database answers within the given time (blocks at most that long)
     * @param freshFor how long an answer is reused; zero checks on every probe (still one at a time)
     * @param timeout the longest one check may take before it counts as down
     */
    public ReadinessProbe(Predicate<Duration> reachable, Duration freshFor, Duration timeout) {
        this.reachable = reachable;
        this.freshFor = freshFor;
        this.timeout = timeout;
    }

    /**
     * Whether the last check found the database down, answered at once (never waits); a stale
     * answer starts a new check in the background. The read API uses it to refuse at once rather
     * than wait for a connection that will not come.
     */
    public boolean knownDown() {
        Checked c = last.get();
        if (c == null || System.nanoTime() - c.atNanos() >= freshFor.toNanos()) check();
        return c != null && !c.up();
    }

    /** Whether the database is reachable: the fresh answer, the check in progress, or a new check. */
    public CompletableFuture<Boolean> check() {
        Checked c = last.get();
        if (c != null && System.nanoTime() - c.atNanos() < freshFor.toNanos()) {
            return CompletableFuture.completedFuture(c.up());
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.compareAndExchange(null, mine);
        if (running != null) return running;
        Thread.ofVirtual().name("overlord-ready-check").start(() -> {
            boolean up;
            try {
                up = reachable.test(timeout);
            } catch (RuntimeException e) {
                up = false;
            }
            last.set(new Checked(System.nanoTime(), up));
            inFlight.set(null);
            mine.complete(up);
        });
        // The check bounds itself; this bounds the probe even if it does not.
        return mine.copy().completeOnTimeout(false, timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    }
}
