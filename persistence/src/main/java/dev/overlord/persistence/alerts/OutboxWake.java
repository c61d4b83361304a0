package dev.overlord.persistence.alerts;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells the outbox's delivery job that deliveries may be waiting (an alert was just raised), so it
 * looks every pass for a while instead of only at its slow sweep: an idle server does not borrow
 * a database connection every second to find an empty outbox.
 */
public final class OutboxWake {

    private final AtomicReference<Instant> until = new AtomicReference<>(Instant.MIN);

    /** Look every pass until {@code until}. */
    public void wakeUntil(Instant until) {
        this.until.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }

    boolean awake(Instant now) {
        return !now.isAfter(until.get());
    }
}
