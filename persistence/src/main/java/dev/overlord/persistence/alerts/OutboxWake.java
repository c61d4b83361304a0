package dev.overlord.persistence.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells the outbox's delivery job that deliveries may be waiting (an alert was just raised, or the
 * projection is queueing one, which it also does catching up after a restart), so it looks every
 * pass for a while instead of only at its slow sweep: an idle server does not borrow a database
 * connection every second to find an empty outbox.
 */
public final class OutboxWake {

    /** How long after a delivery is queued the outbox is looked at every pass. */
    public static final Duration AWAKE_FOR = Duration.ofSeconds(30);

    private final AtomicReference<Instant> until = new AtomicReference<>(Instant.MIN);

    /** A delivery is being queued at {@code now}: look every pass for {@link #AWAKE_FOR}. */
    public void queued(Instant now) {
        wakeUntil(now.plus(AWAKE_FOR));
    }

    /** Look every pass until {@code until}. */
    public void wakeUntil(Instant until) {
        this.until.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }

    boolean awake(Instant now) {
        return !now.isAfter(until.get());
    }
}
