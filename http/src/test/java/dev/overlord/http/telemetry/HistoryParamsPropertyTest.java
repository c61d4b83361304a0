package dev.overlord.http.telemetry;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.http.readapi.Parsed;
import dev.overlord.http.readapi.QueryParams;
import dev.overlord.http.telemetry.TelemetryRequests.History;
import dev.overlord.persistence.telemetry.TelemetryCursor;
import dev.overlord.protocol.Echo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever query string a client sends to {@code /history}, {@code /history/snapshot} or
 * {@code /trails}, the parameter parsers answer a request the database can run (instants in 1970
 * through 9999, ranges and pages within their bounds) or the first bad parameter with a short
 * printable reason, never an exception. Tries come from {@code jqwik.tries.default}.
 */
class HistoryParamsPropertyTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    @Property
    void historyIsARunnableRequestOrTheFirstBadParameter(@ForAll("params") Map<String, String> params) {
        Parsed<History> p = TelemetryRequests.history(params, NOW);
        if (p instanceof Parsed.Valid<History> v) {
            History h = v.request();
            assertTrue(storable(h.from()) && storable(h.to()) && h.from().isBefore(h.to()), h.toString());
            assertTrue(Duration.between(h.from(), h.to()).compareTo(TelemetryRequests.MAX_HISTORY_RANGE) <= 0);
            assertTrue(h.limit() >= 1 && h.limit() <= TelemetryRequests.MAX_CHARACTER_PAGE);
            h.cursor().ifPresent(c -> assertTrue(storable(c.ts()), "cursor " + c));
            h.character().ifPresent(c -> assertTrue(!c.isBlank() && c.length() <= QueryParams.MAX_NAME));
        } else {
            holds(p);
        }
    }

    @Property
    void snapshotAndTrailsAreRunnableOrTheFirstBadParameter(@ForAll("params") Map<String, String> params) {
        if (TelemetryRequests.snapshot(params) instanceof Parsed.Valid<TelemetryRequests.Snapshot> v) {
            assertTrue(storable(v.request().at()));
        } else {
            holds(TelemetryRequests.snapshot(params));
        }
        if (TelemetryRequests.trails(params) instanceof Parsed.Valid<TelemetryRequests.Trails> v) {
            assertTrue(v.request().points() >= 1 && v.request().points() <= TelemetryRequests.MAX_TRAIL_POINTS);
        } else {
            holds(TelemetryRequests.trails(params));
        }
    }

    static void holds(Parsed<?> p) {
        Parsed.Invalid<?> i = assertInstanceOf(Parsed.Invalid.class, p);
        assertTrue(i.message().length() <= 200, i.message());
        assertTrue(Echo.isPrintable(i.message()), "a printable message: " + i.message());
    }

    static boolean storable(Instant t) {
        return !t.isBefore(Instant.EPOCH) && !t.isAfter(LATEST);
    }

    // Found cases, kept as plain examples.

    @Example
    void aCursorInTheYear100000IsRefused() {
        String token = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("+100000-01-01T00:00:00Z\nLarsson".getBytes(StandardCharsets.UTF_8));
        holds(TelemetryRequests.history(Map.of("from", "2026-11-23T09:00:00Z", "cursor", token), NOW));
    }

    @Example
    void aBadValueIsEchoedOnOnePrintableLine() {
        holds(TelemetryRequests.history(
                Map.of("from", "2026-11-23T09:00:00Z", "format", "x\r\nSet-Cookie: a=b\u202e"), NOW));
        holds(TelemetryRequests.trails(Map.of("minutes", "1\n2")));
    }

    @Provide
    Arbitrary<Map<String, String>> params() {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of(
                        "from",
                        "to",
                        "character",
                        "step",
                        "limit",
                        "cursor",
                        "format",
                        "at",
                        "window",
                        "minutes",
                        "points"),
                Arbitraries.strings().ofMaxLength(5));
        return Arbitraries.maps(keys, values()).ofMaxSize(6);
    }

    Arbitrary<String> values() {
        Arbitrary<Instant> instants =
                Arbitraries.longs().between(-10_000_000_000L, 400_000_000_000L).map(Instant::ofEpochSecond);
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings()
                        .withCharRange('0', '9')
                        .withChars('-', '.', 'e', 'E', '+')
                        .ofMaxLength(25),
                instants.map(Instant::toString),
                instants.map(t -> String.valueOf(t.getEpochSecond())),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of(
                        "",
                        " ",
                        "objects",
                        "columns",
                        "-1",
                        "0",
                        "2147483648",
                        "99999999999999999999",
                        "NaN",
                        "1e999",
                        "2026-11-23T09:15:02Z",
                        "2026-11-23T10:15:02+01:00",
                        "+100000-01-01T00:00:00Z",
                        "Larsson",
                        "x".repeat(65),
                        "1.5",
                        "0.000000001",
                        "-0.5"),
                instants.map(t -> new TelemetryCursor(t, "Larsson").encode()),
                Arbitraries.strings()
                        .ofMaxLength(20)
                        .map(s -> Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(s.getBytes(StandardCharsets.UTF_8))));
    }
}
