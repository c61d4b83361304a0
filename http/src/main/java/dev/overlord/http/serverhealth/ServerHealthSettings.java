package dev.overlord.http.serverhealth;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Polling the game server's status page: {@code overlord.server-health}.
 *
 * @param url the status page; empty turns polling off
 * @param interval pause between checks
 * @param timeout longest one check may take (connect, answer and body)
 * @param server the game server's name, as {@code GET /server-health} and alerts say it, and the
 *     entry picked from a status page that lists several servers
 * @param maxBody most bytes of a status page read; a longer one is not parsed
 * @param failuresBeforeDown consecutive failed checks that make the server down (one alone is a blip)
 */
public record ServerHealthSettings(
        Optional<URI> url, Duration interval, Duration timeout, String server, int maxBody, int failuresBeforeDown) {

    public ServerHealthSettings {
        if (interval.isNegative() || interval.isZero())
            throw new IllegalArgumentException("overlord.server-health.interval must be positive");
        if (timeout.isNegative() || timeout.isZero())
            throw new IllegalArgumentException("overlord.server-health.timeout must be positive");
        if (server.isBlank() || server.length() > 64)
            throw new IllegalArgumentException("overlord.server-health.server must be 1 to 64 characters");
        if (maxBody < 1) throw new IllegalArgumentException("overlord.server-health.max-body must be positive");
        if (failuresBeforeDown < 1)
            throw new IllegalArgumentException("overlord.server-health.failures-before-down must be at least 1");
        url.ifPresent(u -> {
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                throw new IllegalArgumentException("overlord.server-health.url must be an http(s) URL with a host");
            }
        });
    }

    /** Reads {@code overlord.server-health}. */
    public static ServerHealthSettings from(Config root) {
        Config c = root.getConfig("overlord.server-health");
        String url = c.getString("url").trim();
        return new ServerHealthSettings(
                url.isEmpty() ? Optional.empty() : Optional.of(URI.create(url)),
                c.getDuration("interval"),
                c.getDuration("timeout"),
                c.getString("server"),
                Math.toIntExact(c.getBytes("max-body")),
                c.getInt("failures-before-down"));
    }
}
