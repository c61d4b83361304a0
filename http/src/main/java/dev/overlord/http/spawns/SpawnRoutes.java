package dev.overlord.http.spawns;

import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.readapi.Answers;
import dev.overlord.http.readapi.Parsed;
import dev.overlord.http.readapi.QueryParams;
import dev.overlord.persistence.spawns.HeatCell;
import dev.overlord.persistence.spawns.SpawnQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /spawns/heatmap}: spawns counted per square bin of the map, busiest first. */
public final class SpawnRoutes {
    static final int DEFAULT_HOURS = 24;
    static final int MAX_HOURS = 168;
    static final double DEFAULT_BIN = 1.0;
    static final double MIN_BIN = 0.1;
    static final double MAX_BIN = 50.0;
    static final int DEFAULT_CELLS = 10_000;
    static final int MAX_CELLS = 100_000;

    private final SpawnQueries queries;
    private final Answers answers;
    private final Clock clock;

    public SpawnRoutes(SpawnQueries queries, Answers answers, Clock clock) {
        this.queries = queries;
        this.answers = answers;
        this.clock = clock;
    }

    /** {@code GET /spawns/heatmap}'s parameters. */
    record Heatmap(int hours, double bin, int limit) {}

    static Parsed<Heatmap> heatmap(Map<String, String> params) {
        return QueryParams.parse(
                params,
                p -> new Heatmap(
                        p.integer("hours", DEFAULT_HOURS, 1, MAX_HOURS),
                        p.decimal("bin", DEFAULT_BIN, MIN_BIN, MAX_BIN),
                        p.integer("limit", DEFAULT_CELLS, 1, MAX_CELLS)));
    }

    public Route route() {
        return answers.get(() -> path(
                segment("spawns").slash("heatmap"),
                () -> answers.withParams(
                        SpawnRoutes::heatmap,
                        r -> answers.answer(() -> {
                            // One cell more than asked says whether the answer was cut.
                            List<HeatCell> cells = queries.heatmap(
                                    clock.instant().minus(Duration.ofHours(r.hours())), r.bin(), r.limit() + 1);
                            boolean truncated = cells.size() > r.limit();
                            return Answers.ok(json(
                                    r.hours(), r.bin(), truncated ? cells.subList(0, r.limit()) : cells, truncated));
                        }))));
    }

    static ObjectNode json(int hours, double bin, List<HeatCell> cells, boolean truncated) {
        ObjectNode body = JsonNodeFactory.instance
                .objectNode()
                .put("hours", hours)
                .put("bin", bin)
                .put("truncated", truncated);
        ArrayNode list = body.putArray("cells");
        cells.forEach(c -> list.addObject().put("ew", c.ew()).put("ns", c.ns()).put("count", c.count()));
        return body;
    }
}
