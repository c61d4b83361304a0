package dev.overlord.http.server;

import dev.overlord.http.connections.ConnectionCap;
import dev.overlord.metrics.Metrics;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
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
        ConnectionCap cap = new ConnectionCap(
                limits.maxConnectionsPerAddress(), limits.uncappedAddresses(), limits.refusedLinger(), metrics);
        return Http.get(system)
                .newServerAt(settings.host(), settings.port())
                .connectionSource()
                .to(Sink.foreach(connection -> cap.accept(connection, handler, materializer)))
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
}
