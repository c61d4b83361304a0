package dev.overlord.http.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.overlord.http.readapi.Parsed.Invalid;
import dev.overlord.http.readapi.Parsed.Valid;
import dev.overlord.http.telemetry.TelemetryRequests.History;
import dev.overlord.persistence.telemetry.TelemetryCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Parameter parsing on its own: values, defaults and the first bad parameter. */
class TelemetryRequestsTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static History history(Map<String, String> params) {
        return assertInstanceOf(Valid.class, TelemetryRequests.history(params, NOW))
                                .request()
                        instanceof History h
                ? h
                : null;
    }

    @Test
    void instantsAreIsoWithAnyOffsetOrEpochSeconds() {
        Instant expected = Instant.parse("2026-11-23T09:15:02Z");
        assertEquals(expected, history(Map.of("from", "2026-11-23T09:15:02Z")).from());
        assertEquals(
                expected, history(Map.of("from", "2026-11-23T10:15:02+01:00")).from());
        assertEquals(
                expected,
                history(Map.of("from", String.valueOf(expected.getEpochSecond())))
                        .from());
        assertEquals(
                expected.plusMillis(250),
                history(Map.of("from", expected.getEpochSecond() + ".25")).from());
    }

    @Test
    void historyDefaults() {
        History h = history(Map.of("from", "2026-11-23T09:00:00Z"));
        assertEquals(NOW, h.to(), "to defaults to now");
        assertEquals(TelemetryRequests.DEFAULT_PAGE, h.limit());
        assertEquals(Optional.empty(), h.character());
        assertEquals(Optional.empty(), h.cursor());
        assertEquals(OptionalInt.empty(), h.step(), "no step: every row");
    }

    @Test
    void stepIsWholeSecondsUpToADay() {
        assertEquals(
                OptionalInt.of(1),
                history(Map.of("from", "2026-11-23T09:00:00Z", "step", "1")).step());
        assertEquals(
                OptionalInt.of(86_400),
                history(Map.of("from", "2026-11-23T09:00:00Z", "step", "86400")).step());
        Invalid<?> tooLong = assertInstanceOf(
                Invalid.class, TelemetryRequests.history(Map.of("from", "2026-11-23T09:00:00Z", "step", "86401"), NOW));
        assertEquals("parameter 'step': must be from 1 to 86400, got 86401", tooLong.message());
        Invalid<?> empty = assertInstanceOf(
                Invalid.class, TelemetryRequests.history(Map.of("from", "2026-11-23T09:00:00Z", "step", ""), NOW));
        assertEquals("step", empty.parameter());
    }

    @Test
    void oneCharacterMayAskForAWholeDayInOnePage() {
        assertEquals(
                TelemetryPageWriter.Format.OBJECTS,
                history(Map.of("from", "2026-11-23T09:00:00Z")).format());
        History h = history(
                Map.of("from", "2026-11-23T09:00:00Z", "character", "Larsson", "limit", "50000", "format", "columns"));
        assertEquals(50_000, h.limit());
        assertEquals(TelemetryPageWriter.Format.COLUMNS, h.format());
        Invalid<?> fleet = assertInstanceOf(
                Invalid.class,
                TelemetryRequests.history(Map.of("from", "2026-11-23T09:00:00Z", "limit", "50000"), NOW));
        assertEquals("parameter 'limit': must be from 1 to 10000, got 50000", fleet.message());
    }

    @Test
    void aCursorFromNextIsAccepted() {
        TelemetryCursor c = new TelemetryCursor(Instant.parse("2026-11-23T09:30:00Z"), "Larsson");
        assertEquals(
                Optional.of(c),
                history(Map.of("from", "2026-11-23T09:00:00Z", "cursor", c.encode()))
                        .cursor());
    }

    @Test
    void exactlyThirtyOneDaysIsAllowed() {
        History h = history(Map.of("from", NOW.minus(Duration.ofDays(31)).toString()));
        assertEquals(Duration.ofDays(31), Duration.between(h.from(), h.to()));
    }

    @Test
    void theFirstBadParameterIsNamed() {
        Invalid<?> bad =
                assertInstanceOf(Invalid.class, TelemetryRequests.history(Map.of("from", "soon", "limit", "0"), NOW));
        assertEquals("from", bad.parameter());
        assertEquals(
                "parameter 'from': expected an ISO-8601 instant such as 2026-11-23T10:15:02Z or epoch seconds,"
                        + " got 'soon'",
                bad.message());
    }

    @Test
    void longValuesAreShortenedInMessages() {
        Invalid<?> bad = assertInstanceOf(Invalid.class, TelemetryRequests.trails(Map.of("minutes", "9".repeat(100))));
        assertEquals(
                "parameter 'minutes': expected a whole number from 1 to 1440, got '" + "9".repeat(40) + "...'",
                bad.message());
    }

    @Test
    void otherDefaults() {
        assertEquals(
                new TelemetryRequests.Trails(Duration.ofMinutes(10), 200),
                ((Valid<?>) TelemetryRequests.trails(Map.of())).request());
        assertEquals(
                new TelemetryRequests.Snapshot(NOW, Duration.ofMinutes(5)),
                ((Valid<?>) TelemetryRequests.snapshot(Map.of("at", NOW.toString()))).request());
    }
}
