package dev.overlord.http.audit;

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
import dev.overlord.persistence.audit.CommandAudit;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /audit/commands?character=&limit=&before=}: the commands browsers sent to plugins,
 * newest first, a page at a time, for logged-in users.
 */
public final class CommandAuditRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** A page's query: the character (any when empty), how many, and older than which id. */
    record Query(Optional<String> character, int limit, Optional<Long> before) {}

    private final CommandAudit audit;
    private final BrowserAuth auth;
    private final Bulkhead gate;
    private final Duration requestTimeout;

    public CommandAuditRoutes(CommandAudit audit, BrowserAuth auth, Bulkhead gate, Duration requestTimeout) {
        this.audit = audit;
        this.auth = auth;
        this.gate = gate;
        this.requestTimeout = requestTimeout;
    }

    public Route route() {
        return path(
                segment("audit").slash("commands"),
                () -> get(() -> auth.requireBrowser(user -> parameterMap(params -> switch (QueryParams.parse(
                        params,
                        q -> new Query(
                                q.name("character"), q.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT), before(q)))) {
                    case Parsed.Invalid<Query> invalid ->
                        json(StatusCodes.BAD_REQUEST, Answers.error(invalid.message()));
                    case Parsed.Valid<Query> query -> {
                        Query q = query.request();
                        yield gate.route(
                                () -> audit.page(q.character(), q.limit(), q.before()),
                                requestTimeout,
                                page -> json(StatusCodes.OK, json(page)));
                    }
                }))));
    }

    /** {@code before}: an id from a previous page's {@code next_before}, a positive whole number. */
    private static Optional<Long> before(QueryParams q) {
        Optional<String> text = q.text("before");
        if (text.isEmpty()) return Optional.empty();
        String t = text.get();
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) {
            throw new QueryParams.BadParameter("before", "before must be a positive whole number (a next_before)");
        }
        long id = Long.parseLong(t);
        if (id < 1) throw new QueryParams.BadParameter("before", "before must be a positive whole number");
        return Optional.of(id);
    }

    private static Route json(StatusCode status, ObjectNode body) {
        return complete(HttpResponse.create()
                .withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString())));
    }

    /** {@code {"commands":[{"id","at","user","character_name","command","delivered","session_id","client_address"}],"next_before"}}. */
    static ObjectNode json(CommandAudit.Page page) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("commands");
        for (CommandAudit.Entry e : page.entries()) {
            CommandAudit.Command c = e.command();
            ObjectNode n = list.addObject()
                    .put("id", e.id())
                    .put("at", c.at().toString())
                    .put("user", c.user())
                    .put("character_name", c.characterName())
                    .put("command", c.command())
                    .put("delivered", c.delivered());
            if (c.sessionId().isPresent()) n.put("session_id", c.sessionId().get());
            else n.putNull("session_id");
            n.put("client_address", c.clientAddress());
        }
        if (page.nextBefore().isPresent())
            body.put("next_before", page.nextBefore().get());
        else body.putNull("next_before");
        return body;
    }
}
