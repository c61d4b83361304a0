package dev.overlord.persistence.timeseries;

import dev.overlord.persistence.telemetry.TelemetryRow;
import dev.overlord.protocol.PluginFrame;
import java.time.Instant;
import java.util.Optional;

/**
 * One row for a time-series table, taken from a telemetry or spawn frame and checked so the
 * database will accept it.
 *
 * <p>A row the database would refuse would fail its whole batch, so such frames are turned away
 * here instead: no character name or one longer than the column, a spawn without a position, a
 * time outside the years 1-9999. Optional text longer than its column is cut, and NUL characters
 * (which PostgreSQL cannot store in text) are removed.
 */
public sealed interface TimeSeriesRow {

    /** Width of {@code character_name} in both tables. */
    int CHARACTER_NAME_WIDTH = 64;

    Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    TimeSeriesTable table();

    String characterName();

    Instant ts();

    /** A {@code telemetry_events} row: its columns as the read side reads them, and {@code raw}, the frame's JSON text. */
    record Telemetry(TelemetryRow columns, String raw) implements TimeSeriesRow {
        @Override
        public TimeSeriesTable table() {
            return TimeSeriesTable.TELEMETRY;
        }

        @Override
        public String characterName() {
            return columns.characterName();
        }

        @Override
        public Instant ts() {
            return columns.ts();
        }
    }

    /** A {@code spawn_events} row. */
    record Spawn(String characterName, Instant ts, String mob, double ew, double ns, Double z)
            implements TimeSeriesRow {
        @Override
        public TimeSeriesTable table() {
            return TimeSeriesTable.SPAWNS;
        }
    }

    /** The row for a frame, or empty when the frame is not a time series or would be refused. */
    static Optional<TimeSeriesRow> of(PluginFrame frame) {
        String name = clean(frame.characterName());
        Instant ts = frame.envelope().timestamp();
        if (name == null
                || name.isBlank()
                || name.length() > CHARACTER_NAME_WIDTH
                || ts == null
                || ts.isBefore(EARLIEST)
                || ts.isAfter(LATEST)) {
            return Optional.empty();
        }
        return switch (frame) {
            case PluginFrame.Telemetry t ->
                Optional.of(new Telemetry(
                        new TelemetryRow(
                                name,
                                ts,
                                t.ew(),
                                t.ns(),
                                t.z(),
                                t.kills(),
                                t.killsPerHour(),
                                t.deaths(),
                                t.totalDeaths(),
                                t.raresFound(),
                                t.prismaticTapers(),
                                cut(t.vtState(), 32),
                                cut(t.sessionId(), 64)),
                        clean(t.envelope().text())));
            case PluginFrame.Spawn s
            when s.ew() != null && s.ns() != null ->
                Optional.of(new Spawn(name, ts, cut(s.monsterName(), 128), s.ew(), s.ns(), s.z()));
            default -> Optional.empty();
        };
    }

    private static String clean(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    /** Cuts to {@code width} UTF-16 units without splitting a surrogate pair. */
    private static String cut(String s, int width) {
        String c = clean(s);
        if (c == null || c.length() <= width) {
            return c;
        }
        int end = Character.isHighSurrogate(c.charAt(width - 1)) ? width - 1 : width;
        return c.substring(0, end);
    }
}
