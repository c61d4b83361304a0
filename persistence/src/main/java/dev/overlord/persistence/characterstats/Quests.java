package dev.overlord.persistence.characterstats;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A character's quest timers by name, as its latest quest frame carried them (null if none came). */
public record Quests(String characterName, JsonNode quests, Instant updatedAt) {}
