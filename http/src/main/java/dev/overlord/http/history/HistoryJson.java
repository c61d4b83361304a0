package dev.overlord.http.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.persistence.query.CharacterStats;
import dev.overlord.persistence.query.CombatStats;
import dev.overlord.persistence.query.HeatCell;
import dev.overlord.persistence.query.Portal;
import dev.overlord.persistence.query.Quests;
import dev.overlord.persistence.query.RareFind;
import dev.overlord.persistence.query.TelemetryRow;
import dev.overlord.persistence.query.Trail;
import java.time.Instant;
import java.util.List;

/**
* The JSON bodies of the history endpoints, in the plugin's snake_case field names; times are
* ISO-8601 UTC and an event's time is {@code timestamp}, as in the frames.
*/
final class HistoryJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private HistoryJson() {}

  static ObjectNode error(String message) {
    return F.objectNode().put("error", message);
  }

  static ObjectNode snapshot(Instant at, long windowSeconds, List<TelemetryRow> fleet) {
    ObjectNode body = F.objectNode().put("at", at.toString()).put("window_seconds", windowSeconds);
    ArrayNode characters = body.putArray("characters");
    fleet.forEach(r -> characters.add(telemetry(r)));
    return body;
  }

  static ObjectNode trails(long minutes, List<Trail> trails) {
    ObjectNode body = F.objectNode().put("minutes", minutes);
    ArrayNode list = body.putArray("trails");
    for (Trail trail : trails) {
      ObjectNode t = list.addObject().put("character_name", trail.characterName());
      ArrayNode points = t.putArray("points");
      trail.points().forEach(p -> points.addObject()
          .put("timestamp", p.ts().toString()).put("ew", p.ew()).put("ns", p.ns()).put("z", p.z()));
    }
    return body;
  }

  static ObjectNode heatmap(int hours, double bin, List<HeatCell> cells, boolean truncated) {
    ObjectNode body = F.objectNode().put("hours", hours).put("bin", bin).put("truncated", truncated);
    ArrayNode list = body.putArray("cells");
    cells.forEach(c -> list.addObject().put("ew", c.ew()).put("ns", c.ns()).put("count", c.count()));
    return body;
  }

  static ObjectNode portals(List<Portal> portals) {
    ObjectNode body = F.objectNode();
    ArrayNode list = body.putArray("portals");
    portals.forEach(p -> list.addObject()
        .put("portal_name", p.portalName())
        .put("ew", p.ew())
        .put("ns", p.ns())
        .put("z", p.z())
        .put("discovered_by", p.discoveredBy())
        .put("first_seen", p.firstSeen().toString())
        .put("last_seen", p.lastSeen().toString()));
    return body;
  }

  static ObjectNode characterStats(CharacterStats s) {
    ObjectNode body = F.objectNode().put("character_name", s.characterName());
    body.put("updated_at", s.latest().map(l -> l.updatedAt().toString()).orElse(null));
    body.set("stats", s.latest().map(CharacterStats.Latest::stats).orElse(null));
    body.set("cantrips", s.latest().map(CharacterStats.Latest::cantrips).orElse(null));
    body.set("totals", s.totals().map(t -> (JsonNode) F.objectNode()
        .put("kills", t.kills())
        .put("deaths", t.deaths())
        .put("rares", t.rares())
        .put("tapers", t.tapers())
        .put("updated_at", t.updatedAt().toString())).orElse(null));
    return body;
  }

  static ObjectNode combatStats(CombatStats s) {
    ObjectNode body = F.objectNode().put("character_name", s.characterName());
    body.set("lifetime", s.lifetime().map(l -> (JsonNode) F.objectNode()
        .put("sessions", l.sessions())
        .put("updated_at", l.updatedAt().toString())
        .set("totals", l.totals())).orElse(null));
    ArrayNode sessions = body.putArray("sessions");
    for (CombatStats.Session session : s.sessions()) {
      sessions.addObject()
          .put("session_id", session.sessionId())
          .put("snapshot_ts", session.snapshotTs().toString())
          .put("updated_at", session.updatedAt().toString())
          .set("snapshot", session.snapshot());
    }
    return body;
  }

  static ObjectNode rares(List<RareFind> rares) {
    ObjectNode body = F.objectNode();
    ArrayNode list = body.putArray("rares");
    for (RareFind r : rares) {
      list.addObject()
          .put("id", r.id())
          .put("character_name", r.characterName())
          .put("timestamp", r.ts().toString())
          .put("name", r.name())
          .put("session_id", r.sessionId())
          .put("ew", r.ew())
          .put("ns", r.ns())
          .put("z", r.z())
          .set("frame", r.frame());
    }
    return body;
  }

  static ObjectNode quests(String character, Quests q) {
    ObjectNode body = F.objectNode().put("character_name", character);
    body.put("updated_at", q == null ? null : q.updatedAt().toString());
    body.set("quests", q == null ? null : q.quests());
    return body;
  }

  /** One telemetry row as a JSON object (the snapshot's rows, and the shape of /history's). */
  static ObjectNode telemetry(TelemetryRow r) {
    return F.objectNode()
        .put("character_name", r.characterName())
        .put("timestamp", r.ts().toString())
        .put("ew", r.ew())
        .put("ns", r.ns())
        .put("z", r.z())
        .put("kills", r.kills())
        .put("kills_per_hour", r.killsPerHour())
        .put("deaths", r.deaths())
        .put("total_deaths", r.totalDeaths())
        .put("rares_found", r.raresFound())
        .put("prismatic_taper_count", r.prismaticTaperCount())
        .put("vt_state", r.vtState())
        .put("session_id", r.sessionId());
  }
}
