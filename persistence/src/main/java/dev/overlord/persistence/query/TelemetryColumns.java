package dev.overlord.persistence.query;

import dev.overlord.persistence.DataAccessException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A view of the current row of a telemetry query, for a {@link HistorySink}: the columns of
 * {@link TelemetryRow}, read straight from the JDBC result set without building a row object.
 *
 * <p>Nullable columns are read JDBC-style: a getter returns 0 for SQL NULL and {@link #wasNull()}
 * then says so. Getters throw {@link DataAccessException} when the database fails.
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

    public double ew() {
        return getDouble(3);
    }

    public double ns() {
        return getDouble(4);
    }

    public double z() {
        return getDouble(5);
    }

    /** 0 when NULL, see {@link #wasNull()}; likewise the other counters. */
    public long kills() {
        return getLong(6);
    }

    public double killsPerHour() {
        return getDouble(7);
    }

    public long deaths() {
        return getLong(8);
    }

    public long totalDeaths() {
        return getLong(9);
    }

    public long raresFound() {
        return getLong(10);
    }

    public long prismaticTaperCount() {
        return getLong(11);
    }

    /** {@code null} when NULL. */
    public String vtState() {
        return getString(12);
    }

    /** {@code null} when NULL. */
    public String sessionId() {
        return getString(13);
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
        long kills = kills();
        Long k = wasNull() ? null : kills;
        double kph = killsPerHour();
        Double kh = wasNull() ? null : kph;
        long deaths = deaths();
        Long d = wasNull() ? null : deaths;
        long totalDeaths = totalDeaths();
        Long td = wasNull() ? null : totalDeaths;
        long rares = raresFound();
        Long r = wasNull() ? null : rares;
        long tapers = prismaticTaperCount();
        Long p = wasNull() ? null : tapers;
        return new TelemetryRow(characterName, ts, ew(), ns(), z(), k, kh, d, td, r, p, vtState(), sessionId());
    }

    private double getDouble(int column) {
        try {
            return rs.getDouble(column);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private long getLong(int column) {
        try {
            return rs.getLong(column);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private String getString(int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static DataAccessException failed(SQLException e) {
        return new DataAccessException("could not read telemetry history", e);
    }
}
