package dev.overlord.persistence.query;

import java.time.Instant;

/**
 * One stored telemetry snapshot of a character: where it was and its session counters then.
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
        String sessionId) {}
