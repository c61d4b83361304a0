package dev.overlord.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The last N events by sequence number, for browsers that reconnect. */
class ReplayBufferTest {

    static LiveEvent event(long seq) {
        return new LiveEvent(seq, "telemetry", "Larsson", "{\"seq\":" + seq + "}");
    }

    static ReplayBuffer holding(int capacity, long upTo) {
        ReplayBuffer b = new ReplayBuffer(capacity);
        LongStream.rangeClosed(1, upTo).forEach(s -> b.add(event(s)));
        return b;
    }

    static List<Long> seqs(List<LiveEvent> events) {
        return events.stream().map(LiveEvent::seq).toList();
    }

    @Test
    void anEmptyBufferHoldsNothingAndStartsAtOne() {
        ReplayBuffer b = new ReplayBuffer(3);
        assertEquals(1, b.oldest());
        assertEquals(List.of(), b.range(1, 0));
        assertNull(b.range(1, 1), "seq 1 was never seen");
    }

    @Test
    void beforeWrappingEverythingIsHeld() {
        ReplayBuffer b = holding(5, 3);
        assertEquals(1, b.oldest());
        assertEquals(List.of(1L, 2L, 3L), seqs(b.range(1, 3)));
        assertEquals(List.of(2L), seqs(b.range(2, 2)));
    }

    @Test
    void afterWrappingOnlyTheNewestCapacityEventsAreHeld() {
        ReplayBuffer b = holding(3, 7);
        assertEquals(5, b.oldest());
        assertEquals(List.of(5L, 6L, 7L), seqs(b.range(5, 7)));
        assertEquals(List.of(6L, 7L), seqs(b.range(6, 7)));
    }

    @Test
    void aRangeReachingBeforeTheOldestIsAGap() {
        ReplayBuffer b = holding(3, 7);
        assertNull(b.range(4, 7));
        assertNull(b.range(1, 5));
    }

    @Test
    void aRangeReachingBeyondTheNewestIsAGap() {
        assertNull(holding(3, 7).range(6, 8));
    }

    @Test
    void wrappingManyTimesKeepsTheOrder() {
        ReplayBuffer b = holding(4, 1003);
        assertEquals(List.of(1000L, 1001L, 1002L, 1003L), seqs(b.range(1000, 1003)));
        assertEquals("{\"seq\":1001}", b.range(1001, 1001).getFirst().text());
    }

    @Test
    void aCapacityBelowOneStillHoldsTheNewest() {
        ReplayBuffer b = holding(0, 2);
        assertEquals(List.of(2L), seqs(b.range(2, 2)));
        assertNull(b.range(1, 2));
    }
}
