package dev.overlord.http.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The Pekko HTTP route testkit ({@code testRoute(route).run(request)}) for JUnit 5: the testkit's
 * own base, {@code JUnitRouteTest}, is JUnit 4. One local actor system per test class; the
 * testkit's assertions report through JUnit 5.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class JUnit5RouteTest extends JupiterRouteTest {
    private ActorSystem system;
    private Materializer materializer;

    /** Settings on top of the packaged ones; a route test needs no cluster. */
    protected Config additionalConfig() {
        return ConfigFactory.empty();
    }

    @BeforeAll
    final void startActorSystem() {
        Config config = additionalConfig()
                .withFallback(ConfigFactory.parseString("pekko.actor.provider = local"))
                .withFallback(ConfigFactory.load());
        system = ActorSystem.create(getClass().getSimpleName(), config);
        materializer = Materializer.createMaterializer(system);
    }

    @AfterAll
    final void stopActorSystem() throws Exception {
        if (system == null) return;
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public ActorSystem system() {
        return system;
    }

    @Override
    public Materializer materializer() {
        return materializer;
    }
}
