package dev.overlord.http.testing;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.RouteResult;
import org.apache.pekko.http.javadsl.testkit.RouteTest;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.Assertions;
import scala.concurrent.Future;

/**
 * The Pekko HTTP route testkit for JUnit 5 (the kit's own base class is written for JUnit 4): runs
 * a route against a request in memory, no socket, and asserts with Jupiter's assertions.
 */
public abstract class RouteTestKit extends RouteTest {
    private final ActorTestKit kit;

    protected RouteTestKit(ActorTestKit kit) {
        this.kit = kit;
    }

    @Override
    public ActorSystem system() {
        return Adapter.toClassic(kit.system());
    }

    @Override
    public Materializer materializer() {
        return Materializer.matFromSystem(kit.system());
    }

    @Override
    public TestRouteResult createTestRouteResultAsync(HttpRequest request, Future<RouteResult> result) {
        return new TestRouteResult(result, awaitDuration(), system().dispatcher(), materializer()) {
            @Override
            public void fail(String message) {
                Assertions.fail(message);
            }

            @Override
            public void assertEquals(Object expected, Object actual, String message) {
                Assertions.assertEquals(expected, actual, message);
            }

            @Override
            public void assertEquals(int expected, int actual, String message) {
                Assertions.assertEquals(expected, actual, message);
            }

            @Override
            public void assertTrue(boolean predicate, String message) {
                Assertions.assertTrue(predicate, message);
            }
        };
    }
}
