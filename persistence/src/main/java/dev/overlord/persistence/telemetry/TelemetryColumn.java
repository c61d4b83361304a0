package dev.overlord.persistence.telemetry;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The columns of a stored telemetry row, declared once: their SQL name, their name in the API's
 * JSON, their kind, and (by declaration order) their position in every telemetry query, in
 * {@link TelemetryRow}, in {@link TelemetryColumns} and in the API's rows.
 */
public enum TelemetryColumn {
    CHARACTER_NAME("character_name", "character_name", Kind.TEXT),
    TS("ts", "timestamp", Kind.INSTANT),
    EW("ew", "ew", Kind.NUMBER),
    NS("ns", "ns", Kind.NUMBER),
    Z("z", "z", Kind.NUMBER),
    KILLS("kills", "kills", Kind.COUNT),
    KILLS_PER_HOUR("kills_per_hour", "kills_per_hour", Kind.RATE),
    DEATHS("deaths", "deaths", Kind.COUNT),
    TOTAL_DEATHS("total_deaths", "total_deaths", Kind.COUNT),
    RARES_FOUND("rares_found", "rares_found", Kind.COUNT),
    PRISMATIC_TAPER_COUNT("prismatic_taper_count", "prismatic_taper_count", Kind.COUNT),
    VT_STATE("vt_state", "vt_state", Kind.TEXT),
    SESSION_ID("session_id", "session_id", Kind.TEXT);

    /** How a column is read and written. */
    public enum Kind {
        /** Text, may be NULL (the character's name never is). */
        TEXT,
        /** The row's time, never NULL. */
        INSTANT,
        /** A position coordinate, never NULL. */
        NUMBER,
        /** A whole-number counter, NULL when the plugin did not send it. */
        COUNT,
        /** A fractional counter, NULL when the plugin did not send it. */
        RATE
    }

    /** Every column, in order: what a telemetry query selects (the covering index, V6, holds them all). */
    public static final String SELECTED =
            Arrays.stream(values()).map(TelemetryColumn::sql).collect(Collectors.joining(", "));

    /**
     * A character's rows in time order, rows of equal time by their other columns, so that which of
     * them is "last" in a step's bucket is decided the same way every time.
     */
    static final String ORDER =
            Arrays.stream(values()).skip(1).map(TelemetryColumn::sql).collect(Collectors.joining(", "));

    private final String sql;
    private final String json;
    private final Kind kind;

    TelemetryColumn(String sql, String json, Kind kind) {
        this.sql = sql;
        this.json = json;
        this.kind = kind;
    }

    public String sql() {
        return sql;
    }

    /** The field's name in the API's rows. */
    public String json() {
        return json;
    }

    public Kind kind() {
        return kind;
    }

    /** The column's 1-based position in a query that selects {@link #SELECTED}. */
    int index() {
        return ordinal() + 1;
    }
}
