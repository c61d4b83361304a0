package dev.overlord.persistence.projection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.character.CharacterEntity;
import dev.overlord.character.CharacterSettings;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.journal.JournalConfig;
import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.protocol.PluginFrame;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * A real ActorSystem on the JDBC journal of this class's database, with real character entities
 * to journal events and queries to read the history tables back.
 */
abstract class ProjectionTestBase extends DatabaseTestBase {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    /** Test speed only: the read journal polls and retries more often than in production. */
    private static final Config FAST = ConfigFactory.parseString("""
      pekko.actor.provider = cluster
      pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
      pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
      jdbc-read-journal.refresh-interval = 100ms
      jdbc-read-journal.journal-sequence-retrieval.query-delay = 100ms
      pekko.projection.restart-backoff { min-backoff = 200ms, max-backoff = 1s }
      """);

    Config config() {
        return JournalConfig.forDatabase(settings())
                .withFallback(CharacterProjection.config(vendor()))
                .withFallback(FAST)
                .withFallback(ConfigFactory.load());
    }

    /** A one-node cluster (sharded daemon processes need one), joined before it is returned. */
    ActorTestKit startSystem(String name) {
        ActorTestKit kit = ActorTestKit.create(name, config());
        Cluster cluster = Cluster.get(kit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        return kit;
    }

    /** Character entities spawned in one test kit, by name. */
    static final class Fleet {
        private final ActorTestKit kit;
        private final Clock clock;
        private final Map<String, ActorRef<CharacterEntity.Command>> entities = new HashMap<>();
        private final Map<String, TestProbe<CharacterEntity.Observed>> answers = new HashMap<>();
        private final Map<String, Integer> unanswered = new HashMap<>();

        Fleet(ActorTestKit kit, Clock clock) {
            this.kit = kit;
            this.clock = clock;
        }

        ActorRef<CharacterEntity.Command> entity(String name) {
            return entities.computeIfAbsent(
                    name,
                    n -> kit.spawn(
                            CharacterEntity.create(n, CharacterSettings.defaults(), clock, new Metrics()),
                            "character-" + n.replace(' ', '_')));
        }

        /** Sends without waiting for the events to be journaled. */
        void send(String name, PluginFrame frame, String connection) {
            TestProbe<CharacterEntity.Observed> answers =
                    this.answers.computeIfAbsent(name, n -> kit.createTestProbe());
            entity(name).tell(new CharacterEntity.Observe(frame, connection, answers.ref()));
            unanswered.merge(name, 1, Integer::sum);
        }

        /** Sends and waits until the entity has journaled what the frame decided. */
        void observe(String name, PluginFrame frame, String connection) {
            send(name, frame, connection);
            settled(name);
        }

        /** Waits until everything sent to the entity so far is journaled: each send is answered then. */
        void settled(String name) {
            int n = unanswered.getOrDefault(name, 0);
            if (n > 0) answers.get(name).receiveSeveralMessages(n, DEADLINE);
            unanswered.put(name, 0);
        }
    }

    // ---- reading the database ----

    long count(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        assertEquals(1, rows.size(), sql);
        Object v = rows.getFirst().values().iterator().next();
        return v == null ? 0 : ((Number) v).longValue();
    }

    List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        Object value = rs.getObject(i);
                        // Vendors differ in what they return; tests compare text, numbers and instants.
                        if (value instanceof Clob clob) value = clob.getSubString(1, (int) clob.length());
                        if (value instanceof Timestamp ts) value = ts.toInstant();
                        if (value instanceof OffsetDateTime odt) value = odt.toInstant();
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), value);
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    Map<String, Object> row(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        assertEquals(1, rows.size(), sql + " " + List.of(params));
        return rows.getFirst();
    }

    /**
     * Waits until every tag slice's stored offset is the journal's last event of that tag: all that
     * was journaled has been projected, so the tables can be compared with the events exactly.
     */
    void awaitCaughtUp() {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (int slice = 0; slice < CharacterEntity.TAG_SLICES; slice++) {
                String tag = CharacterEntity.tag(slice);
                long last = count("SELECT MAX(t.\"event_id\") FROM \"event_tag\" t WHERE t.\"tag\" = ?", tag);
                if (last == 0) continue;
                List<Map<String, Object>> offset = rows(
                        "SELECT \"current_offset\" FROM \"pekko_projection_offset_store\""
                                + " WHERE \"projection_name\" = ? AND \"projection_key\" = ?",
                        CharacterProjection.NAME,
                        tag);
                if (offset.isEmpty()
                        || Long.parseLong((String) offset.getFirst().get("current_offset")) < last) return false;
            }
            return true;
        });
    }
}
