package dev.overlord.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies in nanoseconds, recorded from many threads without locks: exact below 256 ns, then
 * 128 buckets per power of two (under 0.8 % error), enough for p50 and p99.
 */
public final class LatencyHistogram {
    private static final int SUB = 128;
    private static final int EXACT = 2 * SUB;
    private static final int SIZE = EXACT + (63 - 8) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(SIZE);
    private final LongAdder total = new LongAdder();
    private final LongAdder negative = new LongAdder();

    public void record(long nanos) {
        if (nanos < 0) {
            negative.increment();
            nanos = 0;
        }
        counts.incrementAndGet(index(nanos));
        total.increment();
    }

    public long count() {
        return total.sum();
    }

    /** Samples that came out negative (clock trouble); they are counted as 0. */
    public long negatives() {
        return negative.sum();
    }

    /** The value at quantile {@code q} (0..1) in nanoseconds, or -1 without samples. */
    public long quantile(double q) {
        long n = 0;
        long[] snapshot = new long[SIZE];
        for (int i = 0; i < SIZE; i++) {
            snapshot[i] = counts.get(i);
            n += snapshot[i];
        }
        if (n == 0) return -1;
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < SIZE; i++) {
            seen += snapshot[i];
            if (seen >= rank) return valueOf(i);
        }
        return valueOf(SIZE - 1);
    }

    public double quantileMillis(double q) {
        long v = quantile(q);
        return v < 0 ? Double.NaN : v / 1e6;
    }

    static int index(long v) {
        if (v < EXACT) return (int) v;
        int exp = 63 - Long.numberOfLeadingZeros(v); // >= 8
        int shift = exp - 7;
        int sub = (int) (v >>> shift) - SUB; // 0..127
        return EXACT + (exp - 8) * SUB + sub;
    }

    /** The middle of a bucket. */
    static long valueOf(int index) {
        if (index < EXACT) return index;
        int exp = (index - EXACT) / SUB + 8;
        int sub = (index - EXACT) % SUB;
        int shift = exp - 7;
        long low = ((long) (SUB + sub)) << shift;
        return low + (1L << shift) / 2;
    }
}
