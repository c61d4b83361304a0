package dev.overlord.http.readapi;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.load.Bulkhead;
import dev.overlord.persistence.KnownCharacters;
import dev.overlord.protocol.LogText;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every read endpoint answers: JSON decided on the blocking dispatcher behind the query gate
 * ({@code 503} when it is full), {@code 400} naming a bad parameter, {@code 404} for a character no
 * read model knows, and {@code 500} with a fixed message for any failure (the cause goes to the log, never to the client). One per server, shared
 * by the feature routes.
 */
public final class Answers {
    private static final Logger log = LoggerFactory.getLogger(Answers.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Bulkhead gate;
    private final Duration requestTimeout;
    private final KnownCharacters known;
    private final BooleanSupplier databaseDown;

    /**
     * @param gate bounds the queries running and waiting at once (503 beyond it)
     * @param requestTimeout the server's request timeout: a query that waited longer is not started
     */
    public Answers(Bulkhead gate, Duration requestTimeout, KnownCharacters known) {
        this(gate, requestTimeout, known, () -> false);
    }

    /**
     * @param databaseDown whether the database is known to be away (never blocks): queries are then
     *     refused with 503 at once instead of waiting for a connection
     */
    public Answers(Bulkhead gate, Duration requestTimeout, KnownCharacters known, BooleanSupplier databaseDown) {
        this.gate = gate;
        this.requestTimeout = requestTimeout;
        this.known = known;
        this.databaseDown = databaseDown;
    }

    /**
     * A status and JSON text decided on the blocking dispatcher; a page of history is megabytes of
     * JSON, so it is written there too rather than on the server's threads.
     */
    public record Reply(StatusCode status, ByteString json) {}

    public static ObjectNode error(String message) {
        return F.objectNode().put("error", message);
    }

    public static Reply ok(JsonNode body) {
        return new Reply(StatusCodes.OK, ByteString.fromString(body.toString()));
    }

    public static Reply unknown(String character) {
        return new Reply(
                StatusCodes.NOT_FOUND,
                ByteString.fromString(
                        error("unknown character '" + character + "'").toString()));
    }

    /** Whether any read model knows {@code character}; blocks on JDBC. */
    public boolean known(String character) {
        return known.contains(character);
    }

    /** {@code known} when the character is known, else 404; blocks on JDBC. */
    public Reply ifKnown(String character, Supplier<Reply> reply) {
        return known(character) ? reply.get() : unknown(character);
    }

    /** GET routes whose failures become a logged 500 with a fixed body. */
    public Route get(Supplier<Route> inner) {
        return Directives.get(() -> extractUri(uri -> handleExceptions(internalError(uri.path()), inner)));
    }

    /**
     * Runs the database work through the query gate on the blocking dispatcher and completes with
     * what it decided; {@code 503} with {@code Retry-After} at once when the gate is full.
     */
    public Route answer(Supplier<Reply> work) {
        if (databaseDown.getAsBoolean()) return Bulkhead.busy(DATABASE_AWAY);
        return gate.route(work, requestTimeout, reply -> json(reply.status(), reply.json()));
    }

    private static final String DATABASE_AWAY = "database unavailable, try again shortly";

    /** A query that failed for want of a connection: the database is away, not the request wrong. */
    private static boolean databaseAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** Parses the query string; a bad parameter is answered 400 here. */
    public <R> Route withParams(Function<Map<String, String>, Parsed<R>> parser, Function<R, Route> inner) {
        return parameterMap(params -> switch (parser.apply(params)) {
            case Parsed.Valid<R> valid -> inner.apply(valid.request());
            case Parsed.Invalid<R> invalid ->
                json(
                        StatusCodes.BAD_REQUEST,
                        ByteString.fromString(error(invalid.message()).toString()));
        });
    }

    /**
     * Like {@link #withParams}, for endpoints whose parameters may repeat ({@code ?material=Gold&material=Iron}):
     * the values of a repeated parameter reach the parser joined by commas, as if sent as one list.
     */
    public <R> Route withListParams(Function<Map<String, String>, Parsed<R>> parser, Function<R, Route> inner) {
        return parameterMultiMap(multi -> {
            Map<String, String> joined = new java.util.HashMap<>();
            multi.forEach((name, values) -> joined.put(name, String.join(",", values)));
            return switch (parser.apply(joined)) {
                case Parsed.Valid<R> valid -> inner.apply(valid.request());
                case Parsed.Invalid<R> invalid ->
                    json(
                            StatusCodes.BAD_REQUEST,
                            ByteString.fromString(error(invalid.message()).toString()));
            };
        });
    }

    /** The cause goes to the log with the path; the client learns only that it failed. */
    private static ExceptionHandler internalError(String path) {
        return ExceptionHandler.newBuilder()
                .matchAny(e -> {
                    if (databaseAway(e)) {
                        log.warn("GET {}: database unavailable ({})", LogText.escape(path), e.getMessage());
                        return Bulkhead.busy(DATABASE_AWAY);
                    }
                    log.error("GET {} failed", LogText.escape(path), e);
                    return json(
                            StatusCodes.INTERNAL_SERVER_ERROR,
                            ByteString.fromString(error("internal error").toString()));
                })
                .build();
    }

    private static Route json(StatusCode status, ByteString body) {
        return complete(HttpResponse.create()
                .withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)));
    }
}
