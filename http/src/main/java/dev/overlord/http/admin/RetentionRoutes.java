package dev.overlord.http.admin;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.http.load.Bulkhead;
import dev.overlord.persistence.retention.Retention;
import dev.overlord.persistence.retention.RetentionReport;
import java.time.Duration;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/retention}: runs time-series retention now for a logged-in browser and answers
 * what it removed (503 with the same report when a table could not be finished).
 */
public final class RetentionRoutes {
    private static final Logger log = LoggerFactory.getLogger(RetentionRoutes.class);

    private final Retention retention;
    private final BrowserAuth auth;
    private final Bulkhead gate;
    private final Duration requestTimeout;

    /** @param gate one run at a time; another request meanwhile is answered 503 */
    public RetentionRoutes(Retention retention, BrowserAuth auth, Bulkhead gate, Duration requestTimeout) {
        this.retention = retention;
        this.auth = auth;
        this.gate = gate;
        this.requestTimeout = requestTimeout;
    }

    public Route route() {
        return path(
                segment("admin").slash("retention"),
                () -> post(() -> auth.requireBrowser(user -> {
                    log.info("retention run requested by {}", user);
                    return gate.route(
                            retention::run,
                            requestTimeout,
                            report -> complete(HttpResponse.create()
                                    .withStatus(report.ok() ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE)
                                    .withEntity(HttpEntities.create(
                                            ContentTypes.APPLICATION_JSON,
                                            json(report).toString()))));
                })));
    }

    /** The report as JSON: {@code {"ok", "started_at", "tables": [{"table", "cutoff", ...}]}}. */
    static ObjectNode json(RetentionReport report) {
        ObjectNode body = JsonNodeFactory.instance
                .objectNode()
                .put("ok", report.ok())
                .put("started_at", report.startedAt().toString());
        ArrayNode tables = body.putArray("tables");
        for (RetentionReport.Table t : report.tables()) {
            ObjectNode table = tables.addObject()
                    .put("table", t.table())
                    .put("cutoff", t.cutoff().toString());
            ArrayNode dropped = table.putArray("partitions_dropped");
            t.partitionsDropped().forEach(dropped::add);
            table.put("rows_deleted", t.rowsDeleted())
                    .put("batches", t.batches())
                    .put("took_ms", t.took().toMillis());
            t.error().ifPresentOrElse(e -> table.put("error", e), () -> table.putNull("error"));
        }
        return body;
    }
}
