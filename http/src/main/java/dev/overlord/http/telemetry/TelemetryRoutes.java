package dev.overlord.http.telemetry;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.overlord.http.readapi.Answers;
import dev.overlord.persistence.telemetry.TelemetryCursor;
import dev.overlord.persistence.telemetry.TelemetryQueries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /history}, {@code /history/snapshot} and {@code /trails}: the stored telemetry as
 * JSON. A page of {@code /history} is written while its rows are read.
 */
public final class TelemetryRoutes {
    private final TelemetryQueries queries;
    private final Answers answers;
    private final Clock clock;

    public TelemetryRoutes(TelemetryQueries queries, Answers answers, Clock clock) {
        this.queries = queries;
        this.answers = answers;
        this.clock = clock;
    }

    public Route route() {
        return answers.get(() -> concat(
                pathPrefix(
                        "history",
                        () -> concat(
                                pathEnd(() -> answers.withParams(
                                        p -> TelemetryRequests.history(p, clock.instant()), this::history)),
                                path(
                                        "snapshot",
                                        () -> answers.withParams(TelemetryRequests::snapshot, this::snapshot)))),
                path("trails", () -> answers.withParams(TelemetryRequests::trails, this::trails))));
    }

    /**
     * The page is written as JSON while the rows are read ({@link TelemetryPageWriter}). Whether the
     * character is known is only asked when the page is empty: a character with rows is known.
     */
    private Route history(TelemetryRequests.History r) {
        return answers.answer(() -> {
            TelemetryPageWriter page = new TelemetryPageWriter(r.format(), r.limit());
            try {
                Optional<TelemetryCursor> next =
                        queries.page(r.from(), r.to(), r.character(), r.step(), r.limit(), r.cursor(), page);
                if (next.isEmpty()
                        && page.isEmpty()
                        && r.character().isPresent()
                        && !answers.known(r.character().get())) {
                    return Answers.unknown(r.character().get());
                }
                return new Answers.Reply(StatusCodes.OK, page.finish(next));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Route snapshot(TelemetryRequests.Snapshot r) {
        return answers.answer(() -> Answers.ok(
                TelemetryJson.snapshot(r.at(), r.window().toSeconds(), queries.fleetAt(r.at(), r.window()))));
    }

    private Route trails(TelemetryRequests.Trails r) {
        return answers.answer(() -> Answers.ok(TelemetryJson.trails(
                r.window().toMinutes(), queries.trails(clock.instant().minus(r.window()), r.points()))));
    }
}
