package dev.overlord.http.portals;

import static org.apache.pekko.http.javadsl.server.Directives.path;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.readapi.Answers;
import dev.overlord.persistence.portals.Portal;
import dev.overlord.persistence.portals.PortalQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /portals}: the portals seen within {@code keepFor} (the setting that also drives the
 * expiry job), most recently seen first.
 */
public final class PortalRoutes {
    private final PortalQueries queries;
    private final Duration keepFor;
    private final Answers answers;
    private final Clock clock;

    public PortalRoutes(PortalQueries queries, Duration keepFor, Answers answers, Clock clock) {
        this.queries = queries;
        this.keepFor = keepFor;
        this.answers = answers;
        this.clock = clock;
    }

    public Route route() {
        return answers.get(() -> path(
                "portals",
                () -> answers.answer(
                        () -> Answers.ok(json(queries.seenSince(clock.instant().minus(keepFor)))))));
    }

    static ObjectNode json(List<Portal> portals) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
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
}
