package dev.overlord.persistence.telemetry;

import java.time.Instant;
import java.util.function.Function;

/**
 * One stored telemetry snapshot of a character: where it was and its session counters then; its
 * components are the {@link TelemetryColumn}s in order.
 *
 * <p>Counters are {@code null} when the plugin did not send them.
 */
public record TelemetryRow(
        String characterName,
        Instant ts,
        double ew,
        double ns,
        double z,
        Long kills,
        Double killsPerHour,
        Long deaths,
        Long totalDeaths,
        Long raresFound,
        Long prismaticTaperCount,
        String vtState,
        String sessionId) {

    /** A row from each column's value (a String, Instant, Double or Long, or {@code null}). */
    public static TelemetryRow of(Function<TelemetryColumn, Object> value) {
        return new TelemetryRow(
                (String) value.apply(TelemetryColumn.CHARACTER_NAME),
                (Instant) value.apply(TelemetryColumn.TS),
                (Double) value.apply(TelemetryColumn.EW),
                (Double) value.apply(TelemetryColumn.NS),
                (Double) value.apply(TelemetryColumn.Z),
                (Long) value.apply(TelemetryColumn.KILLS),
                (Double) value.apply(TelemetryColumn.KILLS_PER_HOUR),
                (Long) value.apply(TelemetryColumn.DEATHS),
                (Long) value.apply(TelemetryColumn.TOTAL_DEATHS),
                (Long) value.apply(TelemetryColumn.RARES_FOUND),
                (Long) value.apply(TelemetryColumn.PRISMATIC_TAPER_COUNT),
                (String) value.apply(TelemetryColumn.VT_STATE),
                (String) value.apply(TelemetryColumn.SESSION_ID));
    }

    /** The value of one column: a String, Instant, Double or Long, or {@code null}. */
    public Object value(TelemetryColumn column) {
        return switch (column) {
            case CHARACTER_NAME -> characterName;
            case TS -> ts;
            case EW -> ew;
            case NS -> ns;
            case Z -> z;
            case KILLS -> kills;
            case KILLS_PER_HOUR -> killsPerHour;
            case DEATHS -> deaths;
            case TOTAL_DEATHS -> totalDeaths;
            case RARES_FOUND -> raresFound;
            case PRISMATIC_TAPER_COUNT -> prismaticTaperCount;
            case VT_STATE -> vtState;
            case SESSION_ID -> sessionId;
        };
    }
}
