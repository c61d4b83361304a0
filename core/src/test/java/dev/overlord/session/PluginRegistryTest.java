package dev.overlord.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import dev.overlord.session.PluginRegistry.Delivered;
import dev.overlord.session.PluginRegistry.Offline;
import dev.overlord.session.PluginRegistry.Register;
import dev.overlord.session.PluginRegistry.Route;
import dev.overlord.session.PluginRegistry.RouteResult;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Given sessions registering for characters, commands for a character reach its latest session. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginRegistryTest {

    @JUnit5TestKit
    public final ActorTestKit testKit =
            new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.load()).build();

    static final String RADAR = "{\"player_name\":\"Larsson\",\"command\":\"/radar start\"}";

    ActorRef<PluginRegistry.Command> registry;
    TestProbe<RouteResult> replies;

    @BeforeEach
    void spawnRegistry() {
        registry = testKit.spawn(PluginRegistry.create());
        replies = testKit.createTestProbe(RouteResult.class);
    }

    TestProbe<PluginSession.Command> session() {
        return testKit.createTestProbe(PluginSession.Command.class);
    }

    RouteResult route(String characterName) {
        registry.tell(new Route(characterName, RADAR, replies.ref()));
        return replies.receiveMessage();
    }

    @Test
    void aCommandReachesTheSessionThatSpeaksForTheCharacter() {
        var s1 = session();
        registry.tell(new Register("Larsson", "s1", s1.ref()));

        assertEquals(new Delivered("Larsson", "s1"), route("Larsson"));
        s1.expectMessage(new PluginSession.SendToPlugin(RADAR));
    }

    @Test
    void aCharacterWithoutASessionIsOffline() {
        registry.tell(new Register("Larsson", "s1", session().ref()));
        assertEquals(new Offline("Sawato"), route("Sawato"));
    }

    @Test
    void theLatestSessionWins() {
        var s1 = session();
        var s2 = session();
        registry.tell(new Register("Larsson", "s1", s1.ref()));
        registry.tell(new Register("Larsson", "s2", s2.ref()));

        assertEquals(new Delivered("Larsson", "s2"), route("Larsson"));
        s2.expectMessage(new PluginSession.SendToPlugin(RADAR));
        s1.expectNoMessage();
    }

    @Test
    void aStoppedSessionIsForgotten() {
        var s1 = session();
        registry.tell(new Register("Larsson", "s1", s1.ref()));
        registry.tell(new Register("Sawato", "s1", s1.ref()));

        s1.stop();

        replies.awaitAssert(() -> {
            assertEquals(new Offline("Larsson"), route("Larsson"));
            return null;
        });
        assertEquals(new Offline("Sawato"), route("Sawato"));
    }

    @Test
    void anOlderSessionStoppingDoesNotForgetTheNewerOne() {
        var s1 = session();
        var s2 = session();
        registry.tell(new Register("Larsson", "s1", s1.ref()));
        registry.tell(new Register("Sawato", "s1", s1.ref()));
        registry.tell(new Register("Larsson", "s2", s2.ref()));

        s1.stop();

        replies.awaitAssert(() -> {
            assertEquals(new Offline("Sawato"), route("Sawato"));
            return null;
        });
        assertEquals(new Delivered("Larsson", "s2"), route("Larsson"));
    }

    @Test
    void aCharacterNotRegisteredAgainWithinTheWindowIsForgottenWhileItsSessionLives() {
        ActorRef<PluginRegistry.Command> forgetful =
                testKit.spawn(PluginRegistry.create(n -> {}, java.time.Duration.ofMillis(400)));
        var s1 = session();
        forgetful.tell(new Register("Larsson", "s1", s1.ref()));
        forgetful.tell(new Register("Ember", "s1", s1.ref()));
        TestProbe<RouteResult> answers = testKit.createTestProbe(RouteResult.class);
        forgetful.tell(new Route("Larsson", RADAR, answers.ref()));
        assertEquals(new Delivered("Larsson", "s1"), answers.receiveMessage());

        // Ember keeps being registered again (as a session does while its frames arrive); Larsson does not.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        RouteResult larsson;
        do {
            forgetful.tell(new Register("Ember", "s1", s1.ref()));
            forgetful.tell(new Route("Larsson", RADAR, answers.ref()));
            larsson = answers.receiveMessage();
        } while (larsson instanceof Delivered && System.nanoTime() < deadline);
        assertEquals(new Offline("Larsson"), larsson);
        forgetful.tell(new Route("Ember", RADAR, answers.ref()));
        assertEquals(new Delivered("Ember", "s1"), answers.receiveMessage());
    }
}
