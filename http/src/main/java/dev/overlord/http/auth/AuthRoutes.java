package dev.overlord.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.load.Bulkhead;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.users.UserStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpCookie;
import org.apache.pekko.http.javadsl.model.headers.HttpCookiePair;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.model.headers.SameSite;
import org.apache.pekko.http.javadsl.model.headers.SetCookie;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.util.ByteString;

/**
 * {@code POST /login}, {@code POST /logout} and {@code GET /me}. Login takes a small JSON body or
 * form with {@code username} and {@code password}. In order: the body's size, its shape and the
 * name are checked; an attempt is reserved with the {@link LoginThrottle} (per name and client
 * address); the password is checked behind a {@link Bulkhead} with threads of its own (bounded, never on the shared
 * dispatcher); the attempt is settled. Logout revokes every session of the user (see
 * {@link SessionVersions}).
 */
public final class AuthRoutes {
    /** Longest user name a login may name; longer ones are refused before anything else. */
    public static final int MAX_NAME_LENGTH = 64;

    /**
     * An oversized login body up to this size is read and discarded so its 413 arrives (as Tomcat's
     * maxSwallowSize); a larger declared or streamed body is refused and its connection closed.
     */
    static final long SWALLOW_BYTES = 2L << 20;

    private final UserStore users;
    private final BrowserAuth auth;
    private final Executor blocking;
    private final LoginThrottle throttle;
    private final Bulkhead gate;
    private final Duration maxWait;
    private final long maxBodyBytes;
    private final Metrics.LabeledCounter outcomes;
    private final ObjectMapper mapper = new ObjectMapper();

    public AuthRoutes(
            UserStore users,
            BrowserAuth auth,
            Executor blocking,
            LoginThrottle throttle,
            Bulkhead gate,
            Duration maxWait,
            long maxBodyBytes,
            Metrics metrics) {
        this.users = users;
        this.auth = auth;
        this.blocking = blocking;
        this.throttle = throttle;
        this.gate = gate;
        this.maxWait = maxWait;
        this.maxBodyBytes = maxBodyBytes;
        this.outcomes = metrics.labeledCounter(
                "overlord_logins_total",
                "outcome",
                "Login requests by outcome (ok, failed, throttled, busy, too_big, invalid)");
    }

    public Route route() {
        return concat(
                path(
                        "login",
                        () -> post(() -> extractMaterializer(mat -> extractRequest(req -> isSecure(secure -> {
                            OptionalLong declared = req.entity().getContentLengthOption();
                            if (declared.isPresent() && declared.getAsLong() > SWALLOW_BYTES) return tooBig();
                            CompletionStage<Optional<String>> body = readBody(req.entity(), mat);
                            return onSuccess(
                                    body,
                                    text -> text.map(t -> login(req, t, secure)).orElseGet(this::tooBig));
                        }))))),
                path("logout", () -> post(() -> isSecure(this::logout))),
                path(
                        "me",
                        () -> get(() -> auth.requireBrowser(user -> json(
                                StatusCodes.OK,
                                JsonNodeFactory.instance.objectNode().put("username", user))))));
    }

    /**
     * The body, or empty when it is larger than the limit. An oversized body of up to
     * {@link #SWALLOW_BYTES} is read to its end and thrown away (nothing past the limit is kept), so
     * the 413 reaches a client still sending; a connection closed with unread bytes is reset, and
     * its answer lost. Beyond that the stream is cut and the connection closes.
     */
    private CompletionStage<Optional<String>> readBody(HttpEntity entity, Materializer mat) {
        return entity.getDataBytes()
                .runFold(new BoundedBody(maxBodyBytes), BoundedBody::add, mat)
                .thenApply(BoundedBody::text)
                .exceptionally(e -> {
                    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (c instanceof BodyTooBig || c instanceof EntityStreamSizeException) return Optional.empty();
                    throw e instanceof CompletionException ce ? ce : new CompletionException(c);
                });
    }

    /** Keeps at most {@code limit} bytes; counts the rest, and gives up past {@link #SWALLOW_BYTES}. */
    private static final class BoundedBody {
        private final long limit;
        private ByteString kept = ByteString.emptyByteString();
        private long seen;

        BoundedBody(long limit) {
            this.limit = limit;
        }

