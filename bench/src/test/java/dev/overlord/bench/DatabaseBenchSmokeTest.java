package dev.overlord.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A few seconds of each database scenario at small sizes, each on a fresh PostgreSQL database
 * (found as the persistence tests find it), so they cannot rot. Only sanity is checked: the full
 * sizes are {@code BenchMain scenarios=copy,journal,history} (see docs/benchmarks.md).
 */
class DatabaseBenchSmokeTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void telemetryWriterAndBareCopyBothWriteEveryRow() {
        List<CopyScenario.Result> r = CopyScenario.telemetryCopy(3_000, 10, 1, QUIET);
        assertEquals(1, r.size());
        assertTrue(r.get(0).copyRowsPerSec() > 0 && r.get(0).writerRowsPerSec() > 0, r.toString());
        assertEquals(0, r.get(0).writerDropped(), "the writer drops nothing when offers wait for room");
        assertTrue(Tables.markdown(new DatabaseReport(r, List.of(), List.of())).contains("L_copy"));
    }

    @Test
    void entitiesJournalEventsOnPostgresAndH2() {
        for (boolean postgres : new boolean[] {true, false}) {
            JournalScenario.Result r =
                    JournalScenario.journal(postgres, 10, 4, Duration.ofMillis(500), Duration.ofSeconds(1), QUIET);
            assertTrue(r.frames() > 0, "frames answered: " + r);
            assertTrue(r.events() >= r.frames(), "every frame's rising kills is at least one event: " + r);
        }
    }

    @Test
    void historyOfOneCharactersDayOverHttp() {
        HistoryScenario.Result r = HistoryScenario.history(2, 3, 3, QUIET);
        assertEquals(2L * 3 * 43_200, r.rows());
        assertEquals(5, r.rounds().size());
        for (HistoryScenario.Round round : r.rounds()) {
            assertEquals(3, round.total().count(), round.name());
            assertTrue(round.bytes() > 0, round.name());
        }
        assertEquals(1, r.rounds().get(0).requests(), "the whole day in one request");
        assertEquals(1, r.rounds().get(1).requests(), "also as columns");
        assertTrue(r.rounds().get(1).bytes() < r.rounds().get(0).bytes(), "columns are the smaller body");
        assertEquals(1_000, r.rounds().get(2).rows(), "the default page");
        assertEquals(1_440, r.rounds().get(4).rows(), "step=60: one row a minute of the day");
        assertEquals(1, r.rounds().get(4).requests(), "in one request");
        assertEquals(3, r.query().count());
        assertTrue(Tables.markdown(new DatabaseReport(List.of(), List.of(), List.of(r)))
                .contains("p95"));
    }
}
