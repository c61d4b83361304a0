package dev.overlord.persistence.combat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A character's combat numbers: lifetime totals and its most recent sessions, newest first. */
public record CombatStats(String characterName, Optional<Lifetime> lifetime, List<Session> sessions) {

    public CombatStats {
        sessions = List.copyOf(sessions);
    }

    /** Every session's latest snapshot merged by {@link CombatTotals}. */
    public record Lifetime(JsonNode totals, int sessions, Instant updatedAt) {}

    /** The latest snapshot of one play session. */
    public record Session(String sessionId, JsonNode snapshot, Instant snapshotTs, Instant updatedAt) {}
}
