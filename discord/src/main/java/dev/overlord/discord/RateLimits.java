package dev.overlord.discord;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discord's rate limits as its answers describe them: each route belongs to a bucket (named by
 * {@code X-RateLimit-Bucket}) with a number of requests left and a time it refills; a global limit
 * stops every route. A sender asks {@link #waitBefore} before each request and reports each
 * answer's headers to {@link #update}, so an empty bucket is waited for instead of earning a 429.
 *
 * <p>Routes are kept in memory only: a webhook's route holds its token and is never logged.
 */
final class RateLimits {

    /** How many buckets are remembered; beyond it the table starts over (routes are few). */
    static final int MAX_ROUTES = 1_024;

    private record Bucket(long remaining, Instant resetAt) {}

    private final Clock clock;
    private final Map<String, String> bucketOfRoute = new ConcurrentHashMap<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile Instant globalUntil = Instant.MIN;

    RateLimits(Clock clock) {
        this.clock = clock;
    }

    /** How long to wait before the next request on this route (zero: go). */
    Duration waitBefore(String route) {
        Instant now = clock.instant();
        Instant until = globalUntil;
        Bucket b = buckets.get(key(route));
        if (b != null && b.remaining() <= 0 && b.resetAt().isAfter(until)) until = b.resetAt();
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }

    /** Records what an answer's headers say of its bucket. */
    void update(String route, HttpHeaders headers) {
        if (bucketOfRoute.size() > MAX_ROUTES || buckets.size() > MAX_ROUTES) {
            bucketOfRoute.clear();
            buckets.clear();
        }
        headers.firstValue("X-RateLimit-Bucket")
                .filter(v -> v.length() <= 64)
                .ifPresent(b -> bucketOfRoute.put(route, b));
        Optional<Long> remaining = headers.firstValue("X-RateLimit-Remaining").flatMap(RateLimits::parseLong);
        Optional<Duration> resetAfter =
                headers.firstValue("X-RateLimit-Reset-After").flatMap(RateLimits::seconds);
        if (remaining.isPresent() && resetAfter.isPresent()) {
            buckets.put(key(route), new Bucket(remaining.get(), clock.instant().plus(resetAfter.get())));
        }
    }

    /** After a 429 on this route: nothing more on it until {@code after} has passed. */
    void exhausted(String route, Duration after) {
        buckets.put(key(route), new Bucket(0, clock.instant().plus(after)));
    }

    /** After a global 429: nothing on any route until {@code after} has passed. */
    void globallyLimited(Duration after) {
        Instant until = clock.instant().plus(after);
        if (until.isAfter(globalUntil)) globalUntil = until;
    }

    private String key(String route) {
        // Routes that share a bucket name share a bucket; webhooks also differ by their path (the
        // bucket's "major parameter"), so the route stays part of the key.
        String bucket = bucketOfRoute.get(route);
        return bucket == null ? route : bucket + ' ' + route;
    }

    /** A number of seconds such as {@code 1.5}; absent when missing, negative or absurd (over a day). */
    static Optional<Duration> seconds(String s) {
        try {
            double v = Double.parseDouble(s.trim());
            if (!(v >= 0) || v > 86_400) return Optional.empty();
            return Optional.of(Duration.ofMillis((long) Math.ceil(v * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
