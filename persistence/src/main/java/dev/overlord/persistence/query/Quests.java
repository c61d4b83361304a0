package dev.overlord.persistence.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A character's quest timers as the latest stats frame carried them. */
public record Quests(String characterName, JsonNode quests, Instant updatedAt) {}
