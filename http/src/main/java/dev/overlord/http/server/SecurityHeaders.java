package dev.overlord.http.server;

import static org.apache.pekko.http.javadsl.server.Directives.respondWithDefaultHeaders;

import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The security headers on every answer of the server: a Content-Security-Policy that lets the web
 * app load only its own files and talk only to its own server (it has no inline scripts), no
 * framing, no MIME sniffing and no Referer leaking the URL.
 */
public final class SecurityHeaders {
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self' ws: wss:;"
            + " frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    private static final List<HttpHeader> HEADERS = List.of(
            RawHeader.create("Content-Security-Policy", CONTENT_SECURITY_POLICY),
            RawHeader.create("X-Content-Type-Options", "nosniff"),
            RawHeader.create("Referrer-Policy", "no-referrer"),
            RawHeader.create("X-Frame-Options", "DENY"));

    private SecurityHeaders() {}

    /**
     * {@code routes}, each answer carrying the headers (unless a route set one itself); sealed, so
     * that refusals (404, 405 ...) carry them too.
     */
    public static Route on(Route routes) {
        return respondWithDefaultHeaders(HEADERS, routes::seal);
    }
}