        BoundedBody add(ByteString chunk) {
            seen += chunk.size();
            if (seen > SWALLOW_BYTES) throw new BodyTooBig();
            if (seen <= limit) kept = kept.concat(chunk);
            return this;
        }

        Optional<String> text() {
            return seen <= limit ? Optional.of(kept.utf8String()) : Optional.empty();
        }
    }

    private static final class BodyTooBig extends RuntimeException {
        BodyTooBig() {
            super("login body over the swallow limit", null, false, false);
        }
    }

    private Route tooBig() {
        outcomes.inc("too_big");
        return json(
                StatusCodes.PAYLOAD_TOO_LARGE,
                error("login body larger than " + maxBodyBytes + " bytes; send only username and password"));
    }

    private Route login(HttpRequest req, String body, boolean secure) {
        String mediaType = req.entity().getContentType().mediaType().toString();
        Credentials creds;
        switch (Credentials.parse(mapper, body, mediaType)) {
            case Credentials.Invalid invalid -> {
                outcomes.inc("invalid");
                return json(StatusCodes.BAD_REQUEST, error(invalid.reason()));
            }
            case Credentials c -> creds = c;
        }
        return switch (throttle.reserve(creds.username(), auth.clients().text(req))) {
            case LoginThrottle.Wait w -> {
                Arrays.fill(creds.password(), '\0');
                outcomes.inc("throttled");
                long seconds =
                        Math.max(1, w.retryAfter().toSeconds() + (w.retryAfter().toNanosPart() > 0 ? 1 : 0));
                yield respondWithHeader(
                        RetryAfter.create(seconds),
                        () -> json(
                                StatusCodes.TOO_MANY_REQUESTS,
                                error("too many failed logins; try again in " + seconds + " s")));
            }
            case LoginThrottle.Granted g ->
                onSuccess(
                        gate.submit(
                                        () -> users.authenticate(creds.username(), creds.password()),
                                        System.nanoTime() + maxWait.toNanos())
                                .whenComplete((a, e) -> Arrays.fill(creds.password(), '\0')),
                        admission -> checked(g.attempt(), admission, secure));
        };
    }

    private Route checked(
            LoginThrottle.Attempt attempt,
            Bulkhead.Outcome<Optional<UserStore.Authenticated>> admission,
            boolean secure) {
        return switch (admission) {
            case Bulkhead.Outcome.Full<Optional<UserStore.Authenticated>> full -> {
                attempt.abandoned();
                yield busy("too many logins at once; try again shortly");
            }
            case Bulkhead.Outcome.Expired<Optional<UserStore.Authenticated>> expired -> {
                attempt.abandoned();
                yield busy("the server was too busy to check the password in time; try again");
            }
            case Bulkhead.Outcome.Done<Optional<UserStore.Authenticated>> ran
            when ran.value().isEmpty() -> {
                attempt.failed();
                outcomes.inc("failed");
                yield json(StatusCodes.UNAUTHORIZED, error("invalid username or password"));
            }
            case Bulkhead.Outcome.Done<Optional<UserStore.Authenticated>> ran -> {
                attempt.succeeded();
                outcomes.inc("ok");
                UserStore.Authenticated who = ran.value().get();
                auth.cookies().versions().observe(who.username(), who.tokenVersion());
                ObjectNode ok =
                        JsonNodeFactory.instance.objectNode().put("ok", true).put("username", who.username());
                yield respondWithHeader(
                        SetCookie.create(sessionCookie(
                                auth.cookies().issue(who.username()),
                                auth.cookies().ttl().toSeconds(),
                                secure)),
                        () -> json(StatusCodes.OK, ok));
            }
        };
    }

    private Route busy(String message) {
        outcomes.inc("busy");
        return respondWithHeader(RetryAfter.create(1L), () -> json(StatusCodes.SERVICE_UNAVAILABLE, error(message)));
    }

