package dev.overlord.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.overlord.http.connections.ClientAddress;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpCookiePair;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Who may use the browser side: a valid session cookie, or a client on a trusted network (its
 * address resolved by {@link ClientAddress}); and only from an origin the {@link OriginPolicy}
 * allows.
 */
public final class BrowserAuth {
    /** The user name given to clients admitted by network rather than by cookie. */
    public static final String TRUSTED_NETWORK_USER = "trusted-network";

    /** The user name given to clients admitted by the read-only API token (no commands). */
    public static final String API_TOKEN_USER = "api-token";

    private final SessionCookies cookies;
    private final String cookieName;
    private final OriginPolicy origins;
    private final TrustedNetworks trusted;
    private final ClientAddress clients;
    private final String apiToken;

    /** @param apiToken the read-only bearer token ({@code OVERLORD_API_TOKEN}); empty for none */
    public BrowserAuth(
            SessionCookies cookies,
            String cookieName,
            OriginPolicy origins,
            TrustedNetworks trusted,
            ClientAddress clients,
            String apiToken) {
        this.apiToken = apiToken;
        this.cookies = cookies;
        this.cookieName = cookieName;
        this.origins = origins;
        this.trusted = trusted;
        this.clients = clients;
    }

    /** Without proxies, and with only {@code allowedOrigins} (and loopback on no port) as origins. */
    public BrowserAuth(
            SessionCookies cookies, String cookieName, List<String> allowedOrigins, TrustedNetworks trusted) {
        this(cookies, cookieName, new OriginPolicy(allowedOrigins, 0), trusted, ClientAddress.direct(), "");
    }

    public SessionCookies cookies() {
        return cookies;
    }

    public String cookieName() {
        return cookieName;
    }

    public OriginPolicy origins() {
        return origins;
    }

    public ClientAddress clients() {
        return clients;
    }

    /** Runs {@code inner} with the user's name, or refuses with 401/403 and a reason. */
    public Route requireBrowser(Function<String, Route> inner) {
        return checkOrigin(() -> extractRequest(req -> {
            if (fromTrustedNetwork(req)) return inner.apply(TRUSTED_NETWORK_USER);
            return optionalCookie(cookieName, cookie -> {
                Optional<String> user = cookie.map(HttpCookiePair::value).flatMap(cookies::verify);
                if (user.isEmpty()) {
                    return complete(
                            StatusCodes.UNAUTHORIZED,
                            cookie.isPresent() ? "session expired or invalid: log in again" : "not logged in");
                }
                return inner.apply(user.get());
            });
        }));
    }

    /**
     * Like {@link #requireBrowser}, and also admits {@code Authorization: Bearer <OVERLORD_API_TOKEN>}
     * as {@link #API_TOKEN_USER}: for feeds a bot or tool only reads.
     */
    public Route requireReader(Function<String, Route> inner) {
        return extractRequest(req -> {
            Optional<String> bearer = req.getHeader("Authorization")
                    .map(h -> h.value())
                    .filter(v -> v.length() <= 512 && v.regionMatches(true, 0, "Bearer ", 0, 7))
                    .map(v -> v.substring(7));
            if (bearer.isPresent() && !apiToken.isEmpty() && Secrets.constantTimeEquals(apiToken, bearer.get())) {
                return checkOrigin(() -> inner.apply(API_TOKEN_USER));
            }
            return requireBrowser(inner);
        });
    }

    /** The client is on a trusted network (its address as {@link ClientAddress} resolves it). */
    public boolean fromTrustedNetwork(HttpRequest req) {
        if (trusted.isEmpty()) return false;
        Optional<InetAddress> addr = clients.of(req);
        return addr.isPresent() && trusted.contains(addr.get());
    }

    /** The user a request's session cookie names, when it is valid. */
    public Optional<String> cookieUser(HttpRequest req) {
        for (HttpCookiePair c : req.getHeader(org.apache.pekko.http.javadsl.model.headers.Cookie.class)
                .map(h -> (Iterable<HttpCookiePair>) h.getCookies())
                .orElse(List.of())) {
            if (c.name().equals(cookieName)) {
                Optional<String> user = cookies.verify(c.value());
                if (user.isPresent()) return user;
            }
        }
        return Optional.empty();
    }

    /** Allowed origins pass; a request without Origin (not a browser's page) passes. Never Host. */
    private Route checkOrigin(Supplier<Route> inner) {
        return optionalHeaderValueByName("Origin", origin -> {
            Optional<String> refused = origin.flatMap(origins::refusal);
            return refused.isPresent() ? origins.refuse(refused.get()) : inner.get();
        });
    }
}
