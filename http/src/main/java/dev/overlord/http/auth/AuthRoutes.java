package dev.overlord.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.persistence.users.UserStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpCookie;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.model.headers.SameSite;
import org.apache.pekko.http.javadsl.model.headers.SetCookie;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /login}, {@code POST /logout} and {@code GET /me}. Login takes a JSON body or a
 * form with {@code username} and {@code password}; password checks run on the blocking dispatcher,
 * and repeated failures for one name are throttled.
 */
public final class AuthRoutes {
    private final UserStore users;
    private final BrowserAuth auth;
    private final Executor blocking;
    private final LoginThrottle throttle;
    private final ObjectMapper mapper = new ObjectMapper();

    public AuthRoutes(UserStore users, BrowserAuth auth, Executor blocking, LoginThrottle throttle) {
        this.users = users;
        this.auth = auth;
        this.blocking = blocking;
        this.throttle = throttle;
    }

    public Route route() {
        return concat(
                path(
                        "login",
                        () -> post(() ->
                                extractRequest(req -> isSecure(secure -> entity(Unmarshaller.entityToString(), body -> {
                                    String contentType = req.entity()
                                            .getContentType()
                                            .mediaType()
                                            .toString();
                                    Credentials creds = Credentials.parse(mapper, body, contentType);
                                    if (creds == null) {
                                        return json(
                                                StatusCodes.BAD_REQUEST,
                                                error("send username and password (JSON or form)"));
                                    }
                                    Duration wait = throttle.retryAfter(creds.username());
                                    if (!wait.isZero() && !wait.isNegative()) {
                                        long seconds = Math.max(1, wait.toSeconds());
                                        return respondWithHeader(
                                                RetryAfter.create(seconds),
                                                () -> json(
                                                        StatusCodes.TOO_MANY_REQUESTS,
                                                        error("too many failed logins; try again in " + seconds
                                                                + " s")));
                                    }
                                    return onSuccess(
                                            CompletableFuture.supplyAsync(
                                                    () -> users.verify(creds.username(), creds.password()), blocking),
                                            ok -> {
                                                Arrays.fill(creds.password(), '\0');
                                                if (!ok) {
                                                    throttle.failed(creds.username());
                                                    return json(
                                                            StatusCodes.UNAUTHORIZED,
                                                            error("invalid username or password"));
                                                }
                                                throttle.succeeded(creds.username());
                                                ObjectNode body2 = JsonNodeFactory.instance
                                                        .objectNode()
                                                        .put("ok", true)
                                                        .put("username", creds.username());
                                                return respondWithHeader(
                                                        SetCookie.create(sessionCookie(
                                                                auth.cookies().issue(creds.username()),
                                                                auth.cookies()
                                                                        .ttl()
                                                                        .toSeconds(),
                                                                secure)),
                                                        () -> json(StatusCodes.OK, body2));
                                            });
                                }))))),
                path(
                        "logout",
                        () -> post(() -> isSecure(secure -> respondWithHeader(
                                SetCookie.create(sessionCookie("", 0, secure)),
                                () -> json(
                                        StatusCodes.OK,
                                        JsonNodeFactory.instance.objectNode().put("ok", true)))))),
                path(
                        "me",
                        () -> get(() -> auth.requireBrowser(user -> json(
                                StatusCodes.OK,
                                JsonNodeFactory.instance.objectNode().put("username", user))))));
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

    /** A login request's fields. */
    record Credentials(String username, char[] password) {
        static Credentials parse(ObjectMapper mapper, String body, String mediaType) {
            String user = null;
            String pass = null;
            if (mediaType.contains("x-www-form-urlencoded")) {
                Map<String, String> form = new HashMap<>();
                for (String pair : body.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
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
                    return null;
                }
            }
            if (user == null || user.isBlank() || pass == null || pass.isEmpty()) return null;
            return new Credentials(user.trim(), pass.toCharArray());
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
    }
}
