package dev.overlord.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows password guessing: after {@code maxFailures} failed logins for one user name within
 * {@code window}, further attempts for that name are refused until the oldest failure ages out.
 * Counting by name (not address) also covers guesses spread over many addresses.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long this name must wait before another attempt; zero when it may try now. */
    public Duration retryAfter(String username) {
        Deque<Instant> d = failures.get(key(username));
        if (d == null) return Duration.ZERO;
        synchronized (d) {
            prune(d);
            if (d.size() < maxFailures) return Duration.ZERO;
            return Duration.between(clock.instant(), d.peekFirst().plus(window));
        }
    }

    public void failed(String username) {
        Deque<Instant> d = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (d) {
            prune(d);
            d.addLast(clock.instant());
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private void prune(Deque<Instant> d) {
        Instant cutoff = clock.instant().minus(window);
        while (!d.isEmpty() && d.peekFirst().isBefore(cutoff)) d.removeFirst();
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
