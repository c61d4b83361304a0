package dev.overlord.persistence.timeseries;

import static dev.overlord.persistence.timeseries.TimeSeriesTestTables.spawn;
import static dev.overlord.persistence.timeseries.TimeSeriesTestTables.telemetry;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.protocol.PluginFrame;
import dev.overlord.testing.SampleFrames;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The writer against a live database: what arrives, in how many batches, and what is dropped. Runs per vendor. */
abstract class TimeSeriesWriterContract extends WriterTestBase {

    static final Instant T0 = Instant.parse("2025-06-14T08:00:00Z");

    @Test
    void telemetryArrivesWithEveryColumnIncludingNumbersSentAsStrings() throws SQLException {
        PluginFrame sample = SampleFrames.frame("telemetry");
        PluginFrame bare = SampleFrames.telemetry()
                .name("Bare")
                .without("kills")
                .without("kills_per_hour")
                .without("deaths")
                .without("total_deaths")
                .without("rares_found")
                .without("prismatic_taper_count")
                .without("vt_state")
                .without("session_id")
                .without("z")
                .frame();
        try (TimeSeriesWriter w = writer(settings(100, 10, Duration.ofMillis(50)))) {
            assertTrue(w.offer(sample));
            assertTrue(w.offer(bare));
            await().atMost(10, TimeUnit.SECONDS).until(() -> rows("telemetry_events") == 2);
        }
        try (Connection c = database().dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM telemetry_events ORDER BY character_name")) {
            assertTrue(rs.next());
            assertEquals("Bare", rs.getString("character_name"));
            assertEquals(0.0, rs.getDouble("z"), "a missing z is stored as 0");
            for (String col : new String[] {
                "kills",
                "kills_per_hour",
                "deaths",
                "total_deaths",
                "rares_found",
                "prismatic_taper_count",
                "vt_state",
                "session_id"
            }) {
                assertNull(rs.getObject(col), col);
            }
            assertTrue(rs.next());
            assertEquals("Larsson", rs.getString("character_name"));
            assertEquals(
                    Instant.parse("2025-06-14T08:21:33Z"),
                    rs.getObject("ts", OffsetDateTime.class).toInstant());
            assertEquals(53.8, rs.getDouble("ew"));
            assertEquals(-31.4, rs.getDouble("ns"));
            assertEquals(12.01, rs.getDouble("z"));
            assertEquals(1184, rs.getLong("kills"));
            assertEquals(742.3, rs.getDouble("kills_per_hour"), "sent as the string \"742.3\"");
            assertEquals(2, rs.getLong("deaths"));
            assertEquals(57, rs.getLong("total_deaths"));
            assertEquals(3, rs.getLong("rares_found"));
            assertEquals(318, rs.getLong("prismatic_taper_count"), "sent as the string \"318\"");
            assertEquals("Combat", rs.getString("vt_state"));
            assertEquals("Larsson-20250614-0802", rs.getString("session_id"));
            assertEquals(sample.envelope().text(), rs.getString("raw"));
            assertFalse(rs.next());
        }
        assertEquals(2, written(TimeSeriesTable.TELEMETRY));
    }

