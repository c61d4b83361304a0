package dev.overlord.http.telemetry;

import dev.overlord.http.readapi.Parsed;
import dev.overlord.http.readapi.QueryParams;
import dev.overlord.http.readapi.QueryParams.BadParameter;
import dev.overlord.persistence.telemetry.TelemetryCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The query parameters of the telemetry endpoints, parsed strictly into one request record per
 * endpoint, or into the name of the first bad parameter and why. Unknown parameters are ignored.
 */
final class TelemetryRequests {

    static final Duration MAX_HISTORY_RANGE = Duration.ofDays(31);
    static final int DEFAULT_PAGE = 1_000;
    static final int MAX_PAGE = 10_000;
    /** With {@code character}: a whole day of one character at the reference's rate (43,200 rows) fits one page. */
    static final int MAX_CHARACTER_PAGE = 50_000;
    /** The longest {@code step} of {@code GET /history}: a day. */
    static final int MAX_STEP_SECONDS = 86_400;

    static final int DEFAULT_TRAIL_MINUTES = 10;
    static final int MAX_TRAIL_MINUTES = 24 * 60;
    static final int DEFAULT_TRAIL_POINTS = 200;
    static final int MAX_TRAIL_POINTS = 2_000;
    static final int DEFAULT_SNAPSHOT_WINDOW_SECONDS = 300;
    static final int MAX_SNAPSHOT_WINDOW_SECONDS = 3_600;

    private TelemetryRequests() {}

    /** {@code GET /history}. */
    record History(
            Instant from,
            Instant to,
            Optional<String> character,
            OptionalInt step,
            int limit,
            Optional<TelemetryCursor> cursor,
            TelemetryPageWriter.Format format) {}

    /** {@code GET /trails}. */
    record Trails(Duration window, int points) {}

    /** {@code GET /history/snapshot}. */
    record Snapshot(Instant at, Duration window) {}

    static Parsed<History> history(Map<String, String> params, Instant now) {
        return QueryParams.parse(params, p -> {
            Instant from = p.instant("from").orElseThrow(() -> new BadParameter("from", "is required"));
            Instant to = p.instant("to").orElse(now);
            if (!from.isBefore(to)) {
                throw new BadParameter("from", "must be before 'to' (" + to + ")");
            }
            if (Duration.between(from, to).compareTo(MAX_HISTORY_RANGE) > 0) {
                throw new BadParameter("to", "the range may span at most " + MAX_HISTORY_RANGE.toDays() + " days");
            }
            Optional<String> character = p.name("character");
            OptionalInt step = p.text("step").isPresent()
                    ? OptionalInt.of(p.integer("step", 0, 1, MAX_STEP_SECONDS))
                    : OptionalInt.empty();
            int limit = p.integer("limit", DEFAULT_PAGE, 1, character.isPresent() ? MAX_CHARACTER_PAGE : MAX_PAGE);
            Optional<TelemetryCursor> cursor = p.text("cursor").map(token -> {
                TelemetryCursor c;
                try {
                    c = TelemetryCursor.decode(token);
                } catch (IllegalArgumentException e) {
                    throw new BadParameter("cursor", e.getMessage());
                }
                // A forged cursor may decode to any instant (year 100000); the database cannot take it.
                if (!QueryParams.storable(c.ts())) {
                    throw new BadParameter("cursor", "not a cursor returned as 'next'");
                }
                return c;
            });
            TelemetryPageWriter.Format format = switch (p.text("format").orElse("objects")) {
                case "objects" -> TelemetryPageWriter.Format.OBJECTS;
                case "columns" -> TelemetryPageWriter.Format.COLUMNS;
                default ->
                    throw new BadParameter(
                            "format",
                            "expected 'objects' or 'columns', got '"
                                    + QueryParams.shorten(p.text("format").get()) + "'");
            };
            return new History(from, to, character, step, limit, cursor, format);
        });
    }

    static Parsed<Trails> trails(Map<String, String> params) {
        return QueryParams.parse(
                params,
                p -> new Trails(
                        Duration.ofMinutes(p.integer("minutes", DEFAULT_TRAIL_MINUTES, 1, MAX_TRAIL_MINUTES)),
                        p.integer("points", DEFAULT_TRAIL_POINTS, 1, MAX_TRAIL_POINTS)));
    }

    static Parsed<Snapshot> snapshot(Map<String, String> params) {
        return QueryParams.parse(
                params,
                p -> new Snapshot(
                        p.instant("at").orElseThrow(() -> new BadParameter("at", "is required")),
                        Duration.ofSeconds(
                                p.integer("window", DEFAULT_SNAPSHOT_WINDOW_SECONDS, 1, MAX_SNAPSHOT_WINDOW_SECONDS))));
    }
}
