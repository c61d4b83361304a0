package dev.overlord.character;

import java.time.Instant;

/**
 * The durable facts about one character, rebuilt from its events by the pure {@link #evolve}.
 *
 * @param sessionId the plugin session that last spoke for it, null when offline
 */
public record CharacterState(
    String name,
    boolean online,
    String sessionId,
    Instant lastSeen,
    Position lastPosition,
    long kills,
    long deaths,
    long tapers,
    long deathsObserved,
    Instant lastDeathAt,
    boolean idle,
    Instant idleSince) {

  /** A point in Dereth: east-west, north-south and height. */
  public record Position(double ew, double ns, double z, Instant at) {}

  public static CharacterState empty(String name) {
    return new CharacterState(name, false, null, null, null, 0, 0, 0, 0, null, false, null);
  }

  /** Applies one event; pure, so it is tested without actors. */
  public CharacterState evolve(CharacterEvent event) {
    return switch (event) {
      case CharacterEvent.CameOnline e ->
          new CharacterState(name, true, e.sessionId(), e.at(), lastPosition, kills, deaths, tapers,
              deathsObserved, lastDeathAt, false, null);
      case CharacterEvent.WentOffline e ->
          new CharacterState(name, false, null, e.at(), lastPosition, kills, deaths, tapers,
              deathsObserved, lastDeathAt, false, null);
      case CharacterEvent.CountersChanged e ->
          new CharacterState(name, online, sessionId, e.at(), lastPosition, e.kills(), e.deaths(),
              e.tapers(), deathsObserved, lastDeathAt, idle, idleSince);
      case CharacterEvent.PositionRecorded e ->
          new CharacterState(name, online, sessionId, e.at(), new Position(e.ew(), e.ns(), e.z(), e.at()),
              kills, deaths, tapers, deathsObserved, lastDeathAt, idle, idleSince);
      case CharacterEvent.Died e ->
          new CharacterState(name, online, sessionId, e.at(), lastPosition, kills, deaths, tapers,
              deathsObserved + 1, e.at(), idle, idleSince);
      case CharacterEvent.WentIdle e ->
          new CharacterState(name, online, sessionId, e.at(), lastPosition, kills, deaths, tapers,
              deathsObserved, lastDeathAt, true, e.since());
      case CharacterEvent.BecameActive e ->
          new CharacterState(name, online, sessionId, e.at(), lastPosition, kills, deaths, tapers,
              deathsObserved, lastDeathAt, false, null);
    };
  }
}
