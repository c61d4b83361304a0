package dev.overlord.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

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
    }

    private final HandClock clock = new HandClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), clock);

    @Test
    void a_name_may_try_until_it_has_failed_the_allowed_number_of_times() {
        throttle.failed("admin");
        throttle.failed("admin");
        assertEquals(Duration.ZERO, throttle.retryAfter("admin"));
        throttle.failed("Admin");
        assertEquals(Duration.ofMinutes(15), throttle.retryAfter("admin"), "names are counted case-insensitively");
    }

    @Test
    void failures_age_out_of_the_window() {
        for (int i = 0; i < 3; i++) throttle.failed("admin");
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertEquals(Duration.ofMinutes(5), throttle.retryAfter("admin"));
        clock.now = clock.now.plus(Duration.ofMinutes(5)).plusSeconds(1);
        assertEquals(Duration.ZERO, throttle.retryAfter("admin"));
    }

    @Test
    void a_success_clears_the_count_and_other_names_are_untouched() {
        for (int i = 0; i < 3; i++) throttle.failed("admin");
        assertEquals(Duration.ZERO, throttle.retryAfter("larsson"));
        throttle.succeeded("admin");
        assertTrue(throttle.retryAfter("admin").isZero());
    }
}
