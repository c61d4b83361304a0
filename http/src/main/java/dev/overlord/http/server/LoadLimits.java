package dev.overlord.http.server;

import com.typesafe.config.Config;
import dev.overlord.http.load.Bulkhead;
import java.time.Duration;

/**
 * How much work clients may put on the server at once, read once from {@code overlord.http} (and
 * the request timeout from {@code pekko.http.server}).
 *
 * @param queries the read API's gate
 * @param admin the gate of on-demand admin runs (retention)
 * @param readyFreshFor how long {@code /ready} reuses a database check
 * @param readyCheckTimeout the longest one {@code /ready} database check may take
 * @param maxConnectionsPerAddress open connections one client address may hold
 * @param refusedLinger how long a refused connection may take to send its request before it is closed
 * @param requestTimeout Pekko HTTP's request timeout: work that waited longer is not started
 */
public record LoadLimits(
        Bulkhead.Settings queries,
        Bulkhead.Settings admin,
        Duration readyFreshFor,
        Duration readyCheckTimeout,
        int maxConnectionsPerAddress,
        Duration refusedLinger,
        Duration requestTimeout) {

    public static LoadLimits from(Config root) {
        Config c = root.getConfig("overlord.http");
        int perAddress = c.getInt("max-connections-per-address");
        if (perAddress < 1) {
            throw new IllegalArgumentException("overlord.http.max-connections-per-address must be at least 1");
        }
        return new LoadLimits(
                Bulkhead.Settings.from(c.getConfig("queries")),
                Bulkhead.Settings.from(c.getConfig("admin")),
                c.getDuration("ready.fresh-for"),
                c.getDuration("ready.check-timeout"),
                perAddress,
                c.getDuration("refused-connection-linger"),
                duration(root, "pekko.http.server.request-timeout"));
    }

    /** A Pekko duration that may be {@code infinite} (then a year, longer than any request waits). */
    private static Duration duration(Config root, String path) {
        return root.getString(path).trim().equalsIgnoreCase("infinite") ? Duration.ofDays(365) : root.getDuration(path);
    }
}
