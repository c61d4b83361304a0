package dev.overlord.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.overlord.metrics.Metrics;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Which browser origins may act on this server: the configured public origins and loopback on the
 * server's own port. Never the {@code Host} header: a DNS-rebinding page sends a Host that matches
 * its own origin. WebSocket upgrades and state-changing requests (anything but GET, HEAD, OPTIONS)
 * that carry an Origin outside the list are refused with 403 and the reason; requests without an
 * Origin are not from a browser's page and pass.
 */
public final class OriginPolicy {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final List<String> configured;
    private final Metrics.LabeledCounter refused;
    private volatile int port;

    /** Uncounted; for tests of the policy alone. */
    public OriginPolicy(List<String> publicOrigins, int port) {
        this(publicOrigins, port, (label, n) -> {});
    }

    /**
     * @param port the configured port; 0 until {@link #boundTo} tells the real one
     * @param refused counts refusals, labelled {@code origin}
     */
    public OriginPolicy(List<String> publicOrigins, int port, Metrics.LabeledCounter refused) {
        this.refused = refused;
        this.configured = publicOrigins.stream()
                .map(o -> normalize(o)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "overlord.auth.public-origins (OVERLORD_PUBLIC_ORIGIN): not an origin such as"
                                        + " https://overlord.example: " + o)))
                .toList();
        this.port = port;
    }

    /** The port the server listens on, once bound (the configured one may be 0). */
    public void boundTo(int port) {
        this.port = port;
    }

    /** The configured public origins, normalized. */
    public List<String> configured() {
        return configured;
    }

    /** Why {@code origin} may not act here, or empty when it may. */
    public Optional<String> refusal(String origin) {
        if (origin.trim().equalsIgnoreCase("null")) {
            return Optional.of("Origin: null (a sandboxed page, a file or a redirect) is not allowed");
        }
        Optional<String> o = normalize(origin);
        if (o.isEmpty()) return Optional.of("Origin header is not an origin");
        if (configured.contains(o.get())) return Optional.empty();
        if (o.get().equals("http://localhost:" + port) || o.get().equals("http://127.0.0.1:" + port)) {
            return Optional.empty();
        }
        return Optional.of("origin " + shorten(origin)
                + " is not allowed; the server's public origin is set with OVERLORD_PUBLIC_ORIGIN");
    }

    /** Refuses WebSocket upgrades and state-changing requests from a foreign browser origin. */
    public Route guard(Route inner) {
        return extractRequest(req -> {
            if (!needsCheck(req)) return inner;
            Optional<String> origin = req.getHeader("Origin").map(h -> h.value());
            if (origin.isEmpty()) return inner;
            Optional<String> reason = refusal(origin.get());
            return reason.isPresent() ? refuse(reason.get()) : inner;
        });
    }

    /** 403 with {@code reason}, counted. */
    Route refuse(String reason) {
        refused.inc("origin");
        return complete(StatusCodes.FORBIDDEN, reason);
    }

    private static boolean needsCheck(HttpRequest req) {
        if (!SAFE_METHODS.contains(req.method().name())) return true;
        return req.method().equals(HttpMethods.GET)
                && req.getHeader("Upgrade")
                        .map(h -> h.value().toLowerCase(Locale.ROOT).contains("websocket"))
                        .orElse(false);
    }

    /** {@code scheme://host[:port]} in lower case, the default port left out; empty when not an origin. */
    static Optional<String> normalize(String origin) {
        String s = origin.trim();
        if (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        if (s.length() > 255) return Optional.empty();
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || u.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return Optional.empty();
            }
            if ((u.getRawPath() != null && !u.getRawPath().isEmpty())
                    || u.getRawQuery() != null
                    || u.getRawFragment() != null
                    || u.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int p = u.getPort();
            boolean defaultPort = p < 0 || (scheme.equals("http") && p == 80) || (scheme.equals("https") && p == 443);
            return Optional.of(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + p));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String shorten(String s) {
        String t = s.length() <= 80 ? s : s.substring(0, 80) + "...";
        return dev.overlord.protocol.LogText.escape(t);
    }
}
