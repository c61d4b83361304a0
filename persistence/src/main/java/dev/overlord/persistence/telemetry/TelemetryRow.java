package dev.overlord.persistence.telemetry;

import java.time.Instant;

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
