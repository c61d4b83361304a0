package dev.overlord.discord;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exponential backoff across calls: each failure in a row doubles the wait the outbox is told, up
 * to a maximum; a success starts over. One per target, so one receiver's outage does not slow
 * another's deliveries.
 */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private final AtomicInteger failures = new AtomicInteger();

    Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
    }

    /** The wait after one more failure. */
    Duration next() {
        int n = failures.getAndUpdate(f -> Math.min(f + 1, 30));
        Duration d = min.multipliedBy(1L << Math.min(n, 30));
        return d.compareTo(max) > 0 || d.isNegative() ? max : d;
    }

    void reset() {
        failures.set(0);
    }
}
