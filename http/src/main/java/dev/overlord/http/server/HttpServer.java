package dev.overlord.http.server;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP module: binds the routes and registers the unbind and the drain of requests in flight. */
public final class HttpServer {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private HttpServer() {}

    /** Binds {@code routes} at the configured host and port; completes with the binding once listening. */
    public static CompletionStage<ServerBinding> start(ActorSystem<?> system, ServerSettings settings, Route routes) {
        return Http.get(system)
                .newServerAt(settings.host(), settings.port())
                .bind(routes)
                .thenApply(binding -> {
                    binding.addToCoordinatedShutdown(DRAIN, system);
                    log.info(
                            "Overlord {} listening on http://{}:{} ({} mode)",
                            settings.version(),
                            settings.host(),
                            binding.localAddress().getPort(),
                            settings.prod() ? "prod" : "dev");
                    return binding;
                });
    }
}
