package dev.overlord.http.connections;

import dev.overlord.metrics.Metrics;
import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open connections per client address, with a cap: Pekko HTTP bounds only the total
 * ({@code max-connections}), so without this one address holding idle connections could lock out
 * every browser and plugin. Entries disappear when an address's last connection closes, so the
 * map holds no more addresses than there are open connections.
 */
final class ConnectionsPerAddress {
    static final String REFUSED = "overlord_http_connections_refused_total";
    static final String OPEN = "overlord_http_connections_open";

    private final int cap;
    private final Set<InetAddress> uncapped;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final Metrics.Counter refused;

    /** @param uncapped addresses counted but never refused (a reverse proxy, the host itself) */
    ConnectionsPerAddress(int cap, Set<InetAddress> uncapped, Metrics metrics) {
        this.cap = cap;
        this.uncapped = Set.copyOf(uncapped);
        this.refused = metrics.counter(REFUSED, "Connections refused because their address had too many open.");
        metrics.gauge(OPEN, "Open HTTP and WebSocket connections.", total::get);
    }

    /** Counts a new connection from {@code address}; false (and counted as refused) when at the cap. */
    boolean tryOpen(InetAddress address) {
        boolean[] admitted = {false};
        open.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            if (now >= cap && !uncapped.contains(a)) return n;
            admitted[0] = true;
            return now + 1;
        });
        if (admitted[0]) {
            total.incrementAndGet();
        } else {
            refused.inc();
        }
        return admitted[0];
    }

    /** Counts a connection again that {@link #closed} let go too early (see {@link ConnectionLease}); never refused. */
    void reopened(InetAddress address) {
        open.merge(address, 1, Integer::sum);
        total.incrementAndGet();
    }

    /** A connection counted by {@link #tryOpen} has closed. */
    void closed(InetAddress address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        total.decrementAndGet();
    }
}
