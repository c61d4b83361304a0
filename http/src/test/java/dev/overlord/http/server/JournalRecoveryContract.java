package dev.overlord.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.overlord.character.CharacterEntity;
import dev.overlord.character.CharacterEvent;
import dev.overlord.character.CharacterState;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.persistence.DatabaseSettings;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.junit.jupiter.api.Test;

/**
 * The journal through the real server: what a character's frames made durable is still there
 * when a new server starts on the same database. Written once, run on each database by a tiny
 * subclass.
 */
abstract class JournalRecoveryContract {
    static final String NAME = "Journal Keeper";

    /** The database both servers of a test use. */
    protected abstract DatabaseSettings database();

    private RunningServer server() {
        return RunningServer.create().database(database());
    }

    @Test
    void aCharactersDurableStateIsRecoveredFromTheJournalByTheNextServer() throws Exception {
        CharacterState before;
        try (RunningServer first = server().start()) {
            try (SocketClient plugin = first.plugin()) {
                plugin.send(Frames.telemetry(NAME, 10.5, -20.25, 5)
                        .put("total_deaths", 2)
                        .put("prismatic_taper_count", 33));
                plugin.send(Frames.vitals(NAME, 0));
                plugin.send(Frames.vitals(NAME, 3)); // vitae from 0 to 3: a death
                plugin.send(Frames.telemetry(NAME, 11.0, -21.0, 7)
                        .put("total_deaths", 2)
                        .put("prismatic_taper_count", 33));
                CharacterState online = SocketClient.waiting("the frames to be journaled")
                        .until(
                                () -> recovered(first),
                                s -> s.sessionCounters().kills() == 7
                                        && s.observedDeaths().count() == 1);
                assertEquals(true, online.presence().online());
            }
            // The plugin has gone: the entity journals the last position and goes offline.
            before = SocketClient.waiting("the character to go offline")
                    .until(() -> recovered(first), s -> !s.presence().online());
        }

        try (RunningServer second = server().start()) {
            CharacterState s = recovered(second);

            assertEquals(before, s, "every durable fact, as the first server left it");
            assertFalse(s.presence().online());
            assertEquals(7, s.sessionCounters().kills());
            assertEquals(2, s.sessionCounters().deaths());
            assertEquals(33, s.sessionCounters().tapers());
            assertEquals(1, s.observedDeaths().count());
            assertEquals(11.0, s.presence().lastPosition().ew());
            assertEquals(-21.0, s.presence().lastPosition().ns());
        }
    }

    /** The character's state as its entity recovers it from this server's journal. */
    private static CharacterState recovered(RunningServer s) throws Exception {
        ActorSystem<?> system = s.server().system();
        ActorRef<ActorRef<CharacterState>> replay =
                system.systemActorOf(new Replay(NAME), "replay-" + UUID.randomUUID(), Props.empty());
        return AskPattern.<ActorRef<CharacterState>, CharacterState>ask(
                        replay, r -> r, Duration.ofSeconds(10), system.scheduler())
                .toCompletableFuture()
                .get(15, TimeUnit.SECONDS);
    }

    /**
     * Recovers a character as its entity does (its persistence id, latest snapshot, then the events
     * after it through {@link CharacterState#evolve}), answers the state and stops; it never writes,
     * so it may run beside the live entity.
     */
    private static final class Replay
            extends EventSourcedBehavior<ActorRef<CharacterState>, CharacterEvent, CharacterState> {
        private final String name;

        Replay(String name) {
            super(PersistenceId.of(CharacterEntity.ENTITY_KEY.name(), name));
            this.name = name;
        }

        @Override
        public CharacterState emptyState() {
            return CharacterState.empty(name);
        }

        @Override
        public CommandHandler<ActorRef<CharacterState>, CharacterEvent, CharacterState> commandHandler() {
            return newCommandHandlerBuilder()
                    .forAnyState()
                    .onAnyCommand((state, replyTo) ->
                            Effect().none().thenRun(replyTo::tell).thenStop());
        }

        @Override
        public EventHandler<CharacterState, CharacterEvent> eventHandler() {
            return newEventHandlerBuilder().forAnyState().onAnyEvent(CharacterState::evolve);
        }
    }
}
