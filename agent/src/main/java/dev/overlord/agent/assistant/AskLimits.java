package dev.overlord.agent.assistant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Who may ask now: at most {@code rateMax} questions per user over a rolling {@code window} (by
 * the given clock), {@code perUser} running per user, {@code maxRunning} running in all. A
 * question is counted against the rate only once admitted, so a refusal costs nothing.
 */
final class AskLimits {
    /** The answer to "may this user ask now?". */
    sealed interface Verdict {
        /** Admitted: call {@link AskLimits#release} with it when the question ends. */
        record Admitted(String user, Instant at) implements Verdict {}

        /** Past the rate: try again in {@code retryAfterSeconds}. */
        record RateLimited(long retryAfterSeconds) implements Verdict {}

        /** The user's own questions are running. */
        record UserBusy() implements Verdict {}

        /** The server runs as many questions as it may. */
        record ServerBusy() implements Verdict {}
    }

    private final Clock clock;
    private final Duration window;
    private final int rateMax;
    private final int perUser;
    private final int maxRunning;
    // guarded by this
    private final Map<String, Deque<Instant>> asked = new HashMap<>();
    private final Map<String, Integer> runningByUser = new HashMap<>();
    private int running;

    AskLimits(Clock clock, Duration window, int rateMax, int perUser, int maxRunning) {
        this.clock = clock;
        this.window = window;
        this.rateMax = rateMax;
        this.perUser = perUser;
        this.maxRunning = maxRunning;
    }

    synchronized Verdict admit(String user) {
        Instant now = clock.instant();
        Deque<Instant> times = asked.get(user);
        if (times != null) {
            Instant cutoff = now.minus(window);
            // A question leaves the window exactly `window` after it was asked.
            while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) times.pollFirst();
            if (times.isEmpty()) asked.remove(user);
            else if (times.size() >= rateMax) {
                // Whole seconds (rounded up, at least one) until the oldest leaves the window.
                long ms = Duration.between(now, times.peekFirst().plus(window)).toMillis();
                return new Verdict.RateLimited(Math.max(1, (ms + 999) / 1000));
            }
        }
        if (runningByUser.getOrDefault(user, 0) >= perUser) return new Verdict.UserBusy();
        if (running >= maxRunning) return new Verdict.ServerBusy();
        asked.computeIfAbsent(user, u -> new ArrayDeque<>()).addLast(now);
        runningByUser.merge(user, 1, Integer::sum);
        running++;
        return new Verdict.Admitted(user, now);
    }

    /** The admitted question ended; {@code refund}: it never ran, so it does not count against the rate. */
    synchronized void release(Verdict.Admitted admitted, boolean refund) {
        runningByUser.computeIfPresent(admitted.user(), (u, n) -> n <= 1 ? null : n - 1);
        running--;
        if (refund) {
            Deque<Instant> times = asked.get(admitted.user());
            if (times != null) {
                times.removeLastOccurrence(admitted.at());
                if (times.isEmpty()) asked.remove(admitted.user());
            }
        }
    }

    synchronized int running() {
        return running;
    }
}
