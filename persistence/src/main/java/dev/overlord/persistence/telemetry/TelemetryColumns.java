package dev.overlord.persistence.telemetry;

import dev.overlord.persistence.DataAccessException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A view of the current row of a telemetry query, for a {@link TelemetrySink}: the
 * {@link TelemetryColumn}s, read straight from the JDBC result set without building a row object.
 *
 * <p>Columns are read by their {@link TelemetryColumn.Kind}; nullable ones JDBC-style: a getter
 * returns 0 for SQL NULL and {@link #wasNull()} then says so. Getters throw {@link DataAccessException} when the database fails.
 */
public final class TelemetryColumns {
    private ResultSet rs;
    private String characterName;
    private Instant ts;

    TelemetryColumns() {}

    /** Points the view at the result set's current row, whose name and time were read already. */
    TelemetryColumns at(ResultSet rs, String characterName, Instant ts) {
        this.rs = rs;
        this.characterName = characterName;
        this.ts = ts;
        return this;
    }

    public String characterName() {
        return characterName;
    }

    public Instant ts() {
        return ts;
    }

    /** Whether the column read last was SQL NULL. */
    public boolean wasNull() {
        try {
            return rs.wasNull();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** This row as a record, for callers that want one. */
    public TelemetryRow toRow() {
        return TelemetryRow.of(column -> switch (column.kind()) {
            case TEXT -> text(column);
            case INSTANT -> ts;
            case NUMBER -> number(column);
            case COUNT -> {
                long n = count(column);
                yield wasNull() ? null : n;
            }
            case RATE -> {
                double d = number(column);
                yield wasNull() ? null : d;
            }
        });
    }

    /** A text column's value; {@code null} when NULL. */
    public String text(TelemetryColumn column) {
        return column == TelemetryColumn.CHARACTER_NAME ? characterName : getString(column);
    }

    /** A {@code NUMBER}, {@code RATE} column's value; 0 when NULL, see {@link #wasNull()}. */
    public double number(TelemetryColumn column) {
        return getDouble(column);
    }

    /** A {@code COUNT} column's value; 0 when NULL, see {@link #wasNull()}. */
    public long count(TelemetryColumn column) {
        return getLong(column);
    }

    private double getDouble(TelemetryColumn column) {
        try {
            return rs.getDouble(column.index());
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private long getLong(TelemetryColumn column) {
        try {
            return rs.getLong(column.index());
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private String getString(TelemetryColumn column) {
        try {
            return rs.getString(column.index());
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static DataAccessException failed(SQLException e) {
        return new DataAccessException("could not read telemetry history", e);
    }
}
