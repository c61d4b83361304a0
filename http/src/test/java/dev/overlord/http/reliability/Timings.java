package dev.overlord.http.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Durations measured by a suite, thread-safe to add to, summarised as the figures docs/reliability.md records. */
final class Timings {
    private final List<Long> nanos = new ArrayList<>();

    synchronized void add(Duration d) {
        nanos.add(d.toNanos());
    }

    synchronized void addNanos(long n) {
        nanos.add(n);
    }

    synchronized void forEach(java.util.function.LongConsumer each) {
        nanos.forEach(each::accept);
    }

    synchronized int count() {
        return nanos.size();
    }

    /** The {@code p}-th percentile (0..100, nearest rank); zero when empty. */
    synchronized Duration percentile(double p) {
        if (nanos.isEmpty()) return Duration.ZERO;
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return Duration.ofNanos(sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))));
    }

    Duration max() {
        return percentile(100);
    }

    /** {@code n=…, p50=… ms, p99=… ms, max=… ms}. */
    String summary() {
        return String.format(
                "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", count(), ms(percentile(50)), ms(percentile(99)), ms(max()));
    }

    static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
