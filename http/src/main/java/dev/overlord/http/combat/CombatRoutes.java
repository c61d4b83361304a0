package dev.overlord.http.combat;

import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.readapi.Answers;
import dev.overlord.http.readapi.Parsed;
import dev.overlord.http.readapi.QueryParams;
import dev.overlord.persistence.combat.CombatQueries;
import dev.overlord.persistence.combat.CombatStats;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /combat-stats/{character}}: lifetime totals and the latest sessions, newest first. */
public final class CombatRoutes {
    static final int DEFAULT_SESSIONS = 10;
    static final int MAX_SESSIONS = 100;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final CombatQueries queries;
    private final Answers answers;

    public CombatRoutes(CombatQueries queries, Answers answers) {
        this.queries = queries;
        this.answers = answers;
    }

    /** {@code GET /combat-stats/{character}}'s parameters. */
    record Combat(int sessions) {}

    static Parsed<Combat> combat(Map<String, String> params) {
        return QueryParams.parse(params, p -> new Combat(p.integer("sessions", DEFAULT_SESSIONS, 1, MAX_SESSIONS)));
    }

    public Route route() {
        return answers.get(() -> pathPrefix(
                "combat-stats",
                () -> path(name -> answers.withParams(
                        CombatRoutes::combat,
                        r -> answers.answer(() -> answers.ifKnown(
                                name, () -> Answers.ok(json(queries.combatStats(name, r.sessions())))))))));
    }

    static ObjectNode json(CombatStats s) {
        ObjectNode body = F.objectNode().put("character_name", s.characterName());
        body.set(
                "lifetime",
                s.lifetime()
                        .map(l -> (JsonNode) F.objectNode()
                                .put("sessions", l.sessions())
                                .put("updated_at", l.updatedAt().toString())
                                .set("totals", l.totals()))
                        .orElse(null));
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
}
