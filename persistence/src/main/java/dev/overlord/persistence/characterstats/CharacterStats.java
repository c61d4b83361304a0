package dev.overlord.persistence.characterstats;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * What is stored about one character's attributes and skills (the latest {@code character_stats}
 * frame) and its lifetime totals; either part is empty until the projections have written it.
 */
public record CharacterStats(String characterName, Optional<Latest> latest, Optional<LifetimeTotals> totals) {

    /** The latest stats (without envelope) and cantrips array; either is null until its frame came. */
    public record Latest(JsonNode stats, JsonNode cantrips, Instant updatedAt) {}

    /** Lifetime counters (summed over play sessions by the entity) from {@code char_stats}. */
    public record LifetimeTotals(long kills, long deaths, long rares, long tapers, Instant updatedAt) {}
}
