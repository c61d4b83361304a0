package dev.overlord.persistence.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.character.CharacterEvent;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.characterstats.CharacterDocuments;
import dev.overlord.persistence.combat.CombatTotals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a group of character events into the history tables (char_stats, rare_events, rare_stats,
 * rare_stats_sessions, combat_stats_sessions, combat_stats, character_stats, portals), inside the
 * projection's transaction so the rows and the group's offset commit together.
 *
 * <p>An event that a later event of the same group makes moot is skipped: of a character's
 * lifetime counters, stats, cantrips and quests only the group's latest is written, since each of
 * those replaces what the one before wrote. The tables end as if every event had been written,
 * with one statement per character instead of one per frame under load.
 */
public final class CharacterProjectionHandler
    extends JdbcHandler<List<EventEnvelope<CharacterEvent>>, PlainJdbcSession> {

  /** Shown for a rare or portal whose frame had no name: the columns need one. */
  static final String UNNAMED = "unknown";

  private static final Logger log = LoggerFactory.getLogger(CharacterProjectionHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String lifetimeCounters;
  private final String charStatsRare;
  private final String rareStats;
  private final String rareStatsSession;
  private final String combatSession;
  private final String combatLifetime;
  private final String stats;
  private final String cantrips;
  private final String quests;
  private final String portal;

  public CharacterProjectionHandler(Vendor vendor) {
    lifetimeCounters = Upsert.into("char_stats").key("character_name", "VARCHAR")
        .value("total_kills", "BIGINT").value("total_deaths", "BIGINT").value("total_tapers", "BIGINT")
        .value("updated_at", "TIMESTAMP WITH TIME ZONE")
        .replace("total_kills", "total_deaths", "total_tapers", "updated_at").sql(vendor);
    charStatsRare = Upsert.into("char_stats").key("character_name", "VARCHAR")
        .value("total_rares", "BIGINT").value("updated_at", "TIMESTAMP WITH TIME ZONE")
        .add("total_rares").replace("updated_at").sql(vendor);
    rareStats = Upsert.into("rare_stats").key("character_name", "VARCHAR")
        .value("total_rares", "BIGINT").value("updated_at", "TIMESTAMP WITH TIME ZONE")
        .add("total_rares").replace("updated_at").sql(vendor);
    rareStatsSession = Upsert.into("rare_stats_sessions").key("character_name", "VARCHAR").key("session_id", "VARCHAR")
        .value("rares", "BIGINT").value("updated_at", "TIMESTAMP WITH TIME ZONE")
        .add("rares").replace("updated_at").sql(vendor);
    // The entity already drops older snapshots; the guard also holds for a session it has forgotten.
    combatSession = Upsert.into("combat_stats_sessions").key("character_name", "VARCHAR").key("session_id", "VARCHAR")
        .value("snapshot", "CLOB").value("snapshot_ts", "TIMESTAMP WITH TIME ZONE")
        .value("updated_at", "TIMESTAMP WITH TIME ZONE")
        .replace("snapshot", "snapshot_ts", "updated_at").whenNewer("snapshot_ts").sql(vendor);
    combatLifetime = Upsert.into("combat_stats").key("character_name", "VARCHAR")
        .value("lifetime", "CLOB").value("sessions", "INTEGER").value("updated_at", "TIMESTAMP WITH TIME ZONE")
        .replace("lifetime", "sessions", "updated_at").sql(vendor);
    stats = characterStats(vendor, "stats");
    cantrips = characterStats(vendor, "cantrips");
    quests = characterStats(vendor, "quests");
    // Slices project different characters independently, so sightings of one place by two
    // characters may arrive in either order: the earliest decides first_seen and discovered_by, the
    // latest the name, place and last_seen.
    String newer = "CASE WHEN %1$s.last_seen > t.last_seen THEN %1$s.";
    String earlier = "CASE WHEN %1$s.first_seen < t.first_seen THEN %1$s.";
    portal = Upsert.into("portals").key("ew_tenths", "INTEGER").key("ns_tenths", "INTEGER")
        .value("portal_name", "VARCHAR").value("ew", "DOUBLE PRECISION").value("ns", "DOUBLE PRECISION")
        .value("z", "DOUBLE PRECISION").value("discovered_by", "VARCHAR")
        .value("first_seen", "TIMESTAMP WITH TIME ZONE").value("last_seen", "TIMESTAMP WITH TIME ZONE")
        .set("portal_name", newer + "portal_name ELSE t.portal_name END")
        .set("ew", newer + "ew ELSE t.ew END")
        .set("ns", newer + "ns ELSE t.ns END")
        .set("z", newer + "z ELSE t.z END")
        .set("discovered_by", earlier + "discovered_by ELSE t.discovered_by END")
        .set("first_seen", "LEAST(t.first_seen, %1$s.first_seen)")
        .set("last_seen", "GREATEST(t.last_seen, %1$s.last_seen)")
        .sql(vendor);
  }

  /** One column of character_stats; a first row without stats yet has NULL stats. */
  private static String characterStats(Vendor vendor, String column) {
    Upsert u = Upsert.into("character_stats").key("character_name", "VARCHAR").value("stats", "CLOB");
    if (!column.equals("stats")) u.value(column, "CLOB");
    return u.value("updated_at", "TIMESTAMP WITH TIME ZONE").replace(column, "updated_at").sql(vendor);
  }

  @Override
  public void process(PlainJdbcSession session, List<EventEnvelope<CharacterEvent>> envelopes) throws Exception {
    session.withConnection(c -> {
      try (Statements statements = new Statements(c)) {
        List<String> characters = new ArrayList<>(envelopes.size());
        for (EventEnvelope<CharacterEvent> e : envelopes) {
          characters.add(PersistenceId.ofUniqueId(e.persistenceId()).entityId());
        }
        // Walking back, the first of each (kind, character) seen is the group's latest.
        boolean[] moot = new boolean[envelopes.size()];
        Set<Supersedes> seen = new HashSet<>();
        for (int i = envelopes.size() - 1; i >= 0; i--) {
          Class<?> kind = supersedingKind(envelopes.get(i).event());
          if (kind != null && !seen.add(new Supersedes(kind, characters.get(i)))) moot[i] = true;
        }
        for (int i = 0; i < envelopes.size(); i++) {
          if (!moot[i]) apply(statements, characters.get(i), envelopes.get(i).event());
        }
      }
      return null;
    });
  }

  /** An event kind whose write replaces everything the previous one of its kind wrote. */
  private record Supersedes(Class<?> kind, String character) {}

  private static Class<?> supersedingKind(CharacterEvent event) {
    return switch (event) {
      case CharacterEvent.LifetimeCountersChanged e -> e.getClass();
      case CharacterEvent.CharacterStatsUpdated e -> e.getClass();
      case CharacterEvent.CantripsUpdated e -> e.getClass();
      case CharacterEvent.QuestsUpdated e -> e.getClass();
      default -> null;
    };
  }

  private void apply(Statements c, String character, CharacterEvent event) throws SQLException {
    switch (event) {
      case CharacterEvent.LifetimeCountersChanged e ->
          update(c, lifetimeCounters, character, e.kills(), e.deaths(), e.tapers(), utc(e.at()));
      case CharacterEvent.RareFound e -> rareFound(c, character, e);
      case CharacterEvent.CombatSnapshotRecorded e -> combatSnapshot(c, character, e);
      case CharacterEvent.CharacterStatsUpdated e ->
          update(c, stats, character, CharacterDocuments.stats(e.stats()), utc(e.at()));
      case CharacterEvent.CantripsUpdated e ->
          update(c, cantrips, character, null, CharacterDocuments.cantrips(e.cantrips()), utc(e.at()));
      case CharacterEvent.QuestsUpdated e ->
          update(c, quests, character, null, CharacterDocuments.quests(e.quests()), utc(e.at()));
      case CharacterEvent.PortalSeen e ->
          update(c, portal, tenths(e.ew()), tenths(e.ns()), Objects.requireNonNullElse(e.name(), UNNAMED),
              e.ew(), e.ns(), e.z(), character, utc(e.at()), utc(e.at()));
      // Presence, positions and idleness are the live view's, not the history tables'.
      case CharacterEvent.CameOnline e -> {}
      case CharacterEvent.WentOffline e -> {}
      case CharacterEvent.CountersChanged e -> {}
      case CharacterEvent.PositionRecorded e -> {}
      case CharacterEvent.Died e -> {}
      case CharacterEvent.WentIdle e -> {}
      case CharacterEvent.BecameActive e -> {}
    }
  }

  private void rareFound(Statements c, String character, CharacterEvent.RareFound e) throws SQLException {
    OffsetDateTime at = utc(e.at());
    update(c, "INSERT INTO rare_events (character_name, ts, name, session_id, ew, ns, z, raw)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        character, at, Objects.requireNonNullElse(e.name(), UNNAMED), e.sessionId(), e.ew(), e.ns(), e.z(), e.raw());
    update(c, rareStats, character, 1L, at);
    update(c, charStatsRare, character, 1L, at);
    if (e.sessionId() != null) update(c, rareStatsSession, character, e.sessionId(), 1L, at);
  }

  private void combatSnapshot(Statements c, String character, CharacterEvent.CombatSnapshotRecorded e)
      throws SQLException {
    OffsetDateTime at = utc(e.at());
    update(c, combatSession, character, e.sessionId(), e.snapshot(), utc(e.snapshotTs()), at);
    // Recomputed from every session's latest snapshot rather than adjusted, so it cannot drift.
    List<CombatTotals.Snapshot> snapshots = new ArrayList<>();
    PreparedStatement ps = c.prepare("SELECT snapshot, snapshot_ts FROM combat_stats_sessions WHERE character_name = ?");
    ps.setString(1, character);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        snapshots.add(new CombatTotals.Snapshot(parse(rs.getString(1)), rs.getObject(2, OffsetDateTime.class).toInstant()));
      }
    }
    update(c, combatLifetime, character, CombatTotals.merge(snapshots).toString(), snapshots.size(), at);
  }

  /** Portals are one row per place: coordinates rounded to 0.1, kept as whole tenths. */
  static int tenths(double coordinate) {
    return (int) Math.round(coordinate * 10);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // The entity writes these, so this is a damaged row: it adds nothing rather than stopping
      // every character's history behind it.
      log.warn("combat snapshot is not JSON, left out of the lifetime totals: {}", e.getOriginalMessage());
      return JSON.createObjectNode();
    }
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static void update(Statements c, String sql, Object... params) throws SQLException {
    PreparedStatement ps = c.prepare(sql);
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p == null) ps.setNull(i + 1, Types.NULL);
      else ps.setObject(i + 1, p);
    }
    ps.executeUpdate();
  }

  /** The group's prepared statements, each prepared once per group and closed with it. */
  private static final class Statements implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    Statements(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement ps = prepared.get(sql);
      if (ps == null) {
        ps = connection.prepareStatement(sql);
        prepared.put(sql, ps);
      }
      return ps;
    }

    @Override
    public void close() throws SQLException {
      SQLException failure = null;
      for (PreparedStatement ps : prepared.values()) {
        try {
          ps.close();
        } catch (SQLException e) {
          if (failure == null) failure = e;
          else failure.addSuppressed(e);
        }
      }
      if (failure != null) throw failure;
    }
  }
}
