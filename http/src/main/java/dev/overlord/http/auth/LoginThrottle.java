package dev.overlord.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing without letting anyone lock an account: failures are counted per
 * (user name, client address) and, more leniently, per user name across all addresses. Each key
 * has a few free attempts; after them every failure doubles the wait before the next attempt
 * (1 s, 2 s, 4 s ...) up to a cap, so a guesser from one address slows to a crawl while the owner,
 * from another address, is untouched. Guesses spread over many addresses meet the per-name rule;
 * an address that logged in to that name successfully before skips it, so a distributed attack
 * cannot keep the owner out either.
 *
 * <p>An attempt is {@linkplain #reserve reserved} before the password is checked and settled after
 * it; while a key is past its free attempts only one attempt at a time may be in flight for it, so
 * parallel guesses cannot slip through between the check and the record. Memory is bounded: at
 * most {@link Rules#maxTracked} keys, the least recently used evicted first, and a key forgotten
 * after {@link Rules#forgetAfter} without a failure.
 *
 * <p>One lock guards everything: logins are few (each costs a bcrypt), so contention is nil.
 */
public final class LoginThrottle {

    /**
     * The throttle's rules.
     *
     * @param freeAttempts failures one (name, address) may make before waits begin
     * @param maxBackoff the longest wait for one (name, address)
     * @param nameFreeAttempts failures one name may take from all addresses together before waits begin
     * @param nameMaxBackoff the longest wait for one name (kept short: it also delays the owner's new addresses)
     * @param forgetAfter a key without failures for this long starts afresh
     * @param maxTracked most keys kept of each kind (pairs, names, remembered successes)
     * @param rememberSuccessFor how long an address that logged in to a name skips the per-name rule
     */
    public record Rules(
            int freeAttempts,
            Duration maxBackoff,
            int nameFreeAttempts,
            Duration nameMaxBackoff,
            Duration forgetAfter,
            int maxTracked,
            Duration rememberSuccessFor) {
        /** The first wait after the free attempts; each further failure doubles it. */
        public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

        public Rules {
            if (freeAttempts < 1 || nameFreeAttempts < 1 || maxTracked < 1)
                throw new IllegalArgumentException("free attempts and max-tracked must be at least 1");
        }
    }

    /** The answer to a reservation. */
    public sealed interface Decision {}

    /** The attempt may go on; settle it exactly once. */
    public record Granted(Attempt attempt) implements Decision {}

    /** Not now; try again after {@code retryAfter}. */
    public record Wait(Duration retryAfter) implements Decision {}

    private record Pair(String name, String address) {}

    /** Failures of one key; guarded by the throttle's lock. */
    private static final class Failures {
        int failures;
        int inFlight;
        Instant lastActivity;
        Instant nextAllowed;

        Failures(Instant now) {
            lastActivity = now;
            nextAllowed = now;
        }
    }

    private final Rules rules;
    private final Clock clock;
    private final Map<Pair, Failures> pairs;
    private final Map<String, Failures> names;
    private final Map<Pair, Instant> succeeded;

    public LoginThrottle(Rules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
        this.pairs = lru(rules.maxTracked());
        this.names = lru(rules.maxTracked());
        this.succeeded = lru(rules.maxTracked());
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * Reserves an attempt for {@code username} from {@code address}, or says how long to wait. The
     * name is compared case-insensitively.
     */
    public synchronized Decision reserve(String username, String address) {
        Instant now = clock.instant();
        expire(now);
        Pair pair = new Pair(key(username), address);
        Failures p = pairs.computeIfAbsent(pair, k -> new Failures(now));
        boolean knownGood = succeeded.containsKey(pair);
        Failures n = knownGood ? null : names.computeIfAbsent(pair.name(), k -> new Failures(now));
        Duration wait = waitFor(p, rules.freeAttempts(), now);
        if (n != null) wait = max(wait, waitFor(n, rules.nameFreeAttempts(), now));
        if (!wait.isZero()) return new Wait(wait);
        p.inFlight++;
        if (n != null) n.inFlight++;
        return new Granted(new Attempt(pair, p, n));
    }

    /** How many keys are tracked now (pairs and names); for tests and metrics. */
    public synchronized int tracked() {
        return pairs.size() + names.size();
    }

    private static Duration waitFor(Failures f, int free, Instant now) {
        if (f.failures + f.inFlight < free) return Duration.ZERO;
        // Past the free attempts: one at a time, and not before the backoff has passed.
        if (f.inFlight > 0) return Rules.FIRST_BACKOFF;
        return f.nextAllowed.isAfter(now) ? Duration.between(now, f.nextAllowed) : Duration.ZERO;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Drops keys idle past forget-after, eldest first (access order approximates age). */
    private void expire(Instant now) {
        Instant cutoff = now.minus(rules.forgetAfter());
        dropIdle(pairs.values().iterator(), cutoff);
        dropIdle(names.values().iterator(), cutoff);
        Instant successCutoff = now.minus(rules.rememberSuccessFor());
        for (Iterator<Instant> it = succeeded.values().iterator(); it.hasNext(); ) {
            if (!it.next().isBefore(successCutoff)) break;
            it.remove();
        }
    }

    private static void dropIdle(Iterator<Failures> it, Instant cutoff) {
        while (it.hasNext()) {
            Failures f = it.next();
            if (f.inFlight > 0 || !f.lastActivity.isBefore(cutoff)) break;
            it.remove();
        }
    }

    /** The wait after the {@code failures}-th failure: none within the free attempts, then 1 s, 2 s, 4 s ... */
    static Duration backoff(int failures, int free, Duration cap) {
        int over = failures - free; // 0 at the last free attempt's failure: the first wait
        if (over < 0) return Duration.ZERO;
        Duration d = over >= 30 ? cap : Rules.FIRST_BACKOFF.multipliedBy(1L << over);
        return d.compareTo(cap) > 0 ? cap : d;
    }

    private synchronized void settle(Attempt a, Outcome outcome) {
        Instant now = clock.instant();
        a.pair.inFlight = Math.max(0, a.pair.inFlight - 1);
        if (a.name != null) a.name.inFlight = Math.max(0, a.name.inFlight - 1);
        switch (outcome) {
            case FAILED -> {
                fail(a.pair, rules.freeAttempts(), rules.maxBackoff(), now);
                if (a.name != null) fail(a.name, rules.nameFreeAttempts(), rules.nameMaxBackoff(), now);
            }
            case SUCCEEDED -> {
                pairs.remove(a.key);
                succeeded.put(a.key, now);
            }
            case ABANDONED -> {}
        }
    }

    private void fail(Failures f, int free, Duration cap, Instant now) {
        f.failures++;
        f.lastActivity = now;
        f.nextAllowed = now.plus(backoff(f.failures, free, cap));
    }

    private enum Outcome {
        FAILED,
        SUCCEEDED,
        ABANDONED
    }

    /** A reserved attempt: settle it once with the password check's result, or abandon it unchecked. */
    public final class Attempt {
        private final Pair key;
        private final Failures pair;
        private final Failures name;
        private boolean settled;

        private Attempt(Pair key, Failures pair, Failures name) {
            this.key = key;
            this.pair = pair;
            this.name = name;
        }

        /** The password was wrong (or the user unknown). */
        public void failed() {
            once(Outcome.FAILED);
        }

        /** The password was right: this address's failures for the name are forgotten. */
        public void succeeded() {
            once(Outcome.SUCCEEDED);
        }

        /** The password was never checked (the server was busy or the request gave up): nothing counted. */
        public void abandoned() {
            once(Outcome.ABANDONED);
        }

        private void once(Outcome outcome) {
            synchronized (LoginThrottle.this) {
                if (settled) return;
                settled = true;
                settle(this, outcome);
            }
        }
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
