package dev.overlord.http.status;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.live.LiveHub;
import dev.overlord.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /live}, {@code /api-version}, {@code /health}, {@code /ready} and {@code /metrics}:
 * what the reference serves for its map and probes, plus Prometheus metrics.
 */
public final class StatusRoutes {
  private static final ContentType.NonBinary PROMETHEUS =
      ContentTypes.TEXT_PLAIN_UTF8;

  private final LiveHub hub;
  private final Metrics metrics;
  private final String version;
  private final Predicate<Duration> databaseReachable;
  private final Executor blocking;
  private final Clock clock;

  public StatusRoutes(
      LiveHub hub, Metrics metrics, String version, Predicate<Duration> databaseReachable, Executor blocking, Clock clock) {
    this.hub = hub;
    this.metrics = metrics;
    this.version = version;
    this.databaseReachable = databaseReachable;
    this.blocking = blocking;
    this.clock = clock;
  }

  public Route route() {
    return get(() -> concat(
        path("live", () -> json(StatusCodes.OK, hub.fleet().liveJson(clock.instant(), hub.settings().onlineWindow()))),
        path("api-version", () -> json(StatusCodes.OK, obj().put("version", version))),
        path("health", () -> json(StatusCodes.OK, obj().put("status", "ok"))),
        path("ready", () -> onSuccess(
            CompletableFuture.supplyAsync(() -> databaseReachable.test(Duration.ofSeconds(2)), blocking),
            up -> up
                ? json(StatusCodes.OK, obj().put("status", "ready").put("database", "up"))
                : json(StatusCodes.SERVICE_UNAVAILABLE, obj().put("status", "not ready").put("database", "down")))),
        path("metrics", () -> complete(HttpResponse.create()
            .withEntity(HttpEntities.create(PROMETHEUS, metrics.render()))))));
  }

  private static ObjectNode obj() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static Route json(StatusCode status, ObjectNode body) {
    return complete(HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString())));
  }
}
