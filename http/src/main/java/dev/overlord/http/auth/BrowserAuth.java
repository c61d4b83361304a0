package dev.overlord.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpCookiePair;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Who may use the browser side: a valid session cookie, or a client on a trusted network; and for
 * WebSockets, only from the server's own origin or an allowed one.
 */
public final class BrowserAuth {
    /** The user name given to clients admitted by network rather than by cookie. */
    public static final String TRUSTED_NETWORK_USER = "trusted-network";

    private final SessionCookies cookies;
    private final String cookieName;
    private final List<String> allowedOrigins;
    private final TrustedNetworks trusted;

    public BrowserAuth(
            SessionCookies cookies, String cookieName, List<String> allowedOrigins, TrustedNetworks trusted) {
        this.cookies = cookies;
        this.cookieName = cookieName;
        this.allowedOrigins =
                allowedOrigins.stream().map(BrowserAuth::normalize).toList();
        this.trusted = trusted;
    }

    public SessionCookies cookies() {
        return cookies;
    }

    public String cookieName() {
        return cookieName;
    }

    /** Runs {@code inner} with the user's name, or refuses with 401/403 and a reason. */
    public Route requireBrowser(Function<String, Route> inner) {
        // The connection's own address, not extractClientIP: that believes X-Forwarded-For and
        // X-Real-IP, which any client can send to pose as a trusted network.
        return checkOrigin(() -> extractRequest(req -> {
            Optional<InetAddress> addr =
                    req.getAttribute(AttributeKeys.remoteAddress).flatMap(RemoteAddress::getAddress);
            if (!trusted.isEmpty() && addr.isPresent() && trusted.contains(addr.get())) {
                return inner.apply(TRUSTED_NETWORK_USER);
            }
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

    /** Same-origin requests and allowed origins pass; a request without Origin (not a browser) passes. */
    private Route checkOrigin(Supplier<Route> inner) {
        return optionalHeaderValueByName(
                "Origin",
                origin -> optionalHeaderValueByName("Host", host -> {
                    if (origin.isEmpty()) return inner.get();
                    String o = normalize(origin.get());
                    if (allowedOrigins.contains(o)
                            || host.map(h -> hostOf(o).equalsIgnoreCase(h)).orElse(false)) {
                        return inner.get();
                    }
                    return complete(StatusCodes.FORBIDDEN, "origin " + origin.get() + " is not allowed");
                }));
    }

    private static String hostOf(String origin) {
        try {
            URI u = URI.create(origin);
            return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase();
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
