package dev.overlord.http.status;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.http.testing.SocketClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The probe's at-once answer for the read API: what the last check found, refreshed in the background. */
class ReadinessProbeTest {

    @Test
    void knownDownAnswersAtOnceFromTheLastCheckAndRefreshesItInTheBackground() {
        AtomicBoolean up = new AtomicBoolean(true);
        AtomicInteger checks = new AtomicInteger();
        ReadinessProbe probe = new ReadinessProbe(
                timeout -> {
                    checks.incrementAndGet();
                    return up.get();
                },
                Duration.ZERO,
                Duration.ofSeconds(1));

        // Nothing checked yet: not known down, and a check has started.
        assertFalse(probe.knownDown());
        SocketClient.waiting("the first check").until(() -> checks.get() >= 1);

        up.set(false);
        SocketClient.waiting("the database seen down").until(probe::knownDown);
        up.set(true);
        SocketClient.waiting("the database seen up again").until(() -> !probe.knownDown());
        assertTrue(checks.get() >= 3);
    }
}
