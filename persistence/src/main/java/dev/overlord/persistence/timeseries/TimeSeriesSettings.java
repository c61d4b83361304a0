package dev.overlord.persistence.timeseries;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the time-series writer batches, buffers and retries: {@code overlord.timeseries}.
 *
 * @param bufferBound rows accepted but not yet written (queued, batching or being retried) before
 *     new frames are dropped
 * @param batchSize most rows in one write
 * @param maxDelay longest a row waits for its batch to fill
 * @param retryMin first pause after a failed write; doubles per failure
 * @param retryMax longest pause between retries
 * @param drainTimeout how long shutdown waits for the backlog to be written before dropping it
 */
public record TimeSeriesSettings(
        int bufferBound,
        int batchSize,
        Duration maxDelay,
        Duration retryMin,
        Duration retryMax,
        Duration drainTimeout) {

    public TimeSeriesSettings {
        if (batchSize < 1 || bufferBound < batchSize) {
            throw new IllegalArgumentException(
                    "overlord.timeseries needs 1 <= batch-size <= buffer-bound, got batch-size " + batchSize
                            + " and buffer-bound " + bufferBound);
        }
        positive("max-delay", maxDelay);
        positive("retry-min", retryMin);
        positive("drain-timeout", drainTimeout);
        if (retryMax.compareTo(retryMin) < 0) {
            throw new IllegalArgumentException("overlord.timeseries.retry-max must not be below retry-min");
        }
    }

    /** Reads {@code overlord.timeseries} (defaults in persistence's reference.conf). */
    public static TimeSeriesSettings from(Config root) {
        Config c = root.getConfig("overlord.timeseries");
        return new TimeSeriesSettings(
                c.getInt("buffer-bound"),
                c.getInt("batch-size"),
                c.getDuration("max-delay"),
                c.getDuration("retry-min"),
                c.getDuration("retry-max"),
                c.getDuration("drain-timeout"));
    }

    /** The pause after {@code failures} consecutive failed writes (1 = the first). */
    public Duration backoff(int failures) {
        Duration d = retryMin;
        for (int i = 1; i < failures && d.compareTo(retryMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }

    static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("overlord.timeseries." + name + " must be positive, got " + d);
        }
    }
}
