package dev.overlord.persistence.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.testing.SampleFrames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames to rows, and rows to COPY text, without a database. */
class TimeSeriesRowTest {

    @Test
    void telemetryNumbersSentAsStringsBecomeNumbers() {
        TimeSeriesRow.Telemetry row = (TimeSeriesRow.Telemetry)
                TimeSeriesRow.of(SampleFrames.frame("telemetry")).orElseThrow();
        assertEquals(742.3, row.columns().killsPerHour());
        assertEquals(318L, row.columns().prismaticTaperCount());
        assertEquals(Instant.parse("2025-06-14T08:21:33Z"), row.ts());
        assertEquals(SampleFrames.text("telemetry"), row.raw());
    }

    @Test
    void framesADatabaseWouldRefuseAreNotRows() {
        assertTrue(TimeSeriesRow.of(SampleFrames.frame("vitals")).isEmpty(), "not a time series");
        assertTrue(
                TimeSeriesRow.of(SampleFrames.of("spawn").without("ew").frame()).isEmpty(), "spawn without ew");
        assertTrue(
                TimeSeriesRow.of(SampleFrames.telemetry().name("x".repeat(65)).frameBeyondBounds())
                        .isEmpty(),
                "name too long");
        assertTrue(
                TimeSeriesRow.of(SampleFrames.telemetry()
                                .set("timestamp", "+12000-01-01T00:00:00Z")
                                .frameBeyondBounds())
                        .isEmpty(),
                "year 12000");
        assertTrue(
                TimeSeriesRow.of(SampleFrames.telemetry().name("x".repeat(64)).frame())
                        .isPresent(),
                "64 is fine");
    }

    @Test
    void longOptionalTextIsCutAndNulIsRemoved() {
        TimeSeriesRow.Telemetry row = (TimeSeriesRow.Telemetry) TimeSeriesRow.of(SampleFrames.telemetry()
                        .set("vt_state", "a\0b" + "c".repeat(40))
                        .set("session_id", "s".repeat(63) + "\uD83D\uDC09")
                        .frameBeyondBounds())
                .orElseThrow();
        assertEquals("ab" + "c".repeat(30), row.columns().vtState());
        assertEquals("s".repeat(63), row.columns().sessionId(), "a surrogate pair is not split");
        TimeSeriesRow.Spawn spawn = (TimeSeriesRow.Spawn) TimeSeriesRow.of(SampleFrames.of("spawn")
                        .set("mob", "m".repeat(200))
                        .without("z")
                        .frameBeyondBounds())
                .orElseThrow();
        assertEquals(128, spawn.mob().length());
        assertNull(spawn.z());
    }

    @Test
    void copyTextEscapesEverythingSpecial() {
        Instant ts = Instant.parse("2025-06-14T08:00:00Z");
        String encoded = CopyText.encode(List.of(
                new TimeSeriesRow.Spawn("a\tb\\c", ts, "x\ny\r\n\\.\nz", 1.5, -2.0, null),
                new TimeSeriesRow.Spawn("q", ts.plus(Duration.ofMillis(1)), null, 1e-5, 2, 3.0)));
        assertEquals(
                "a\\tb\\\\c\t2025-06-14T08:00:00Z\tx\\ny\\r\\n\\\\.\\nz\t1.5\t-2.0\t\\N\n"
                        + "q\t2025-06-14T08:00:00.001Z\t\\N\t1.0E-5\t2.0\t3.0\n",
                encoded);
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        TimeSeriesSettings s = new TimeSeriesSettings(
                10, 5, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1));
        assertEquals(
                List.of(100L, 200L, 400L, 500L, 500L),
                List.of(1, 2, 3, 4, 40).stream()
                        .map(f -> s.backoff(f).toMillis())
                        .toList());
    }
}
