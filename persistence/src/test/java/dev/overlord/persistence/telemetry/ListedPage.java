package dev.overlord.persistence.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A page of {@link TelemetryQueries#page} collected into a list, for tests to compare. */
public record ListedPage(List<TelemetryRow> rows, Optional<TelemetryCursor> next) {

    public static ListedPage read(
            TelemetryQueries queries,
            Instant from,
            Instant to,
            Optional<String> character,
            int limit,
            Optional<TelemetryCursor> after) {
        return read(queries, from, to, character, OptionalInt.empty(), limit, after);
    }

    public static ListedPage read(
            TelemetryQueries queries,
            Instant from,
            Instant to,
            Optional<String> character,
            OptionalInt step,
            int limit,
            Optional<TelemetryCursor> after) {
        List<TelemetryRow> rows = new ArrayList<>();
        TelemetrySink collect = new TelemetrySink() {
            @Override
            public void row(TelemetryColumns row) {
                rows.add(row.toRow());
            }

            @Override
            public long mark() {
                return rows.size();
            }

            @Override
            public void reset(long mark) {
                rows.subList((int) mark, rows.size()).clear();
            }
        };
        try {
            Optional<TelemetryCursor> next = queries.page(from, to, character, step, limit, after, collect);
            return new ListedPage(List.copyOf(rows), next);
        } catch (IOException e) {
            throw new UncheckedIOException("a list does not do I/O", e);
        }
    }
}
