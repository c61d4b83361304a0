package dev.overlord.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failed-login rules, on a clock the test moves by hand. */
class LoginThrottleTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    static final int FREE = 3;
    static final int NAME_FREE = 10;

    private final HandClock clock = new HandClock();
    private final LoginThrottle throttle = new LoginThrottle(rules(1000), clock);

    static LoginThrottle.Rules rules(int maxTracked) {
        return new LoginThrottle.Rules(
                FREE,
                Duration.ofMinutes(5),
                NAME_FREE,
                Duration.ofSeconds(30),
                Duration.ofMinutes(15),
                maxTracked,
                Duration.ofDays(30));
    }

    private LoginThrottle.Attempt granted(String name, String address) {
        return assertInstanceOf(LoginThrottle.Granted.class, throttle.reserve(name, address), name + "@" + address)
                .attempt();
    }

    private Duration waitFor(String name, String address) {
        return assertInstanceOf(LoginThrottle.Wait.class, throttle.reserve(name, address), name + "@" + address)
                .retryAfter();
    }

    @Test
    void afterTheFreeAttemptsEachFailureDoublesTheWaitUpToTheCap() {
        for (int i = 0; i < FREE; i++) granted("admin", "10.0.0.1").failed();
        assertEquals(Duration.ofSeconds(1), waitFor("admin", "10.0.0.1"));
        assertEquals(Duration.ofSeconds(1), waitFor("Admin", "10.0.0.1"), "names are counted case-insensitively");

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Duration w = waitFor("admin", "10.0.0.1");
            waits.add(w);
            clock.advance(w);
            granted("admin", "10.0.0.1").failed();
        }
        assertEquals(Duration.ofSeconds(1), waits.get(0));
        assertEquals(Duration.ofSeconds(2), waits.get(1));
        assertEquals(Duration.ofSeconds(4), waits.get(2));
        assertEquals(Duration.ofSeconds(8), waits.get(3));
        assertEquals(Duration.ofMinutes(5), waitFor("admin", "10.0.0.1"), "capped at max-backoff");
    }

    @Test
    void anotherAddressIsNotLockedOutByAGuesser() {
        for (int i = 0; i < FREE + 2; i++) {
            LoginThrottle.Decision d = throttle.reserve("admin", "203.0.113.7");
            if (d instanceof LoginThrottle.Granted g) g.attempt().failed();
            clock.advance(Duration.ofSeconds(2));
        }
        assertInstanceOf(LoginThrottle.Wait.class, throttle.reserve("admin", "203.0.113.7"));
        granted("admin", "192.168.1.20").succeeded();
    }

    @Test
    void parallelAttemptsCannotPassTheReservation() {
        for (int i = 0; i < FREE - 1; i++) granted("admin", "10.0.0.1").failed();
        // One free attempt left: the first reservation takes it, and a second cannot run beside it.
        LoginThrottle.Attempt inFlight = granted("admin", "10.0.0.1");
        assertEquals(Duration.ofSeconds(1), waitFor("admin", "10.0.0.1"));
        inFlight.failed();
        assertEquals(Duration.ofSeconds(1), waitFor("admin", "10.0.0.1"));
    }

    @Test
    void freeAttemptsMayRunInParallelButNoMoreThanAreLeft() {
        List<LoginThrottle.Attempt> running = new ArrayList<>();
        for (int i = 0; i < FREE; i++) running.add(granted("admin", "10.0.0.1"));
        assertInstanceOf(LoginThrottle.Wait.class, throttle.reserve("admin", "10.0.0.1"));
        running.forEach(LoginThrottle.Attempt::failed);
        assertEquals(Duration.ofSeconds(1), waitFor("admin", "10.0.0.1"));
    }

    @Test
    void anAbandonedAttemptCountsForNothingAndSettlingTwiceCountsOnce() {
        for (int i = 0; i < 10; i++) granted("admin", "10.0.0.1").abandoned();
        LoginThrottle.Attempt a = granted("admin", "10.0.0.1");
        a.failed();
        a.failed();
        a.failed();
        granted("admin", "10.0.0.1").failed();
        granted("admin", "10.0.0.1").failed();
        assertEquals(Duration.ofSeconds(1), waitFor("admin", "10.0.0.1"), "three failures, not five");
    }

    @Test
    void guessesSpreadOverManyAddressesMeetTheSlowerPerNameRule() {
        for (int i = 0; i < NAME_FREE; i++) granted("admin", "198.51.100." + i).failed();
        assertEquals(Duration.ofSeconds(1), waitFor("admin", "198.51.100.200"), "a fresh address waits too");
        clock.advance(Duration.ofSeconds(1));
        granted("admin", "198.51.100.201").failed();
        assertEquals(Duration.ofSeconds(2), waitFor("admin", "198.51.100.202"));
        for (int i = 0; i < 20; i++) {
            clock.advance(waitFor("admin", "198.51.100.202"));
            granted("admin", "198.51.100." + (210 + i)).failed();
        }
        assertEquals(Duration.ofSeconds(30), waitFor("admin", "198.51.100.250"), "capped at name-max-backoff");
        assertInstanceOf(LoginThrottle.Granted.class, throttle.reserve("other", "198.51.100.250"));
    }

    @Test
    void anAddressThatLoggedInBeforeSkipsThePerNameRule() {
        granted("admin", "192.168.1.20").succeeded();
        for (int i = 0; i < NAME_FREE + 5; i++) {
            LoginThrottle.Decision d = throttle.reserve("admin", "198.51.100." + i);
            if (d instanceof LoginThrottle.Granted g) g.attempt().failed();
        }
        assertInstanceOf(LoginThrottle.Wait.class, throttle.reserve("admin", "198.51.100.99"));
        granted("admin", "192.168.1.20").succeeded();
    }

    @Test
    void failuresAreForgottenAfterAQuietSpellAndASuccessClearsTheAddress() {
        for (int i = 0; i < FREE; i++) granted("admin", "10.0.0.1").failed();
        assertInstanceOf(LoginThrottle.Wait.class, throttle.reserve("admin", "10.0.0.1"));
        clock.advance(Duration.ofMinutes(16));
        granted("admin", "10.0.0.1").succeeded();
        for (int i = 0; i < FREE; i++) granted("admin", "10.0.0.1").failed();
        clock.advance(Duration.ofSeconds(1));
        granted("admin", "10.0.0.1").succeeded();
        granted("admin", "10.0.0.1").failed();
        assertInstanceOf(LoginThrottle.Granted.class, throttle.reserve("admin", "10.0.0.1"));
    }

    @Test
    void theTableIsBoundedWhateverTheNames() {
        LoginThrottle small = new LoginThrottle(rules(100), clock);
        for (int i = 0; i < 10_000; i++) {
            LoginThrottle.Decision d = small.reserve("guess-" + i, "10.0.0." + (i % 250));
            assertInstanceOf(LoginThrottle.Granted.class, d);
            ((LoginThrottle.Granted) d).attempt().failed();
        }
        assertTrue(small.tracked() <= 200, "at most max-tracked pairs and names: " + small.tracked());
        clock.advance(Duration.ofMinutes(16));
        small.reserve("late", "10.0.0.1");
        assertTrue(small.tracked() <= 2, "idle entries expire: " + small.tracked());
    }

    @Test
    void backoffDoublesFromOneSecond() {
        Duration cap = Duration.ofMinutes(5);
        assertEquals(Duration.ZERO, LoginThrottle.backoff(2, 3, cap));
        assertEquals(Duration.ofSeconds(1), LoginThrottle.backoff(3, 3, cap));
        assertEquals(Duration.ofSeconds(16), LoginThrottle.backoff(7, 3, cap));
        assertEquals(cap, LoginThrottle.backoff(1_000, 3, cap));
    }
}
