package dev.overlord.http.testing;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.stream.Materializer;

/**
 * The Pekko HTTP route testkit for JUnit 5 (the kit's own base class is written for JUnit 4): runs
 * a route against a request in memory, no socket, and asserts with Jupiter's assertions.
 */
public abstract class RouteTestKit extends JupiterRouteTest {
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
}
