package dev.overlord.http.characterstats;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.readapi.Answers;
import dev.overlord.persistence.characterstats.CharacterStats;
import dev.overlord.persistence.characterstats.CharacterStatsQueries;
import dev.overlord.persistence.characterstats.Quests;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /character-stats/{character}} (the latest stats, cantrips and lifetime counters) and
 * {@code GET /quests/{character}} (the quest timers by name).
 */
public final class CharacterStatsRoutes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final CharacterStatsQueries queries;
    private final Answers answers;

    public CharacterStatsRoutes(CharacterStatsQueries queries, Answers answers) {
        this.queries = queries;
        this.answers = answers;
    }

    public Route route() {
        return answers.get(() -> concat(
                pathPrefix(
                        "character-stats",
                        () -> path(name -> answers.answer(() -> answers.ifKnown(
                                name, () -> Answers.ok(characterStats(queries.characterStats(name))))))),
                pathPrefix(
                        "quests",
                        () -> path(name -> answers.answer(() -> answers.ifKnown(
                                name,
                                () -> Answers.ok(
                                        quests(name, queries.quests(name).orElse(null)))))))));
    }

    static ObjectNode characterStats(CharacterStats s) {
        ObjectNode body = F.objectNode().put("character_name", s.characterName());
        body.put("updated_at", s.latest().map(l -> l.updatedAt().toString()).orElse(null));
        body.set("stats", s.latest().map(CharacterStats.Latest::stats).orElse(null));
        body.set("cantrips", s.latest().map(CharacterStats.Latest::cantrips).orElse(null));
        body.set(
                "totals",
                s.totals()
                        .map(t -> (JsonNode) F.objectNode()
                                .put("kills", t.kills())
                                .put("deaths", t.deaths())
                                .put("rares", t.rares())
                                .put("tapers", t.tapers())
                                .put("updated_at", t.updatedAt().toString()))
                        .orElse(null));
        return body;
    }

    static ObjectNode quests(String character, Quests q) {
        ObjectNode body = F.objectNode().put("character_name", character);
        body.put("updated_at", q == null ? null : q.updatedAt().toString());
        body.set("quests", q == null ? null : q.quests());
        return body;
    }
}
