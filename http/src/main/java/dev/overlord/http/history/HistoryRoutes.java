package dev.overlord.http.history;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overlord.http.history.HistoryRequests.Invalid;
import dev.overlord.http.history.HistoryRequests.Parsed;
import dev.overlord.http.history.HistoryRequests.Valid;
import dev.overlord.persistence.query.HeatCell;
import dev.overlord.persistence.query.HistoryQueries;
import dev.overlord.persistence.query.HistoryCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /history}, {@code /history/snapshot}, {@code /trails}, {@code /spawns/heatmap},
 * {@code /portals}, {@code /rares}, {@code /character-stats/{character}},
 * {@code /combat-stats/{character}} and {@code /quests/{character}}: the stored history as JSON.
 *
 * <p>A bad parameter gets 400 naming it, an unknown character 404, and any failure 500 with a
 * fixed message (the cause goes to the log, never to the client). Queries run on the blocking
 * dispatcher.
 */
public final class HistoryRoutes {
  private static final Logger log = LoggerFactory.getLogger(HistoryRoutes.class);
  private final HistoryQueries queries;
  private final Executor blocking;
  private final Duration portalsKeptFor;
  private final Clock clock;

  public HistoryRoutes(HistoryQueries queries, Duration portalsKeptFor, Executor blocking, Clock clock) {
    this.queries = queries;
    this.portalsKeptFor = portalsKeptFor;
    this.blocking = blocking;
    this.clock = clock;
  }

  public Route route() {
    return get(() -> extractUri(uri -> handleExceptions(internalError(uri.path()), () -> concat(
        pathPrefix("history", () -> concat(
            pathEnd(() -> withParams(p -> HistoryRequests.history(p, clock.instant()), this::history)),
            path("snapshot", () -> withParams(HistoryRequests::snapshot, this::snapshot)))),
        path("trails", () -> withParams(HistoryRequests::trails, this::trails)),
        path(segment("spawns").slash("heatmap"), () -> withParams(HistoryRequests::heatmap, this::heatmap)),
        path("portals", () -> answer(() -> ok(HistoryJson.portals(
            queries.portals(clock.instant().minus(portalsKeptFor)))))),
        path("rares", () -> withParams(HistoryRequests::rares, this::rares)),
        pathPrefix("character-stats", () -> path(name -> answer(() -> ifKnown(name,
            () -> ok(HistoryJson.characterStats(queries.characterStats(name))))))),
        pathPrefix("combat-stats", () -> path(name -> withParams(HistoryRequests::combat, r -> answer(() ->
            ifKnown(name, () -> ok(HistoryJson.combatStats(queries.combatStats(name, r.sessions())))))))),
        pathPrefix("quests", () -> path(name -> answer(() -> ifKnown(name,
            () -> ok(HistoryJson.quests(name, queries.quests(name).orElse(null)))))))))));
  }

  /**
   * The page is written as JSON while the rows are read ({@link HistoryPageWriter}). Whether the
   * character is known is only asked when the page is empty: a character with rows is known.
   */
  private Route history(HistoryRequests.History r) {
    return answer(() -> {
      HistoryPageWriter page = new HistoryPageWriter(r.format(), r.limit());
      try {
        Optional<HistoryCursor> next = queries.history(r.from(), r.to(), r.character(), r.step(), r.limit(), r.cursor(),
            page);
        if (next.isEmpty() && page.isEmpty() && r.character().isPresent()
            && !queries.knownCharacter(r.character().get())) {
          return unknown(r.character().get());
        }
        return new Reply(StatusCodes.OK, page.finish(next));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private Route snapshot(HistoryRequests.Snapshot r) {
    return answer(() -> ok(HistoryJson.snapshot(r.at(), r.window().toSeconds(), queries.fleetAt(r.at(), r.window()))));
  }

  private Route trails(HistoryRequests.Trails r) {
    return answer(() -> ok(HistoryJson.trails(r.window().toMinutes(),
        queries.trails(clock.instant().minus(r.window()), r.points()))));
  }

  private Route heatmap(HistoryRequests.Heatmap r) {
    return answer(() -> {
      // One cell more than asked says whether the answer was cut.
      List<HeatCell> cells = queries.spawnHeatmap(
          clock.instant().minus(Duration.ofHours(r.hours())), r.bin(), r.limit() + 1);
      boolean truncated = cells.size() > r.limit();
      return ok(HistoryJson.heatmap(r.hours(), r.bin(), truncated ? cells.subList(0, r.limit()) : cells, truncated));
    });
  }

  private Route rares(HistoryRequests.Rares r) {
    return answer(() -> r.character().isPresent() && !queries.knownCharacter(r.character().get())
        ? unknown(r.character().get())
        : ok(HistoryJson.rares(queries.rares(r.character(), r.limit()))));
  }

  // ---- plumbing ----

  /**
   * A status and JSON text decided on the blocking dispatcher; a page of history is megabytes of
   * JSON, so it is written there too rather than on the server's threads.
   */
  private record Reply(StatusCode status, ByteString json) {}

  private static Reply ok(JsonNode body) {
    return new Reply(StatusCodes.OK, ByteString.fromString(body.toString()));
  }

  private static Reply unknown(String character) {
    return new Reply(StatusCodes.NOT_FOUND,
        ByteString.fromString(HistoryJson.error("unknown character '" + character + "'").toString()));
  }

  private Reply ifKnown(String character, Supplier<Reply> known) {
    return queries.knownCharacter(character) ? known.get() : unknown(character);
  }

  /** Runs the database work on the blocking dispatcher and completes with what it decided. */
  private Route answer(Supplier<Reply> work) {
    return onSuccess(CompletableFuture.supplyAsync(work, blocking), reply -> json(reply.status(), reply.json()));
  }

  private <R> Route withParams(Function<Map<String, String>, Parsed<R>> parser, Function<R, Route> inner) {
    return parameterMap(params -> switch (parser.apply(params)) {
      case Valid<R> valid -> inner.apply(valid.request());
      case Invalid<R> invalid -> json(StatusCodes.BAD_REQUEST, HistoryJson.error(invalid.message()).toString());
    });
  }

  /** The cause goes to the log with the path; the client learns only that it failed. */
  private static ExceptionHandler internalError(String path) {
    return ExceptionHandler.newBuilder()
        .matchAny(e -> {
          log.error("GET {} failed", path, e);
          return json(StatusCodes.INTERNAL_SERVER_ERROR, HistoryJson.error("internal error").toString());
        })
        .build();
  }

  private static Route json(StatusCode status, String body) {
    return json(status, ByteString.fromString(body));
  }

  private static Route json(StatusCode status, ByteString body) {
    return complete(HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)));
  }
}
