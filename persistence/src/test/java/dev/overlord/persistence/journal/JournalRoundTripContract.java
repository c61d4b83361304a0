package dev.overlord.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.persistence.testing.DatabaseTestBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;

/** Events and snapshots survive an ActorSystem restart through the JDBC journal, per vendor. */
abstract class JournalRoundTripContract extends DatabaseTestBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private Config config() {
        return JournalConfig.forDatabase(settings()).withFallback(ConfigFactory.load());
    }

    /** Runs {@code body} in a fresh ActorSystem on this class's database, then terminates it. */
    private void inActorSystem(String name, Consumer<ActorTestKit> body) {
        ActorTestKit kit = ActorTestKit.create(name, config());
        try {
            body.accept(kit);
        } finally {
            kit.shutdownTestKit();
        }
    }

    @Test
    void recoversEventsAndSnapshotAfterRestart() throws SQLException {
        String id = "notebook-" + vendor();
        List<String> lines = List.of("a", "b", "c", "d", "e");

        inActorSystem("first", kit -> {
            TestProbe<Long> snapshots = kit.createTestProbe();
            ActorRef<Notebook.Command> notebook = kit.spawn(Notebook.create(id, snapshots.ref()));
            TestProbe<Done> done = kit.createTestProbe();
            for (String line : lines) {
                notebook.tell(new Notebook.Add(line, done.ref()));
                done.expectMessage(TIMEOUT, Done.getInstance());
            }
            assertEquals(3L, snapshots.receiveMessage(TIMEOUT));
            assertEquals("a,b,c,d,e", stateOf(kit, notebook));
        });

        inActorSystem("second", kit -> {
            ActorRef<Notebook.Command> notebook =
                    kit.spawn(Notebook.create(id, kit.<Long>createTestProbe().ref()));
            assertEquals("a,b,c,d,e", stateOf(kit, notebook));

            JdbcReadJournal reads = PersistenceQuery.get(kit.system().classicSystem())
                    .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
            assertEquals(
                    lines,
                    events(
                            kit,
                            reads.currentEventsByPersistenceId(id, 0L, Long.MAX_VALUE)
                                    .runWith(Sink.seq(), kit.system())));
            assertEquals(
                    lines,
                    events(
                            kit,
                            reads.currentEventsByTag(Notebook.TAG, Offset.noOffset())
                                    .runWith(Sink.seq(), kit.system())));
        });

        // Without events 1-3 only the snapshot at 3 can supply a, b and c: proves it is read back.
        try (Connection c = database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" <= 3")) {
            ps.setString(1, id);
            assertEquals(3, ps.executeUpdate());
        }
        inActorSystem("third", kit -> {
            ActorRef<Notebook.Command> notebook =
                    kit.spawn(Notebook.create(id, kit.<Long>createTestProbe().ref()));
            assertEquals("a,b,c,d,e", stateOf(kit, notebook));
        });
    }

    @Test
    void writesOfManyEntitiesAtOnceKeepEachEventWithItsOwnTags() throws SQLException {
        int notebooks = 25;
        int lines = 12;
        inActorSystem("many", kit -> {
            TestProbe<Done> done = kit.createTestProbe();
            List<ActorRef<Notebook.Command>> refs = new ArrayList<>();
            for (int n = 0; n < notebooks; n++) {
                refs.add(kit.spawn(Notebook.create(
                        "many-" + vendor() + "-" + n,
                        kit.<Long>createTestProbe().ref())));
            }
            // Everything at once, so the journal gathers many entities' events into each write;
            // every fourth line untagged, so writes mix tagged and untagged events.
            for (int k = 0; k < lines; k++) {
                for (int n = 0; n < notebooks; n++) {
                    String line = (k % 4 == 3 ? "untagged-" : "") + "n" + n + "-" + k;
                    refs.get(n).tell(new Notebook.Add(line, done.ref()));
                }
            }
            for (int i = 0; i < notebooks * lines; i++) done.expectMessage(TIMEOUT, Done.getInstance());

            JdbcReadJournal reads = PersistenceQuery.get(kit.system().classicSystem())
                    .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
            for (int n = 0; n < notebooks; n++) {
                for (int k = 0; k < lines; k++) {
                    String line = "n" + n + "-" + k;
                    List<Object> tagged = events(
                            kit,
                            reads.currentEventsByTag("line-" + line, Offset.noOffset())
                                    .runWith(Sink.seq(), kit.system()));
                    assertEquals(k % 4 == 3 ? List.of() : List.of(line), tagged, "events tagged line-" + line);
                }
                List<Object> own = events(
                        kit,
                        reads.currentEventsByPersistenceId("many-" + vendor() + "-" + n, 0L, Long.MAX_VALUE)
                                .runWith(Sink.seq(), kit.system()));
                assertEquals(lines, own.size());
            }
        });
        try (Connection c = database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"event_tag\" t"
                        + " JOIN \"event_journal\" j ON j.\"ordering\" = t.\"event_id\""
                        + " WHERE j.\"persistence_id\" LIKE ? AND t.\"tag\" = ?")) {
            ps.setString(1, "many-" + vendor() + "-%");
            ps.setString(2, Notebook.TAG);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertEquals(notebooks * (lines - lines / 4), rs.getLong(1), "one notebook tag per tagged event");
            }
        }
    }

    private static String stateOf(ActorTestKit kit, ActorRef<Notebook.Command> notebook) {
        TestProbe<String> reply = kit.createTestProbe();
        notebook.tell(new Notebook.Get(reply.ref()));
        return reply.receiveMessage(TIMEOUT);
    }

    private static List<Object> events(ActorTestKit kit, CompletionStage<List<EventEnvelope>> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .map(EventEnvelope::event)
                    .toList();
        } catch (Exception e) {
            throw new AssertionError("read journal query failed", e);
        }
    }
}
