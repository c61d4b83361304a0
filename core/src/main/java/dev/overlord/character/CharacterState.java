package dev.overlord.character;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The durable facts about one character, rebuilt from its events by the pure {@link #evolve}.
 *
 * @param sessionId the plugin session that last spoke for it, null when offline
 * @param kills the session counters as the plugin last reported them, like {@code deaths} and
 *     {@code tapers}
 * @param history what the history tables were told: lifetime totals and what decides them
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
    Instant idleSince,
    History history) {

  public CharacterState {
    // Snapshots taken before the history was learned have none.
    if (history == null) history = History.EMPTY;
  }

  /** A point in Dereth: east-west, north-south and height. */
  public record Position(double ew, double ns, double z, Instant at) {}

  /**
   * What the read side has been told, kept small: lifetime totals, the marks of the most recent
   * plugin sessions (not their histories) and digests of the last JSON documents journaled.
   *
   * @param kills lifetime kills: over every session, the sum of its highest reported kills
   * @param deaths lifetime deaths, summed the same way
   * @param tapers the latest prismatic taper count
   * @param rares rare frames seen
   * @param recentSessions the {@value #RECENT_SESSIONS} most recently touched plugin sessions,
   *     oldest first
   */
  public record History(
      long kills,
      long deaths,
      long tapers,
      long rares,
      List<SessionMarks> recentSessions,
      String statsDigest,
      String cantripsDigest,
      String questsDigest) {

    /**
     * Sessions remembered; a frame of a session forgotten since counts as a new session. Plugin
     * sessions follow one another, so only a very late frame could meet a forgotten one.
     */
    public static final int RECENT_SESSIONS = 16;

    public static final History EMPTY = new History(0, 0, 0, 0, List.of(), null, null, null);

    public History {
      recentSessions = recentSessions == null ? List.of() : List.copyOf(recentSessions);
    }

    /** The marks of a session, zero for one not (or no longer) remembered. */
    public SessionMarks session(String sessionId) {
      for (SessionMarks m : recentSessions) {
        if (m.sessionId().equals(sessionId)) return m;
      }
      return new SessionMarks(sessionId, 0, 0, null);
    }

    /** Remembers {@code marks} as the most recent session, forgetting the oldest beyond the cap. */
    History touch(SessionMarks marks) {
      List<SessionMarks> next = new ArrayList<>(recentSessions.size() + 1);
      for (SessionMarks m : recentSessions) {
        if (!m.sessionId().equals(marks.sessionId())) next.add(m);
      }
      next.add(marks);
      if (next.size() > RECENT_SESSIONS) next = next.subList(next.size() - RECENT_SESSIONS, next.size());
      return new History(kills, deaths, tapers, rares, next, statsDigest, cantripsDigest, questsDigest);
    }

    History withTotals(long kills, long deaths, long tapers) {
      return new History(kills, deaths, tapers, rares, recentSessions, statsDigest, cantripsDigest, questsDigest);
    }

    History withRares(long rares) {
      return new History(kills, deaths, tapers, rares, recentSessions, statsDigest, cantripsDigest, questsDigest);
    }

    History withDigests(String statsDigest, String cantripsDigest, String questsDigest) {
      return new History(kills, deaths, tapers, rares, recentSessions, statsDigest, cantripsDigest, questsDigest);
    }

    /**
     * A short, stable fingerprint of a JSON document, so the state remembers whether a document
     * changed without keeping it.
     */
    public static String digest(String json) {
      try {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-256", e);
      }
    }
  }

  /**
   * What is remembered of one plugin session.
   *
   * @param maxKills the highest kills it reported, like {@code maxDeaths}
   * @param lastCombatSnapshot the frame time of its latest combat snapshot, null before the first
   */
  public record SessionMarks(String sessionId, long maxKills, long maxDeaths, Instant lastCombatSnapshot) {}

  public static CharacterState empty(String name) {
    return new CharacterState(name, false, null, null, null, 0, 0, 0, 0, null, false, null, History.EMPTY);
  }

  private CharacterState seen(Instant at, History next) {
    return new CharacterState(name, online, sessionId, at, lastPosition, kills, deaths, tapers,
        deathsObserved, lastDeathAt, idle, idleSince, next);
  }

  /** Applies one event; pure, so it is tested without actors. */
  public CharacterState evolve(CharacterEvent event) {
    return switch (event) {
      case CharacterEvent.CameOnline e ->
          new CharacterState(name, true, e.sessionId(), e.at(), lastPosition, kills, deaths, tapers,
              deathsObserved, lastDeathAt, false, null, history);
      case CharacterEvent.WentOffline e ->
          new CharacterState(name, false, null, e.at(), lastPosition, kills, deaths, tapers,
              deathsObserved, lastDeathAt, false, null, history);
      case CharacterEvent.CountersChanged e ->
          new CharacterState(name, online, sessionId, e.at(), lastPosition, e.kills(), e.deaths(),
              e.tapers(), deathsObserved, lastDeathAt, idle, idleSince, history);
      case CharacterEvent.PositionRecorded e ->
          new CharacterState(name, online, sessionId, e.at(), new Position(e.ew(), e.ns(), e.z(), e.at()),
              kills, deaths, tapers, deathsObserved, lastDeathAt, idle, idleSince, history);
      case CharacterEvent.Died e ->
          new CharacterState(name, online, sessionId, e.at(), lastPosition, kills, deaths, tapers,
              deathsObserved + 1, e.at(), idle, idleSince, history);
      case CharacterEvent.WentIdle e ->
          new CharacterState(name, online, sessionId, e.at(), lastPosition, kills, deaths, tapers,
              deathsObserved, lastDeathAt, true, e.since(), history);
      case CharacterEvent.BecameActive e ->
          new CharacterState(name, online, sessionId, e.at(), lastPosition, kills, deaths, tapers,
              deathsObserved, lastDeathAt, false, null, history);
      case CharacterEvent.LifetimeCountersChanged e -> {
        Instant combat = history.session(e.sessionId()).lastCombatSnapshot();
        yield seen(e.at(), history
            .touch(new SessionMarks(e.sessionId(), e.sessionKills(), e.sessionDeaths(), combat))
            .withTotals(e.kills(), e.deaths(), e.tapers()));
      }
      case CharacterEvent.CharacterStatsUpdated e ->
          seen(e.at(), history.withDigests(History.digest(e.stats()), history.cantripsDigest(), history.questsDigest()));
      case CharacterEvent.CantripsUpdated e ->
          seen(e.at(), history.withDigests(history.statsDigest(), History.digest(e.cantrips()), history.questsDigest()));
      case CharacterEvent.QuestsUpdated e ->
          seen(e.at(), history.withDigests(history.statsDigest(), history.cantripsDigest(), History.digest(e.quests())));
      case CharacterEvent.CombatSnapshotRecorded e -> {
        SessionMarks m = history.session(e.sessionId());
        yield seen(e.at(), history.touch(
            new SessionMarks(e.sessionId(), m.maxKills(), m.maxDeaths(), e.snapshotTs())));
      }
      case CharacterEvent.RareFound e -> seen(e.at(), history.withRares(history.rares() + 1));
      case CharacterEvent.PortalSeen e -> seen(e.at(), history);
    };
  }
}
