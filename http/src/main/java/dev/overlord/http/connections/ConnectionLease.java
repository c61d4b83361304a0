package dev.overlord.http.connections;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.http.javadsl.model.AttributeKey;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * One client connection's place under its address's cap, given back when the last holder lets go.
 * The HTTP connection holds it; Pekko HTTP ends a connection's request stream when it is upgraded
 * to a WebSocket, so a WebSocket route holds it too ({@link #heldBy}) until the socket ends. Holders
 * may come and go in either order: a place given back before the socket took hold is taken again.
 */
public final class ConnectionLease {
    /** The request attribute every request of a counted connection carries. */
    static final AttributeKey<ConnectionLease> KEY =
            AttributeKey.create("overlord-connection-lease", ConnectionLease.class);

    private final ConnectionsPerAddress connections;
    private final InetAddress address;
    private final AtomicInteger holders = new AtomicInteger(1);

    ConnectionLease(ConnectionsPerAddress connections, InetAddress address) {
        this.connections = connections;
        this.address = address;
    }

    /**
     * {@code socket}, keeping its connection's place under the cap from the moment it runs until it
     * ends; unchanged for a request that carries no lease (route tests, an uncapped server).
     */
    public static <I, O, M> Flow<I, O, M> heldBy(HttpRequest request, Flow<I, O, M> socket) {
        return request.getAttribute(KEY)
                .map(lease -> socket.watchTermination((mat, done) -> {
                    lease.hold();
                    done.whenComplete((d, failure) -> lease.release());
                    return mat;
                }))
                .orElse(socket);
    }

    void hold() {
        if (holders.getAndIncrement() == 0) connections.reopened(address);
    }

    void release() {
        if (holders.decrementAndGet() == 0) connections.closed(address);
    }
}
