package dev.overlord.http.rares;

import static org.apache.pekko.http.javadsl.server.Directives.path;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.readapi.Answers;
import dev.overlord.http.readapi.Parsed;
import dev.overlord.http.readapi.QueryParams;
import dev.overlord.persistence.rares.RareFind;
import dev.overlord.persistence.rares.RareQueries;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /rares}: the latest rare finds, of everyone or one character, newest first. */
public final class RareRoutes {
    static final int DEFAULT_RARES = 50;
    static final int MAX_RARES = 1_000;

    private final RareQueries queries;
    private final Answers answers;

    public RareRoutes(RareQueries queries, Answers answers) {
        this.queries = queries;
        this.answers = answers;
    }

    /** {@code GET /rares}'s parameters. */
    record Rares(Optional<String> character, int limit) {}

    static Parsed<Rares> rares(Map<String, String> params) {
        return QueryParams.parse(
                params, p -> new Rares(p.name("character"), p.integer("limit", DEFAULT_RARES, 1, MAX_RARES)));
    }

    public Route route() {
        return answers.get(() -> path(
                "rares",
                () -> answers.withParams(
                        RareRoutes::rares,
                        r -> answers.answer(() -> r.character().isPresent()
                                        && !answers.known(r.character().get())
                                ? Answers.unknown(r.character().get())
                                : Answers.ok(json(queries.latest(r.character(), r.limit())))))));
    }

    static ObjectNode json(List<RareFind> rares) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
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
}
