package dev.overlord.live;

import java.util.ArrayList;
import java.util.List;

/**
 * The last events by sequence number, for browsers that reconnect: at most {@code capacity} of
 * them and at most {@code budgetChars} characters of text, whichever is reached first (the newest
 * event is always kept). Written by the hub's single stage, read by connecting subscribers; a
 * plain lock is enough at these rates.
 */
final class ReplayBuffer {
    private final LiveEvent[] ring;
    private final long budgetChars;
    private long newest = 0; // seq of the newest event held, 0 = none
    private long floor = 1; // lowest seq still held
    private long chars;

    ReplayBuffer(int capacity, long budgetChars) {
        this.ring = new LiveEvent[Math.max(1, capacity)];
        this.budgetChars = budgetChars;
    }

    ReplayBuffer(int capacity) {
        this(capacity, Long.MAX_VALUE);
    }

    synchronized void add(LiveEvent e) {
        int slot = (int) (e.seq() % ring.length);
        LiveEvent overwritten = ring[slot];
        if (overwritten != null) chars -= overwritten.text().length();
        ring[slot] = e;
        chars += e.text().length();
        newest = e.seq();
        floor = Math.max(floor, newest - ring.length + 1);
        // Over budget: the oldest go first, one at a time, never the newest.
        while (chars > budgetChars && floor < newest) {
            int s = (int) (floor % ring.length);
            if (ring[s] != null) {
                chars -= ring[s].text().length();
                ring[s] = null;
            }
            floor++;
        }
    }

    /** Oldest sequence number still held, or newest+1 when empty. */
    synchronized long oldest() {
        return newest == 0 ? 1 : floor;
    }

    /** Characters of text held: the gauge of this buffer's memory. */
    synchronized long chars() {
        return chars;
    }

    /**
     * Events with {@code from <= seq <= to}, or null when some of them are no longer held (a gap).
     */
    synchronized List<LiveEvent> range(long from, long to) {
        if (from > to) return List.of();
        if (from < oldest() || to > newest) return null;
        List<LiveEvent> out = new ArrayList<>((int) (to - from + 1));
        for (long s = from; s <= to; s++) out.add(ring[(int) (s % ring.length)]);
        return out;
    }
}
