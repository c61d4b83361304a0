package dev.overlord.http.server;

import dev.overlord.http.readapi.Answers;
import dev.overlord.metrics.Metrics;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.IncomingConnection;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Connection;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP module: binds the routes, caps the connections one client address may hold open, and
 * registers the unbind and the drain of requests in flight.
 */
public final class HttpServer {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private HttpServer() {}

    /** Binds {@code routes} at the configured host and port; completes with the binding once listening. */
    public static CompletionStage<ServerBinding> start(
            ActorSystem<?> system, ServerSettings settings, LoadLimits limits, Metrics metrics, Route routes) {
        Materializer materializer = Materializer.matFromSystem(system);
        Flow<HttpRequest, HttpResponse, NotUsed> handler = routes.flow(system);
        Flow<HttpRequest, HttpResponse, NotUsed> refusal = refusal(limits);
        ConnectionsPerAddress connections = new ConnectionsPerAddress(limits.maxConnectionsPerAddress(), metrics);
        return Http.get(system)
                .newServerAt(settings.host(), settings.port())
                .connectionSource()
                .to(Sink.foreach(connection -> accept(connection, connections, handler, refusal, materializer)))
                .run(materializer)
                .thenApply(binding -> {
                    binding.addToCoordinatedShutdown(DRAIN, system);
                    log.info(
                            "Overlord {} listening on http://{}:{} ({} mode, at most {} connections per address)",
                            settings.version(),
                            settings.host(),
                            binding.localAddress().getPort(),
                            settings.prod() ? "prod" : "dev",
                            limits.maxConnectionsPerAddress());
                    return binding;
                });
    }

    private static void accept(
            IncomingConnection connection,
            ConnectionsPerAddress connections,
            Flow<HttpRequest, HttpResponse, NotUsed> handler,
            Flow<HttpRequest, HttpResponse, NotUsed> refusal,
            Materializer materializer) {
        InetAddress address = connection.remoteAddress().getAddress();
        if (!connections.tryOpen(address)) {
            connection.handleWith(refusal, materializer);
            return;
        }
        // The connection's own flow ends when the TCP connection does (an upgraded WebSocket included).
        connection
                .flow()
                .watchTermination((notUsed, done) -> {
                    done.whenComplete((d, failure) -> connections.closed(address));
                    return notUsed;
                })
                .join(handler)
                .run(materializer);
    }

    /**
     * What a connection over its address's cap gets: its first request answered 503 with a reason
     * and the connection closed; one that sends nothing is closed after the linger.
     */
    private static Flow<HttpRequest, HttpResponse, NotUsed> refusal(LoadLimits limits) {
        String body = Answers.error("too many connections from this address (at most "
                        + limits.maxConnectionsPerAddress() + ")")
                .toString();
        return Flow.<HttpRequest>create()
                .take(1)
                .map(request -> HttpResponse.create()
                        .withStatus(StatusCodes.SERVICE_UNAVAILABLE)
                        .addHeader(Connection.create("close"))
                        .addHeader(RetryAfter.create(5L))
                        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)))
                .completionTimeout(limits.refusedLinger());
    }
}