    @Test
    void spawnsArriveInTheirOwnTable() throws SQLException {
        try (TimeSeriesWriter w = writer(settings(100, 10, Duration.ofMillis(50)))) {
            assertTrue(w.offer(SampleFrames.frame("spawn")));
            assertTrue(w.offer(SampleFrames.of("spawn").name("NoZ").without("z").frame()));
            assertTrue(w.offer(telemetry("Larsson", T0)));
            await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> rows("spawn_events") == 2 && rows("telemetry_events") == 1);
        }
        try (Connection c = database().dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM spawn_events ORDER BY character_name")) {
            assertTrue(rs.next());
            assertEquals("Larsson", rs.getString("character_name"));
            assertEquals(
                    Instant.parse("2025-06-14T08:21:31Z"),
                    rs.getObject("ts", OffsetDateTime.class).toInstant());
            assertEquals("Olthoi Ripper", rs.getString("mob"));
            assertEquals(53.95, rs.getDouble("ew"), "sent as a string");
            assertEquals(-31.12, rs.getDouble("ns"), "sent as a string");
            assertEquals(11.8, rs.getDouble("z"));
            assertTrue(rs.next());
            assertEquals("NoZ", rs.getString("character_name"));
            assertNull(rs.getObject("z"));
        }
        assertEquals(2, written(TimeSeriesTable.SPAWNS));
        assertEquals(1, written(TimeSeriesTable.TELEMETRY));
    }

    @Test
    void manyFramesAreWrittenInFewBatches() {
        // A long max-delay: only full batches go out, so 1000 frames make exactly 10 writes.
        try (TimeSeriesWriter w = writer(settings(5000, 100, Duration.ofSeconds(30)))) {
            for (int i = 0; i < 1000; i++) {
                assertTrue(
                        w.offer(i % 2 == 0 ? telemetry("Many", T0.plusSeconds(i)) : spawn("Many", T0.plusSeconds(i))));
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> w.backlog() == 0);
        }
        assertEquals(500, rows("telemetry_events"));
        assertEquals(500, rows("spawn_events"));
        assertEquals(500, written(TimeSeriesTable.TELEMETRY));
        assertEquals(10, batches());
        assertTrue(metrics.render().contains(TimeSeriesWriter.BACKLOG + " 0.0\n"));
    }

    @Test
    void awkwardTextArrivesExactly() throws SQLException {
        String awkward = "q\"uo'te, comma\ttab\nnew\r\nline \\back\\slash \\.\n\\N ü ✓ 東 🐉 e\u0301";
        PluginFrame t = SampleFrames.telemetry()
                .name("Zoë \"Q\", Jr.\\")
                .set("session_id", awkward)
                .set("vt_state", "Nav\\\t\"x\"\n,")
                .set("note", awkward + "\0!")
                .frameBeyondBounds();
        PluginFrame s = SampleFrames.of("spawn")
                .name("Zoë \"Q\", Jr.\\")
                .set("mob", awkward + "\0")
                .frameBeyondBounds();
        try (TimeSeriesWriter w = writer(settings(100, 10, Duration.ofMillis(50)))) {
            assertTrue(w.offer(t));
            assertTrue(w.offer(s));
            await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> rows("telemetry_events") == 1 && rows("spawn_events") == 1);
        }
        try (Connection c = database().dataSource().getConnection();
                Statement st = c.createStatement()) {
            try (ResultSet rs =
                    st.executeQuery("SELECT character_name, session_id, vt_state, raw FROM telemetry_events")) {
                assertTrue(rs.next());
                assertEquals("Zoë \"Q\", Jr.\\", rs.getString(1));
                assertEquals(awkward, rs.getString(2));
                assertEquals("Nav\\\t\"x\"\n,", rs.getString(3));
                assertEquals(t.envelope().text(), rs.getString(4), "raw JSON, escapes and unicode intact");
            }
            try (ResultSet rs = st.executeQuery("SELECT mob FROM spawn_events")) {
                assertTrue(rs.next());
                assertEquals(awkward, rs.getString(1), "NUL removed, everything else kept");
            }
        }
    }

    @Test
    void aRowTheDatabaseRefusesIsDroppedAndTheRestOfItsBatchArrives() {
        TimeSeriesTestTables.execute(
                database().dataSource(),
                "ALTER TABLE spawn_events ADD CONSTRAINT test_no_poison CHECK (mob <> 'poison')");
        try (TimeSeriesWriter w = writer(settings(100, 10, Duration.ofMillis(200)))) {
            for (int i = 0; i < 5; i++) {
                w.offer(SampleFrames.of("spawn")
                        .name("S" + i)
                        .set("mob", i == 2 ? "poison" : "rat")
                        .frame());
            }
            w.offer(telemetry("T", T0));
            await().atMost(10, TimeUnit.SECONDS).until(() -> w.backlog() == 0);
        } finally {
            TimeSeriesTestTables.execute(
                    database().dataSource(), "ALTER TABLE spawn_events DROP CONSTRAINT test_no_poison");
        }
        assertEquals(4, rows("spawn_events"));
        assertEquals(1, rows("telemetry_events"));
        assertEquals(1, dropped(TimeSeriesWriter.REJECTED));
        assertEquals(4, written(TimeSeriesTable.SPAWNS));
        assertEquals(0, metrics.value(TimeSeriesWriter.RETRIES), "a refused row is not retried");
    }

    @Test
    void framesThatCannotBeRowsAreCountedAsInvalid() {
        try (TimeSeriesWriter w = writer(settings(100, 10, Duration.ofMillis(50)))) {
            assertFalse(w.offer(SampleFrames.frame("vitals")));
            assertFalse(w.offer(SampleFrames.of("spawn").without("ns").frame()));
            assertFalse(w.offer(SampleFrames.telemetry().name("n".repeat(65)).frameBeyondBounds()));
            assertEquals(0, w.backlog());
        }
        assertEquals(3, dropped(TimeSeriesWriter.INVALID));
    }

    @Test
    void stoppingWritesTheBacklogThenRefusesFrames() throws Exception {
        TimeSeriesWriter w = writer(settings(1000, 500, Duration.ofSeconds(30)));
        for (int i = 0; i < 50; i++) {
            assertTrue(w.offer(telemetry("Last", T0.plusSeconds(i))));
        }
        // The batch is far from full and max-delay far away: only stopping sends it.
        w.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(50, rows("telemetry_events"));
        assertEquals(0, w.backlog());
        assertFalse(w.offer(telemetry("Late", T0)));
        assertEquals(1, dropped(TimeSeriesWriter.CLOSED));
        assertEquals(0, dropped(TimeSeriesWriter.SHUTDOWN));
        w.close(); // idempotent
    }
}
