package dev.overlord.http.admin;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.http.load.Bulkhead;
import dev.overlord.http.readapi.Answers;
import dev.overlord.http.readapi.Parsed;
import dev.overlord.http.readapi.QueryParams;
import dev.overlord.persistence.setaside.SetAsideEvents;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /admin/projection/set-aside?limit=N}: the latest events the projections could not
 * write and set aside, newest first, for a logged-in browser.
 */
public final class SetAsideRoutes {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final SetAsideEvents events;
    private final BrowserAuth auth;
    private final Bulkhead gate;
    private final Duration requestTimeout;

    public SetAsideRoutes(SetAsideEvents events, BrowserAuth auth, Bulkhead gate, Duration requestTimeout) {
        this.events = events;
        this.auth = auth;
        this.gate = gate;
        this.requestTimeout = requestTimeout;
    }

    public Route route() {
        return path(
                segment("admin").slash("projection").slash("set-aside"),
                () -> get(() -> auth.requireBrowser(user -> parameterMap(params -> switch (QueryParams.parse(
                        params, q -> q.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT))) {
                    case Parsed.Invalid<Integer> invalid ->
                        complete(HttpResponse.create()
                                .withStatus(StatusCodes.BAD_REQUEST)
                                .withEntity(HttpEntities.create(
                                        ContentTypes.APPLICATION_JSON,
                                        Answers.error(invalid.message()).toString())));
                    case Parsed.Valid<Integer> limit ->
                        gate.route(
                                () -> events.latest(limit.request()),
                                requestTimeout,
                                list -> complete(HttpResponse.create()
                                        .withStatus(StatusCodes.OK)
                                        .withEntity(HttpEntities.create(
                                                ContentTypes.APPLICATION_JSON,
                                                json(list).toString()))));
                }))));
    }

    /** {@code {"set_aside": [{"id", "projection", "persistence_id", "sequence_nr", "event_type", "error", "set_aside_at"}]}}. */
    static ObjectNode json(List<SetAsideEvents.Entry> entries) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("set_aside");
        for (SetAsideEvents.Entry e : entries) {
            list.addObject()
                    .put("id", e.id())
                    .put("projection", e.projection())
                    .put("persistence_id", e.persistenceId())
                    .put("sequence_nr", e.sequenceNr())
                    .put("event_type", e.eventType())
                    .put("error", e.error())
                    .put("set_aside_at", e.setAsideAt().toString());
        }
        return body;
    }
}
