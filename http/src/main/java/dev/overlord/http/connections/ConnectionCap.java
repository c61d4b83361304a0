package dev.overlord.http.connections;

import dev.overlord.http.readapi.Answers;
import dev.overlord.metrics.Metrics;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.IncomingConnection;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Connection;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * Accepts each incoming connection under its address's cap, or refuses it: its first request is
 * answered {@code 503} with the reason and the connection closed; one that sends nothing is closed
 * after {@code linger}. Pekko HTTP bounds only the total number of connections.
 */
public final class ConnectionCap {
    private final ConnectionsPerAddress connections;
    private final Flow<HttpRequest, HttpResponse, NotUsed> refusal;

    /** @param uncapped addresses never refused: each carries many clients (a proxy) or is the host itself */
    public ConnectionCap(int perAddress, Set<InetAddress> uncapped, Duration linger, Metrics metrics) {
        this.connections = new ConnectionsPerAddress(perAddress, uncapped, metrics);
        String body = Answers.error("too many connections from this address (at most " + perAddress + ")")
                .toString();
        this.refusal = Flow.<HttpRequest>create()
                .take(1)
                .map(request -> HttpResponse.create()
                        .withStatus(StatusCodes.SERVICE_UNAVAILABLE)
                        .addHeader(Connection.create("close"))
                        .addHeader(RetryAfter.create(5L))
                        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)))
                .completionTimeout(linger);
    }

    /** Runs {@code handler} on {@code connection}, or the refusal when its address is at the cap. */
    public void accept(
            IncomingConnection connection,
            Flow<HttpRequest, HttpResponse, NotUsed> handler,
            Materializer materializer) {
        InetAddress address = connection.remoteAddress().getAddress();
        if (!connections.tryOpen(address)) {
            connection.handleWith(refusal, materializer);
            return;
        }
        ConnectionLease lease = new ConnectionLease(connections, address);
        // Ends when the connection does, or when it is upgraded to a WebSocket (which then holds the lease).
        connection
                .flow()
                .map(request -> request.<ConnectionLease>addAttribute(ConnectionLease.KEY, lease))
                .watchTermination((notUsed, done) -> {
                    done.whenComplete((d, failure) -> lease.release());
                    return notUsed;
                })
                .join(handler)
                .run(materializer);
    }
}
