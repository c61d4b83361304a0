package dev.overlord.http.agent;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.agent.assistant.Assistant;
import dev.overlord.agent.assistant.Assistant.Asked;
import dev.overlord.agent.assistant.Assistant.Finished;
import dev.overlord.agent.history.AgentSessions;
import dev.overlord.agent.runner.RunnerEvent;
import dev.overlord.agent.runner.RunnerFailure;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.http.load.Bulkhead;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The assistant's endpoints, as the reference's: {@code GET /agent/health} (no login), {@code POST
 * /agent/sessions/new}, {@code POST /agent/ask}, {@code GET /agent/sessions/{id}/history}, and
 * {@code POST /agent/ask/stream}, the same question answered as server-sent events (text, tool
 * calls and results as they happen, then the answer or an error). Everything but health needs
 * the browser's session cookie.
 */
public final class AgentRoutes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A question body: 10,000 characters of up to 4 UTF-8 bytes, escaped, and room for the rest. */
    static final long MAX_BODY = 64 * 1024;
    /** Events waiting for a slow browser; progress is skipped near the top so the end always fits. */
    static final int EVENT_BUFFER = 256;

    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final String ANSWER = "answer";
    static final String ERROR = "error";

    private final Assistant assistant;
    private final BrowserAuth auth;
    private final Bulkhead gate;
    private final Duration requestTimeout;

    /** @param gate where history reads run (JDBC), as the other routes' blocking work */
    public AgentRoutes(Assistant assistant, BrowserAuth auth, Bulkhead gate, Duration requestTimeout) {
        this.assistant = assistant;
        this.auth = auth;
        this.gate = gate;
        this.requestTimeout = requestTimeout;
    }

    public Route route() {
        return pathPrefix(
                "agent",
                () -> concat(
                        path("health", () -> get(this::health)),
                        pathPrefix(
                                "sessions",
                                () -> concat(
                                        path(
                                                "new",
                                                () -> post(() -> auth.requireBrowser(user -> json(
                                                        StatusCodes.OK,
                                                        F.objectNode()
                                                                .put(
                                                                        "session_id",
                                                                        assistant
                                                                                .newSession()
                                                                                .toString()))))),
                                        path(
                                                PathMatchers.segment().slash("history"),
                                                id -> get(() -> auth.requireBrowser(user -> history(user, id)))))),
                        pathPrefix(
                                "ask",
                                () -> concat(
                                        pathEnd(() -> post(() -> auth.requireBrowser(user -> body(b -> ask(user, b))))),
                                        path(
                                                "stream",
                                                () -> post(() ->
                                                        auth.requireBrowser(user -> body(b -> stream(user, b)))))))));
    }

    private Route health() {
        return json(
                StatusCodes.OK,
                F.objectNode()
                        .put("status", "ok")
                        .put("runner", assistant.runnerKind())
                        .put("running", assistant.running())
                        .put("max_running", assistant.settings().maxRunning())
                        .put("sessions", "database"));
    }

    private Route history(String user, String id) {
        Optional<UUID> session = sessionId(id);
        if (session.isEmpty()) return error(StatusCodes.BAD_REQUEST, "invalid session_id", 0);
        return gate.route(() -> assistant.history(user, session.get()), requestTimeout, turns -> {
            ObjectNode body = F.objectNode();
            ArrayNode messages = body.putArray("messages");
            for (AgentSessions.Turn t : turns) {
                messages.addObject()
                        .put("role", t.role().wire())
                        .put("text", t.text())
                        .put("timestamp", t.at().toString());
            }
            return json(StatusCodes.OK, body);
        });
    }

    /** A question's body, read up to {@link #MAX_BODY} (413 beyond) and checked (400). */
    private record Body(UUID sessionId, String message) {}

    private Route body(Function<Body, Route> inner) {
        return extractRequestEntity(entity -> extractMaterializer(mat -> {
            OptionalLong declared = entity.getContentLengthOption();
            if (declared.isPresent() && declared.getAsLong() > MAX_BODY) return tooBig();
            CompletionStage<Optional<String>> text = entity.getDataBytes()
                    .limitWeighted(MAX_BODY, b -> (long) b.size())
                    .runFold(ByteString.emptyByteString(), ByteString::concat, mat)
                    .thenApply(b -> Optional.of(b.utf8String()))
                    .exceptionally(e -> Optional.empty());
            return onSuccess(text, t -> {
                if (t.isEmpty()) return tooBig();
                JsonNode n;
                try {
                    n = JSON.readTree(t.get());
                } catch (Exception e) {
                    return error(StatusCodes.BAD_REQUEST, "the body is not JSON", 0);
                }
                if (n == null || !n.isObject())
                    return error(StatusCodes.BAD_REQUEST, "the body must be a JSON object", 0);
                JsonNode id = n.get("session_id");
                Optional<UUID> session = id != null && id.isTextual() ? sessionId(id.asText()) : Optional.empty();
                if (session.isEmpty()) return error(StatusCodes.BAD_REQUEST, "invalid session_id", 0);
                JsonNode message = n.get("message");
                if (message == null || !message.isTextual())
                    return error(StatusCodes.BAD_REQUEST, "message must be a string", 0);
                String problem = Assistant.checkMessage(message.asText());
                if (problem != null) return error(StatusCodes.BAD_REQUEST, problem, 0);
                return inner.apply(new Body(session.get(), message.asText()));
            });
        }));
    }

    /** A canonical UUID (8-4-4-4-12 hex digits), nothing else. */
    static Optional<UUID> sessionId(String text) {
        if (text == null || text.length() != 36 || !UUID_TEXT.matcher(text).matches()) return Optional.empty();
        return Optional.of(UUID.fromString(text.toLowerCase(Locale.ROOT)));
    }

    private Route ask(String user, Body body) {
        CompletionStage<Asked> asked = assistant.ask(user, body.sessionId(), body.message(), e -> {});
        return onSuccess(asked, a -> switch (a) {
            case Asked.Refused r -> refused(r);
            case Asked.Started s ->
                onSuccess(s.finished(), f -> switch (f) {
                    case Finished.Answered ok -> json(StatusCodes.OK, answer(body.sessionId(), ok));
                    case Finished.Failed failed -> error(status(failed.kind()), failed.message(), 0);
                });
        });
    }

    private Route stream(String user, Body body) {
        return extractMaterializer(mat -> {
            Pair<BoundedSourceQueue<ServerSentEvent>, Source<ServerSentEvent, NotUsed>> queued =
                    Source.<ServerSentEvent>queue(EVENT_BUFFER).preMaterialize(mat);
            BoundedSourceQueue<ServerSentEvent> queue = queued.first();
            Consumer<RunnerEvent> events = e -> {
                // Progress only while there is room to spare: the answer or error must fit.
                if (queue.size() < EVENT_BUFFER - 8) queue.offer(event(e));
            };
            CompletionStage<Asked> asked = assistant.ask(user, body.sessionId(), body.message(), events);
            return onSuccess(asked, a -> switch (a) {
                case Asked.Refused r -> {
                    queue.complete();
                    yield refused(r);
                }
                case Asked.Started s -> {
                    s.finished().thenAccept(f -> {
                        queue.offer(
                                switch (f) {
                                    case Finished.Answered ok ->
                                        ServerSentEvent.create(
                                                answer(body.sessionId(), ok).toString(), ANSWER);
                                    case Finished.Failed failed ->
                                        ServerSentEvent.create(
                                                errorBody(failed.message())
                                                        .put(
                                                                "status",
                                                                status(failed.kind())
                                                                        .intValue())
                                                        .toString(),
                                                ERROR);
                                });
                        queue.complete();
                    });
                    Source<ServerSentEvent, NotUsed> out = queued.second()
                            .prepend(Source.single(ServerSentEvent.create(
                                    F.objectNode()
                                            .put("session_id", body.sessionId().toString())
                                            .toString(),
                                    "start")))
                            .keepAlive(KEEP_ALIVE, ServerSentEvent::heartbeat);
                    yield completeOK(out, EventStreamMarshalling.toEventStream());
                }
            });
        });
    }

    private static ServerSentEvent event(RunnerEvent e) {
        return switch (e) {
            case RunnerEvent.Text t ->
                ServerSentEvent.create(F.objectNode().put("delta", t.delta()).toString(), "text");
            case RunnerEvent.ToolCall c -> {
                ObjectNode n = F.objectNode().put("id", c.id()).put("name", c.name());
                n.set("arguments", c.arguments());
                yield ServerSentEvent.create(n.toString(), "tool_call");
            }
            case RunnerEvent.ToolResult r ->
                ServerSentEvent.create(
                        F.objectNode()
                                .put("id", r.id())
                                .put("name", r.name())
                                .put("is_error", r.isError())
                                .put("preview", r.preview())
                                .toString(),
                        "tool_result");
        };
    }

    private static ObjectNode answer(UUID session, Finished.Answered ok) {
        return F.objectNode()
                .put("result", ok.answer().result())
                .put("session_id", session.toString())
                .put("duration_ms", ok.durationMs())
                .put("num_turns", ok.answer().numTurns())
                .put("is_error", ok.answer().isError());
    }

    /** 502 when the runner ran and failed or timed out (as the reference), 503 when it cannot run. */
    static StatusCode status(RunnerFailure.Kind kind) {
        return kind == RunnerFailure.Kind.UNAVAILABLE ? StatusCodes.SERVICE_UNAVAILABLE : StatusCodes.BAD_GATEWAY;
    }

    private static Route refused(Asked.Refused r) {
        StatusCode status = switch (r.why()) {
            case INVALID -> StatusCodes.BAD_REQUEST;
            case RATE_LIMITED, USER_BUSY -> StatusCodes.TOO_MANY_REQUESTS;
            case SERVER_BUSY, UNAVAILABLE -> StatusCodes.SERVICE_UNAVAILABLE;
            case NOT_YOURS -> StatusCodes.NOT_FOUND;
        };
        return error(status, r.detail(), r.retryAfterSeconds());
    }

    private Route tooBig() {
        return error(
                StatusCodes.PAYLOAD_TOO_LARGE,
                "body larger than " + MAX_BODY + " bytes; a message is at most " + Assistant.MAX_MESSAGE
                        + " characters",
                0);
    }

    /** {@code {"error": m, "detail": m}}: our routes' key and the reference's. */
    private static ObjectNode errorBody(String message) {
        return F.objectNode().put("error", message).put("detail", message);
    }

    private static Route error(StatusCode status, String message, long retryAfterSeconds) {
        HttpResponse response = HttpResponse.create()
                .withStatus(status)
                .withEntity(HttpEntities.create(
                        ContentTypes.APPLICATION_JSON, errorBody(message).toString()));
        if (retryAfterSeconds > 0) response = response.addHeader(RetryAfter.create(retryAfterSeconds));
        return complete(response);
    }

    private static Route json(StatusCode status, ObjectNode body) {
        return complete(HttpResponse.create()
                .withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString())));
    }
}
