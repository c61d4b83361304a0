package dev.overlord.http.status;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.live.LiveHub;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.timeseries.WriterHealth;
import java.time.Clock;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /live}, {@code /api-version}, {@code /health}, {@code /ready} and {@code /metrics}:
 * what the reference serves for its map and probes, plus Prometheus metrics.
 */
public final class StatusRoutes {
    private static final ContentType.NonBinary PROMETHEUS = ContentTypes.TEXT_PLAIN_UTF8;

    private final LiveHub hub;
    private final Metrics metrics;
    private final String version;
    private final ReadinessProbe database;
    private final Supplier<WriterHealth> timeSeriesWriter;
    private final Supplier<String> discord;
    private final Clock clock;

    /**
     * @param database the database check {@code /ready} follows (its own cheap path, never behind queries)
     * @param timeSeriesWriter the time-series writer's view of the database, shown by {@code /ready}
     */
    public StatusRoutes(
            LiveHub hub,
            Metrics metrics,
            String version,
            ReadinessProbe database,
            Supplier<WriterHealth> timeSeriesWriter,
            Clock clock) {
        this(hub, metrics, version, database, timeSeriesWriter, () -> "off", clock);
    }

    /** @param discord the Discord bot's state, shown by {@code /ready} (a failed bot does not make it unready) */
    public StatusRoutes(
            LiveHub hub,
            Metrics metrics,
            String version,
            ReadinessProbe database,
            Supplier<WriterHealth> timeSeriesWriter,
            Supplier<String> discord,
            Clock clock) {
        this.discord = discord;
        this.hub = hub;
        this.metrics = metrics;
        this.version = version;
        this.database = database;
        this.timeSeriesWriter = timeSeriesWriter;
        this.clock = clock;
    }

    public Route route() {
        return get(() -> concat(
                path(
                        "live",
                        () -> json(
                                StatusCodes.OK,
                                hub.fleet()
                                        .liveJson(
                                                clock.instant(), hub.settings().onlineWindow()))),
                path("api-version", () -> json(StatusCodes.OK, obj().put("version", version))),
                path("health", () -> json(StatusCodes.OK, obj().put("status", "ok"))),
                path(
                        "ready",
                        () -> onSuccess(
                                database.check(),
                                up -> json(up ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, ready(up)))),
                path(
                        "metrics",
                        () -> complete(
                                HttpResponse.create().withEntity(HttpEntities.create(PROMETHEUS, metrics.render()))))));
    }

    /**
     * Readiness follows the database; the writer's part says whether time series are being stored
     * or buffered ({@code failing_since} set) while the database is away or refusing writes.
     */
    private ObjectNode ready(boolean databaseUp) {
        ObjectNode body =
                obj().put("status", databaseUp ? "ready" : "not ready").put("database", databaseUp ? "up" : "down");
        WriterHealth w = timeSeriesWriter.get();
        ObjectNode writer = body.putObject("writer").put("backlog", w.backlog());
        w.failingSince()
                .ifPresentOrElse(t -> writer.put("failing_since", t.toString()), () -> writer.putNull("failing_since"));
        body.put("discord", discord.get());
        return body;
    }

    private static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static Route json(StatusCode status, ObjectNode body) {
        return complete(HttpResponse.create()
                .withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString())));
    }
}
