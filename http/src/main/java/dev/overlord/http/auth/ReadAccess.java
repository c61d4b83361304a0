package dev.overlord.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.overlord.metrics.Metrics;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Who may read the read API ({@code /live}, {@code /history}, {@code /metrics} ...): in dev anyone;
 * in prod a logged-in browser, a client with the bearer token {@code OVERLORD_API_TOKEN}, or a
 * client on a trusted network, unless the operator opened it with {@code OVERLORD_PUBLIC_READ_API=on}.
 */
public final class ReadAccess {
    /** Longest Authorization header read; longer ones are refused unread. */
    static final int MAX_AUTHORIZATION_LENGTH = 512;

    private final boolean open;
    private final String apiToken;
    private final BrowserAuth browsers;
    private final Metrics.LabeledCounter refused;

    /** @param refused counts refusals, labelled {@code read_api} */
    public ReadAccess(boolean open, String apiToken, BrowserAuth browsers, Metrics.LabeledCounter refused) {
        this.open = open;
        this.apiToken = apiToken;
        this.browsers = browsers;
        this.refused = refused;
    }

    /** Open in dev, or in prod when the operator opened it; closed otherwise. */
    public static ReadAccess of(
            boolean prod, AccessSettings access, BrowserAuth browsers, Metrics.LabeledCounter refused) {
        return new ReadAccess(!prod || access.publicReadApi(), access.apiToken(), browsers, refused);
    }

    public boolean isOpen() {
        return open;
    }

    /**
     * Runs {@code inner}; a request whose first path segment is one of {@code readPaths} (compared
     * ignoring case, empty segments skipped, so {@code //LIVE/} counts too) must first show it may read.
     */
    public Route guard(Set<String> readPaths, Route inner) {
        if (open) return inner;
        return extractRequest(req -> {
            if (!readPaths.contains(firstSegment(req))) return inner;
            Optional<String> reason = refusal(req);
            if (reason.isEmpty()) return inner;
            refused.inc("read_api");
            return unauthorized(reason.get());
        });
    }

    /** Why this request may not read, or empty when it may. */
    Optional<String> refusal(HttpRequest req) {
        Optional<String> authorization = req.getHeader("Authorization").map(h -> h.value());
        if (authorization.isPresent()) {
            String a = authorization.get();
            if (a.length() > MAX_AUTHORIZATION_LENGTH) return Optional.of("Authorization header too long");
            if (!a.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.of("only Authorization: Bearer <OVERLORD_API_TOKEN> is accepted");
            }
            if (!apiToken.isEmpty() && Secrets.constantTimeEquals(apiToken, a.substring(7))) return Optional.empty();
            return Optional.of("invalid API token");
        }
        if (browsers.fromTrustedNetwork(req) || browsers.cookieUser(req).isPresent()) return Optional.empty();
        return Optional.of("the read API needs a login, an API token (Authorization: Bearer ...) or a trusted network");
    }

    private static Route unauthorized(String reason) {
        return respondWithHeader(
                RawHeader.create("WWW-Authenticate", "Bearer realm=\"overlord\""),
                () -> complete(StatusCodes.UNAUTHORIZED, reason));
    }

    private static String firstSegment(HttpRequest req) {
        for (String s : req.getUri().pathSegments()) {
            if (!s.isEmpty()) return s.toLowerCase(Locale.ROOT);
        }
        return "";
    }
}