    /**
     * Clears the cookie and, when it was a valid session, revokes every session of its user (a
     * version bump: this node at once, other nodes within the session refresh).
     */
    private Route logout(boolean secure) {
        return optionalCookie(auth.cookieName(), cookie -> {
            Optional<String> user = cookie.map(HttpCookiePair::value).flatMap(auth.cookies()::verify);
            Route cleared = respondWithHeader(
                    SetCookie.create(sessionCookie("", 0, secure)),
                    () -> json(
                            StatusCodes.OK,
                            JsonNodeFactory.instance.objectNode().put("ok", true)));
            if (user.isEmpty()) return cleared;
            CompletableFuture<Boolean> revoked = CompletableFuture.supplyAsync(
                            () -> users.revokeSessions(user.get()), blocking)
                    .thenApply(version -> {
                        auth.cookies().versions().observe(user.get(), version);
                        return true;
                    })
                    .exceptionally(e -> false);
            return onSuccess(
                    revoked,
                    ok -> ok
                            ? cleared
                            : respondWithHeader(
                                    SetCookie.create(sessionCookie("", 0, secure)),
                                    () -> json(
                                            StatusCodes.SERVICE_UNAVAILABLE,
                                            error(
                                                    "logged out here, but the session could not be revoked; try again"))));
        });
    }

    /** Behind a TLS-terminating proxy the scheme is told by X-Forwarded-Proto. */
    private static Route isSecure(Function<Boolean, Route> inner) {
        return extractUri(uri -> optionalHeaderValueByName(
                "X-Forwarded-Proto",
                proto -> inner.apply("https".equalsIgnoreCase(uri.scheme())
                        || proto.map("https"::equalsIgnoreCase).orElse(false))));
    }

    private HttpCookie sessionCookie(String value, long maxAgeSeconds, boolean secure) {
        return HttpCookie.create(auth.cookieName(), value)
                .withPath("/")
                .withHttpOnly(true)
                .withSecure(secure)
                .withSameSite(SameSite.Strict)
                .withMaxAge(maxAgeSeconds);
    }

    static ObjectNode error(String message) {
        return JsonNodeFactory.instance.objectNode().put("error", message);
    }

    static Route json(StatusCode status, JsonNode body) {
        return complete(HttpResponse.create()
                .withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString())));
    }

    /** A login request's fields, or why there are none. */
    sealed interface Parsed permits Credentials, Credentials.Invalid {}

    /** A login request's fields, the name already checked. */
    record Credentials(String username, char[] password) implements Parsed {

        /** Why a login body was refused (400). */
        record Invalid(String reason) implements Parsed {}

        static Parsed parse(ObjectMapper mapper, String body, String mediaType) {
            String user = null;
            String pass = null;
            if (mediaType.contains("x-www-form-urlencoded")) {
                Map<String, String> form = new HashMap<>();
                for (String pair : body.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        try {
                            form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                        } catch (IllegalArgumentException e) {
                            return new Invalid("malformed %-escape in the form body: write % as %25");
                        }
                    }
                }
                user = form.get("username");
                pass = form.get("password");
            } else {
                try {
                    JsonNode n = mapper.readTree(body);
                    if (n != null && n.isObject()) {
                        user = n.path("username").isTextual()
                                ? n.get("username").asText()
                                : null;
                        pass = n.path("password").isTextual()
                                ? n.get("password").asText()
                                : null;
                    }
                } catch (Exception e) {
                    return new Invalid("send username and password (JSON or form)");
                }
            }
            if (user == null || user.isBlank() || pass == null || pass.isEmpty()) {
                return new Invalid("send username and password (JSON or form)");
            }
            Optional<String> badName = checkName(user);
            if (badName.isPresent()) return new Invalid(badName.get());
            return new Credentials(user.strip(), pass.toCharArray());
        }

        /** Why a user name cannot be one: too long, or holding control or invisible characters. */
        static Optional<String> checkName(String name) {
            if (name.length() > MAX_NAME_LENGTH) {
                return Optional.of("user name longer than " + MAX_NAME_LENGTH + " characters");
            }
            boolean printable = name.codePoints().allMatch(cp -> switch (Character.getType(cp)) {
                case Character.CONTROL,
                        Character.FORMAT,
                        Character.SURROGATE,
                        Character.UNASSIGNED,
                        Character.PRIVATE_USE,
                        Character.LINE_SEPARATOR,
                        Character.PARAGRAPH_SEPARATOR -> false;
                default -> true;
            });
            return printable ? Optional.empty() : Optional.of("user name holds control or invisible characters");
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
    }
}
