package dev.overlord.persistence.rares;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One rare item a character found; {@code frame} is the plugin's frame as stored, or null. */
public record RareFind(
        long id,
        String characterName,
        Instant ts,
        String name,
        String sessionId,
        Double ew,
        Double ns,
        Double z,
        JsonNode frame) {}
