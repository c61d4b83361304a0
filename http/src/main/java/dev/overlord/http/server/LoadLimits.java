package dev.overlord.http.server;

import com.typesafe.config.Config;
import dev.overlord.http.connections.ClientAddress;
import dev.overlord.http.load.Bulkhead;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * @param uncappedAddresses addresses the per-address cap never refuses: the host itself (the demo
 *     simulator, a proxy on this host) and the configured reverse proxies, each of which carries
 *     many clients and must bound them itself
 */
public record LoadLimits(
        Bulkhead.Settings queries,
        Bulkhead.Settings admin,
        Duration readyFreshFor,
        Duration readyCheckTimeout,
        int maxConnectionsPerAddress,
        Duration refusedLinger,
        Duration requestTimeout,
        Set<InetAddress> uncappedAddresses) {

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
                duration(root, "pekko.http.server.request-timeout"),
                uncapped(c.getString("uncapped-addresses"), root.getString("overlord.auth.proxies")));
    }

    /** IP literals only, never a name to look up; a bad entry stops the start with its reason. */
    private static Set<InetAddress> uncapped(String uncapped, String proxies) {
        Set<InetAddress> all = new HashSet<>(
                ClientAddress.ofProxies(List.of(proxies.split(","))).proxies());
        for (String a : uncapped.split(",")) {
            if (a.isBlank()) continue;
            all.add(ClientAddress.literal(a.trim())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "overlord.http.uncapped-addresses (OVERLORD_UNCAPPED_ADDRESSES): not an IP address: "
                                    + a.trim())));
        }
        return Set.copyOf(all);
    }

    /** A Pekko duration that may be {@code infinite} (then a year, longer than any request waits). */
    private static Duration duration(Config root, String path) {
        return root.getString(path).trim().equalsIgnoreCase("infinite") ? Duration.ofDays(365) : root.getDuration(path);
    }
}
