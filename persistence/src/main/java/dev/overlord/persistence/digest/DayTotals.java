package dev.overlord.persistence.digest;

import java.time.Duration;
import java.time.LocalDate;

/**
 * What one character did in one day, for the digest.
 *
 * @param kills kills its telemetry counted in the day (each plugin session's increase)
 * @param deaths deaths its telemetry counted in the day, the same way
 * @param rares rares found in the day
 * @param online time with telemetry arriving, gaps longer than {@link DigestQueries#ONLINE_GAP} left out
 * @param xp experience earned in the day, null when no character_stats frame told its total
 */
public record DayTotals(
        String character, LocalDate day, long kills, long deaths, long rares, Duration online, Long xp) {}
