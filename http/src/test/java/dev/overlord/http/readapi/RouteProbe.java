package dev.overlord.http.readapi;

import dev.overlord.http.testing.JupiterRouteTest;
import java.time.Duration;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.apache.pekko.stream.Materializer;
import scala.concurrent.duration.FiniteDuration;

/**
 * The Pekko HTTP route testkit for JUnit 5: runs requests through a route in memory, without a
 * socket (the testkit's own base class is JUnit 4's). One per test class; {@link #close()} ends its
 * actor system.
 */
public final class RouteProbe extends JupiterRouteTest implements AutoCloseable {
    private final ActorSystem system = ActorSystem.create("read-routes");
    private final Materializer materializer = Materializer.matFromSystem(system);

    /** A response as the tests read it. */
    public record Response(int status, String contentType, String body) {}

    /** {@code GET pathAndQuery} (already URL-encoded) through {@code route}. */
    public Response get(Route route, String pathAndQuery) {
        TestRouteResult r = testRoute(route).run(HttpRequest.GET(pathAndQuery));
        return new Response(r.statusCode(), r.entity().getContentType().toString(), r.entityString());
    }

    @Override
    public ActorSystem system() {
        return system;
    }

    @Override
    public Materializer materializer() {
        return materializer;
    }

    @Override
    public FiniteDuration awaitDuration() {
        return FiniteDuration.fromNanos(Duration.ofSeconds(20).toNanos());
    }

    @Override
    public void close() {
        system.terminate();
    }
}
