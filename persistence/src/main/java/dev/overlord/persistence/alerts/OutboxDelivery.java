package dev.overlord.persistence.alerts;

import dev.overlord.alerts.AlertTarget;
import dev.overlord.alerts.TargetNames;
import dev.overlord.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the outbox, run by a periodic job: each due delivery goes to its target, in id
 * order within its lane and target, and its outcome is written before the next. A delivery that
 * fails holds back the later ones of its lane and target (order is kept) and is tried again after
 * a growing pause (or the receiver's Retry-After); one refused for good is set aside and counted.
 *
 * <p>An alert is marked sent only after its target accepted it: if the server dies between the
 * two, that one delivery is sent again at start-up (at least once, and at most once otherwise).
 * Target names, never their URLs, are logged: a webhook URL carries its token.
 */
public final class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    /**
     * @param batch deliveries looked at per pass
     * @param sendTimeout an attempt not answered by then counts as failed
     * @param retryMin the first pause after a failure, doubling per attempt up to {@code retryMax}
     */
    public record Settings(int batch, Duration sendTimeout, Duration retryMin, Duration retryMax, Duration sweepEvery) {
        public Settings(int batch, Duration sendTimeout, Duration retryMin, Duration retryMax) {
            this(batch, sendTimeout, retryMin, retryMax, Duration.ZERO);
        }

        public static Settings from(com.typesafe.config.Config c) {
            return new Settings(
                    c.getInt("batch"),
                    c.getDuration("send-timeout"),
                    c.getDuration("retry-min"),
                    c.getDuration("retry-max"),
                    c.getDuration("sweep-every"));
        }
    }

    private final Outbox outbox;
    private final Function<String, Optional<AlertTarget>> targets;
    private final Settings settings;
    private final Clock clock;
    private final Metrics.Counter delivered;
    private final Metrics.Counter failed;
    private final Metrics.Counter rejected;
    private final OutboxWake wake;
    // Touched by the job's runs only, which never overlap.
    private Instant nextLook = Instant.MIN;

    public OutboxDelivery(
            Outbox outbox,
            Function<String, Optional<AlertTarget>> targets,
            Settings settings,
            Clock clock,
            Metrics metrics) {
        this(outbox, targets, settings, clock, metrics, new OutboxWake());
    }

    /**
     * @param wake woken when an alert is raised: until then a pass looks at the outbox only at its
     *     sweep (every {@code sweepEvery}) or when a delivery it holds back comes due
     */
    public OutboxDelivery(
            Outbox outbox,
            Function<String, Optional<AlertTarget>> targets,
            Settings settings,
            Clock clock,
            Metrics metrics,
            OutboxWake wake) {
        this.wake = wake;
        this.outbox = outbox;
        this.targets = targets;
        this.settings = settings;
        this.clock = clock;
        this.delivered = metrics.counter("overlord_alerts_delivered_total", "Alert deliveries a target accepted");
        this.failed = metrics.counter(
                "overlord_alert_delivery_failures_total", "Alert delivery attempts that failed and will be retried");
        this.rejected = metrics.counter(
                "overlord_alerts_rejected_total", "Alert deliveries refused for good (set aside in the outbox)");
    }

    /** Delivers what is due; returns how many deliveries were attempted. */
    public int runOnce() {
        Instant started = clock.instant();
        if (started.isBefore(nextLook) && !wake.awake(started)) return 0;
        List<Outbox.Delivery> pending = outbox.pending(settings.batch());
        // Next look: at the sweep, sooner when a delivery held back comes due, at once when the batch was full.
        nextLook = pending.size() == settings.batch() ? started : started.plus(settings.sweepEvery());
        return deliver(pending);
    }

    /** Brings the next look forward to {@code due}, when a delivery held back comes due then. */
    private void lookAgainBy(Instant due) {
        if (due.isBefore(nextLook)) nextLook = due;
    }

    private int deliver(List<Outbox.Delivery> pending) {
        Set<String> heldBack = new HashSet<>();
        int attempted = 0;
        for (Outbox.Delivery d : pending) {
            String lane = d.lane() + '\n' + d.target();
            Instant now = clock.instant();
            if (heldBack.contains(lane)) continue;
            if (d.nextAttemptAt().isAfter(now)) {
                heldBack.add(lane);
                lookAgainBy(d.nextAttemptAt());
                continue;
            }
            attempted++;
            Optional<AlertTarget> target = targets.apply(d.target());
            if (target.isEmpty()) {
                outbox.rejected(d.id(), now, "target not configured: " + TargetNames.forLog(d.target()));
                rejected.inc();
                log.warn(
                        "alert {} set aside: no target {} is configured",
                        d.alert().id(),
                        TargetNames.forLog(d.target()));
                continue;
            }
            AlertTarget.Outcome outcome = attempt(target.get(), d);
            switch (outcome) {
                case AlertTarget.Sent s -> {
                    outbox.sent(d.id(), clock.instant());
                    delivered.inc();
                }
                case AlertTarget.Retry r -> {
                    Duration backoff = backoff(d.attempts());
                    Duration wait = r.after() != null && r.after().compareTo(backoff) > 0 ? r.after() : backoff;
                    Instant next = clock.instant().plus(wait);
                    outbox.retry(d.id(), next, r.why());
                    lookAgainBy(next);
                    failed.inc();
                    heldBack.add(lane);
                    if (d.attempts() == 0 || Long.bitCount(d.attempts() + 1L) == 1) {
                        log.warn(
                                "alert {} to {}: not delivered ({}), attempt {}, next in {}",
                                d.alert().id(),
                                target.get().name(),
                                r.why(),
                                d.attempts() + 1,
                                wait);
                    }
                }
                case AlertTarget.Rejected r -> {
                    outbox.rejected(d.id(), clock.instant(), r.why());
                    rejected.inc();
                    log.warn(
                            "alert {} to {}: refused for good ({}), set aside",
                            d.alert().id(),
                            target.get().name(),
                            r.why());
                }
            }
        }
        return attempted;
    }

    private AlertTarget.Outcome attempt(AlertTarget target, Outbox.Delivery d) {
        try {
            return target.send(d.alert())
                    .toCompletableFuture()
                    .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return new AlertTarget.Retry(null, "no answer within " + settings.sendTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AlertTarget.Retry(null, "interrupted");
        } catch (Exception e) {
            Throwable cause =
                    e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            return new AlertTarget.Retry(null, cause.getClass().getSimpleName());
        }
    }

    Duration backoff(int attempts) {
        Duration d = settings.retryMin().multipliedBy(1L << Math.min(attempts, 20));
        return d.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : d;
    }
}
