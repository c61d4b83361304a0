package dev.overlord.agent.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit file: one JSON object per line, rotated past its size, at most N old files kept. */
class AuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void linesAreJsonAndTheFileRotatesKeepingABoundedNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/audit.jsonl");
        try (AuditLog audit = new AuditLog(file, 1024, 2, new ManualClock())) {
            for (int i = 0; i < 60; i++) {
                audit.write(audit.event("ask_start")
                        .put("user", "alice")
                        .put("n", i)
                        .put("pad", "y".repeat(40)));
            }
            audit.flush().get(10, TimeUnit.SECONDS);
            assertTrue(Files.exists(audit.rotated(1)));
            assertTrue(Files.exists(audit.rotated(2)));
            assertFalse(Files.exists(audit.rotated(3)), "only two old files are kept");
            List<Integer> seen = new ArrayList<>();
            for (Path p : List.of(audit.rotated(2), audit.rotated(1), file)) {
                assertTrue(Files.size(p) <= 1024, p + " is " + Files.size(p) + " bytes");
                for (String line : Files.readAllLines(p)) {
                    JsonNode n = JSON.readTree(line);
                    assertEquals("ask_start", n.path("event").asText());
                    assertEquals(
                            ManualClock.START.toString(), n.path("timestamp").asText());
                    seen.add(n.path("n").asInt());
                }
            }
            // The newest lines survive, in order, up to the last one.
            assertEquals(59, seen.get(seen.size() - 1));
            for (int i = 1; i < seen.size(); i++) assertEquals(seen.get(i - 1) + 1, seen.get(i));
            assertEquals(0, audit.dropped());
        }
    }

    @Test
    void anUnwritablePathDropsLinesWithoutFailingTheCaller(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "a file where a directory should be");
        try (AuditLog audit = new AuditLog(blocker.resolve("audit.jsonl"), 1024, 2, new ManualClock())) {
            audit.write(audit.event("ask_start"));
            audit.flush().get(10, TimeUnit.SECONDS);
            assertEquals(1, audit.dropped());
        }
    }
}
