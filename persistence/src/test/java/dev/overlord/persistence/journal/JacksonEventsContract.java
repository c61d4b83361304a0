package dev.overlord.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.persistence.testing.DatabaseTestBase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.jackson.JacksonJsonSerializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;

/** Jackson-serialized record events and snapshots are stored as JSON and read back, per vendor. */
abstract class JacksonEventsContract extends DatabaseTestBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static final Instant AT = Instant.parse("2024-05-01T12:30:00Z");

    private static final List<Storeroom.Event> EVENTS = List.of(
            new Storeroom.ItemAdded("sword", 2, AT),
            new Storeroom.ItemAdded("shield", 1, AT.plusSeconds(60)),
            new Storeroom.ItemRemoved("sword", 1));

    private static final Storeroom.Stock EXPECTED = Storeroom.Stock.of(Map.of("sword", 1, "shield", 1));

    private Config config() {
        Config jackson = ConfigFactory.parseString("""
                pekko.actor.serialization-bindings {
                  "dev.overlord.persistence.journal.JsonSerializable" = jackson-json
                }
                """);
        return JournalConfig.forDatabase(settings()).withFallback(jackson).withFallback(ConfigFactory.load());
    }

    @Test
    void jsonEventsAndSnapshotsRoundTrip() throws Exception {
        String id = "storeroom-" + vendor();
        int serializerId;

        ActorTestKit first = ActorTestKit.create("jackson-first", config());
        try {
            Serializer serializer =
                    SerializationExtension.get(first.system().classicSystem()).findSerializerFor(EVENTS.get(0));
            assertInstanceOf(JacksonJsonSerializer.class, serializer);
            serializerId = serializer.identifier();

            TestProbe<Long> snapshots = first.createTestProbe();
            ActorRef<Storeroom.Command> storeroom = first.spawn(Storeroom.create(id, snapshots.ref()));
            TestProbe<Done> done = first.createTestProbe();
            for (Storeroom.Event e : EVENTS) {
                storeroom.tell(new Storeroom.Record(e, done.ref()));
                done.expectMessage(TIMEOUT, Done.getInstance());
            }
            assertEquals(2L, snapshots.receiveMessage(TIMEOUT));
            assertEquals(EXPECTED, stockOf(first, storeroom));
        } finally {
            first.shutdownTestKit();
        }

        assertStoredAsJson(id, serializerId);

        ActorTestKit second = ActorTestKit.create("jackson-second", config());
        try {
            ActorRef<Storeroom.Command> storeroom = second.spawn(
                    Storeroom.create(id, second.<Long>createTestProbe().ref()));
            assertEquals(EXPECTED, stockOf(second, storeroom));

            JdbcReadJournal reads = PersistenceQuery.get(second.system().classicSystem())
                    .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
            List<Object> replayed = reads
                    .currentEventsByPersistenceId(id, 0L, Long.MAX_VALUE)
                    .runWith(Sink.seq(), second.system())
                    .toCompletableFuture()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .stream()
                    .map(EventEnvelope::event)
                    .toList();
            assertEquals(EVENTS, replayed);
        } finally {
            second.shutdownTestKit();
        }
    }

    /** Looks at the raw rows: the payloads must be JSON a human (or another tool) can read. */
    private void assertStoredAsJson(String id, int serializerId) throws SQLException, IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> payloads = new ArrayList<>();
        try (Connection c = database().dataSource().getConnection()) {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT \"event_ser_id\", \"event_ser_manifest\", \"event_payload\""
                            + " FROM \"event_journal\" WHERE \"persistence_id\" = ? ORDER BY \"sequence_number\"")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assertEquals(serializerId, rs.getInt(1));
                        assertTrue(rs.getString(2).contains("Storeroom$Item"), rs.getString(2));
                        payloads.add(json.readTree(rs.getBytes(3)));
                    }
                }
            }
            assertEquals(3, payloads.size());
            assertEquals("sword", payloads.get(0).get("item").asText());
            assertEquals(2, payloads.get(0).get("quantity").asInt());
            assertEquals(AT, Instant.parse(payloads.get(0).get("at").asText()));
            assertEquals("shield", payloads.get(1).get("item").asText());

            try (PreparedStatement ps = c.prepareStatement("SELECT \"snapshot_ser_id\", \"snapshot_payload\""
                    + " FROM \"snapshot\" WHERE \"persistence_id\" = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "a snapshot row");
                    assertEquals(serializerId, rs.getInt(1));
                    JsonNode snapshot = json.readTree(rs.getBytes(2));
                    assertEquals(2, snapshot.get("items").get("sword").asInt());
                    assertEquals(1, snapshot.get("items").get("shield").asInt());
                }
            }
        }
    }

    private static Storeroom.Stock stockOf(ActorTestKit kit, ActorRef<Storeroom.Command> storeroom) {
        TestProbe<Storeroom.Stock> reply = kit.createTestProbe();
        storeroom.tell(new Storeroom.Get(reply.ref()));
        return reply.receiveMessage(TIMEOUT);
    }
}
