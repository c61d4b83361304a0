package dev.overlord.live;

import java.util.ArrayList;
import java.util.List;

/**
 * The last N events by sequence number, for browsers that reconnect. Written by the hub's single
 * stage, read by connecting subscribers; a plain lock is enough at these rates.
 */
final class ReplayBuffer {
    private final LiveEvent[] ring;
    private long newest = 0; // seq of the newest event held, 0 = none

    ReplayBuffer(int capacity) {
        this.ring = new LiveEvent[Math.max(1, capacity)];
    }

    synchronized void add(LiveEvent e) {
        ring[(int) (e.seq() % ring.length)] = e;
        newest = e.seq();
    }

    /** Oldest sequence number still held, or newest+1 when empty. */
    synchronized long oldest() {
        return newest == 0 ? 1 : Math.max(1, newest - ring.length + 1);
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
