package dev.overlord.persistence.telemetry;

import java.io.IOException;

/**
 * Where {@link TelemetryQueries#page} puts a page's rows as it reads them, one at a time, so a caller
 * can write them out (e.g. as JSON) without a {@link TelemetryRow} per row.
 *
 * <p>The query may take back rows it has already given: when a page would end inside a group of
 * rows with equal {@code (ts, character_name)}, it calls {@link #reset(long)} with the mark taken
 * before the group's first row and then gives the whole group again.
 */
public interface TelemetrySink {

    /**
     * One row. {@code row} is a view of the current database row: read what is needed now, it shows
     * the next row once this returns.
     */
    void row(TelemetryColumns row) throws IOException;

    /** A position before the next row, for {@link #reset(long)}. */
    long mark() throws IOException;

    /** Forgets every row given since {@link #mark()} returned {@code mark}. */
    void reset(long mark) throws IOException;
}
