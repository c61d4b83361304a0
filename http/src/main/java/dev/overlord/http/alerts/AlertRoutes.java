package dev.overlord.http.alerts;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.alerts.Alert;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.http.readapi.Answers;
import dev.overlord.http.readapi.Parsed;
import dev.overlord.http.readapi.QueryParams;
import dev.overlord.persistence.alerts.AlertQueries;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;

/**
 * {@code GET /alerts}: the alerts raised, newest first, by character and kind, paged; {@code POST
 * /alerts/{id}/ack}: a logged-in user acknowledges one (the first acknowledgement stands).
 */
public final class AlertRoutes {
    static final int DEFAULT_ALERTS = 100;
    static final int MAX_ALERTS = 500;
    /** Alert ids are UUIDs or our own short keys: letters, digits and {@code -_:.}. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    static final Pattern KIND = Pattern.compile("[a-z_]{1,32}");

    private final AlertQueries queries;
    private final Answers answers;
    private final BrowserAuth auth;
    private final Clock clock;

    public AlertRoutes(AlertQueries queries, Answers answers, BrowserAuth auth, Clock clock) {
        this.queries = queries;
        this.answers = answers;
        this.auth = auth;
        this.clock = clock;
    }

    /** {@code GET /alerts}'s parameters. */
    record Alerts(Optional<String> character, Optional<String> kind, Optional<String> before, int limit) {}

    static Parsed<Alerts> alerts(Map<String, String> params) {
        return QueryParams.parse(
                params,
                p -> new Alerts(
                        p.name("character"),
                        matching(p, "kind", KIND),
                        matching(p, "before", ID),
                        p.integer("limit", DEFAULT_ALERTS, 1, MAX_ALERTS)));
    }

    private static Optional<String> matching(QueryParams p, String name, Pattern pattern) {
        Optional<String> value = p.text(name);
        if (value.isPresent() && !pattern.matcher(value.get()).matches())
            throw new QueryParams.BadParameter(name, "is not a valid " + name);
        return value;
    }

    public Route route() {
        return concat(
                answers.get(() -> path(
                        "alerts", () -> answers.withParams(AlertRoutes::alerts, a -> answers.answer(() -> list(a))))),
                path(
                        segment("alerts").slash(segment(ID)).slash("ack"),
                        id -> post(() -> auth.requireBrowser(user ->
                                answers.answer(() -> queries.acknowledge(id, user, clock.instant())
                                        .map(row -> Answers.ok(json(row)))
                                        .orElseGet(() -> new Answers.Reply(
                                                StatusCodes.NOT_FOUND,
                                                ByteString.fromString(Answers.error("no alert " + id)
                                                        .toString()))))))));
    }

    private Answers.Reply list(Alerts a) {
        Optional<AlertQueries.Cursor> before = Optional.empty();
        if (a.before().isPresent()) {
            Optional<AlertQueries.Row> from = queries.byId(a.before().get());
            if (from.isEmpty()) {
                return new Answers.Reply(
                        StatusCodes.BAD_REQUEST,
                        ByteString.fromString(
                                Answers.error("before: no alert " + a.before().get())
                                        .toString()));
            }
            before = Optional.of(new AlertQueries.Cursor(
                    from.get().alert().at(), from.get().alert().id()));
        }
        List<AlertQueries.Row> rows = queries.latest(a.character(), a.kind(), before, a.limit());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("alerts");
        rows.forEach(r -> list.add(json(r)));
        if (rows.size() == a.limit())
            body.put("next_before", rows.get(rows.size() - 1).alert().id());
        else body.putNull("next_before");
        return Answers.ok(body);
    }

    static ObjectNode json(AlertQueries.Row r) {
        Alert a = r.alert();
        ObjectNode o = JsonNodeFactory.instance
                .objectNode()
                .put("id", a.id())
                .put("kind", a.kind())
                .put("rule", r.rule())
                .put("character_name", a.characterName())
                .put("timestamp", a.at().toString())
                .put("severity", a.severity())
                .put("title", a.title())
                .put("message", a.message());
        ObjectNode fields = o.putObject("fields");
        a.fields().forEach(fields::put);
        o.put("acknowledged_by", r.acknowledgedBy());
        o.put(
                "acknowledged_at",
                r.acknowledgedAt() == null ? null : r.acknowledgedAt().toString());
        o.put("cleared_at", r.clearedAt() == null ? null : r.clearedAt().toString());
        return o;
    }
}
