package dev.overlord.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.http.testing.RunningServer;
import dev.overlord.jobs.PeriodicJob;
import java.net.BindException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Guardian starts every module, the periodic jobs through one pattern; a module that fails stops start-up. */
class GuardianTest {

    @Test
    void everyPeriodicJobIsStartedThroughThePattern() {
        try (RunningServer server = RunningServer.create().start()) {
            Map<String, Double> metrics = server.metrics();
            for (String job : new String[] {"retention", "partition-maintenance", "portal-expiry"}) {
                assertTrue(
                        metrics.containsKey(PeriodicJob.FAILURES + "{job=\"" + job + "\"}"),
                        job + " in " + metrics.keySet());
                assertEquals(0.0, metrics.get(PeriodicJob.FAILURES + "{job=\"" + job + "\"}"), job);
            }
        }
    }

    @Test
    void aPortInUseFailsStartUpWithTheBindErrorAndLeavesTheOtherServerServing() {
        try (RunningServer first = RunningServer.create().start();
                RunningServer second = RunningServer.create().with("overlord.http.port = " + first.port())) {
            RuntimeException e = assertThrows(RuntimeException.class, second::start);

            assertTrue(causedByBindException(e), "the bind error is the cause: " + e);
            assertEquals(200, first.get("/health").statusCode());
        }
    }

    private static boolean causedByBindException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BindException) return true;
        }
        return false;
    }
}
