package dev.overlord.character;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;

/**
 * What happened to a character, as journaled. Events are forever: each keeps its stable type name
 * (written into the JSON, never the Java class name) and only ever gains optional fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
  @JsonSubTypes.Type(CharacterEvent.CameOnline.class),
  @JsonSubTypes.Type(CharacterEvent.WentOffline.class),
  @JsonSubTypes.Type(CharacterEvent.CountersChanged.class),
  @JsonSubTypes.Type(CharacterEvent.PositionRecorded.class),
  @JsonSubTypes.Type(CharacterEvent.Died.class),
  @JsonSubTypes.Type(CharacterEvent.WentIdle.class),
  @JsonSubTypes.Type(CharacterEvent.BecameActive.class)
})
public sealed interface CharacterEvent {

  Instant at();

  /** A plugin session began speaking for the character. */
  @JsonTypeName("came-online")
  record CameOnline(Instant at, String sessionId) implements CharacterEvent {}

  /** The plugin session that spoke for the character closed. */
  @JsonTypeName("went-offline")
  record WentOffline(Instant at) implements CharacterEvent {}

  /** The session counters reported by telemetry changed. */
  @JsonTypeName("counters-changed")
  record CountersChanged(Instant at, long kills, long deaths, long tapers) implements CharacterEvent {}

  /** A checkpoint of the last known position (positions themselves are time series, not events). */
  @JsonTypeName("position-recorded")
  record PositionRecorded(Instant at, double ew, double ns, double z) implements CharacterEvent {}

  /** Vitae went from 0 to above 0: the character died. */
  @JsonTypeName("died")
  record Died(Instant at, double vitae) implements CharacterEvent {}

  /** The character has been idle for the whole grace period, since {@code since}. */
  @JsonTypeName("went-idle")
  record WentIdle(Instant at, Instant since) implements CharacterEvent {}

  /** An idle character is doing something again. */
  @JsonTypeName("became-active")
  record BecameActive(Instant at) implements CharacterEvent {}
}
