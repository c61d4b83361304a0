package dev.overlord.http.status;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

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
                path(segment("live").slash(segment()), this::character),
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

    /** Longest character name the schema stores (as the read API's). */
    private static final int MAX_NAME = 64;

    /**
     * {@code GET /live/{character}}: one character's latest telemetry and vitals as this node holds
     * them, and whether it is online (telemetry within the online window); 404 when it has not been
     * heard from within {@code overlord.live.forget-offline-after}.
     */
    private Route character(String name) {
        if (name.isBlank() || name.length() > MAX_NAME) {
            return json(
                    StatusCodes.BAD_REQUEST,
                    obj().put("error", "parameter 'character': must be 1 to " + MAX_NAME + " characters"));
        }
        return hub.fleet()
                .latest(name)
                .map(l -> {
                    java.time.Instant now = clock.instant();
                    ObjectNode body = obj().put("character_name", l.characterName());
                    body.put(
                            "online",
                            l.telemetryAt() != null
                                    && l.telemetryAt()
                                            .isAfter(now.minus(hub.settings().onlineWindow())));
                    body.put("last_seen", l.lastSeen().toString());
                    body.put(
                            "telemetry_at",
                            l.telemetryAt() == null ? null : l.telemetryAt().toString());
                    body.set("telemetry", l.telemetry());
                    body.set("vitals", l.vitals());
                    return json(StatusCodes.OK, body);
                })
                .orElseGet(() -> json(
                        StatusCodes.NOT_FOUND,
                        obj().put(
                                        "error",
                                        "no live state for '" + dev.overlord.protocol.LogText.escape(name)
                                                + "': not heard from recently")));
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
