package dev.overlord.persistence.characterstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The V8 migration: rows written before the projection stored payloads (whole frames, a {@code {}}
 * stats placeholder, combat totals that summed every number) read as new rows do once upgraded.
 */
abstract class CharacterDocumentsRepairContract {

    static final ObjectMapper JSON = new ObjectMapper();

    abstract Vendor vendor();

    @TempDir
    Path tempDir;

    @Test
    void wrappedFramesAndSummedCombatTotalsAreRewrittenAsTheProjectionWritesThemNow() throws Exception {
        try (TestDatabase db = TestDatabases.create(vendor(), tempDir)) {
            var s = db.settings();
            Flyway.configure()
                    .dataSource(s.url(), s.user(), s.password())
                    .locations(Database.migrationLocations(vendor()).toArray(String[]::new))
                    .target("7")
                    .load()
                    .migrate();
            OffsetDateTime t = OffsetDateTime.parse("2026-11-23T10:00:00Z");
            try (Connection c = DriverManager.getConnection(s.url(), s.user(), s.password())) {
                insert(
                        c,
                        "INSERT INTO character_stats (character_name, stats, cantrips, quests, updated_at) VALUES (?, ?, ?, ?, ?)",
                        "Larsson",
                        "{\"type\":\"character_stats\",\"character_name\":\"Larsson\",\"level\":275}",
                        "{\"type\":\"equipment_cantrip_state\",\"character_name\":\"Larsson\",\"cantrips\":[\"Major Focus\"]}",
                        "{\"type\":\"quest\",\"character_name\":\"Larsson\",\"quests\":[{\"name\":\"stipend\",\"solves\":3}]}",
                        t);
                insert(
                        c,
                        "INSERT INTO character_stats (character_name, stats, cantrips, quests, updated_at) VALUES (?, ?, ?, ?, ?)",
                        "Newcomer",
                        "{}",
                        "{\"type\":\"equipment_cantrip_state\",\"character_name\":\"Newcomer\"}",
                        null,
                        t);
                insert(
                        c,
                        "INSERT INTO combat_stats_sessions (character_name, session_id, snapshot, snapshot_ts, updated_at)"
                                + " VALUES (?, ?, ?, ?, ?)",
                        "Larsson",
                        "A",
                        "{\"attacks\":10,\"hits\":9,\"hit_rate\":0.9,\"max_hit\":50}",
                        t,
                        t);
                insert(
                        c,
                        "INSERT INTO combat_stats_sessions (character_name, session_id, snapshot, snapshot_ts, updated_at)"
                                + " VALUES (?, ?, ?, ?, ?)",
                        "Larsson",
                        "B",
                        "{\"attacks\":30,\"hits\":11,\"hit_rate\":0.3667,\"max_hit\":70}",
                        t.plusMinutes(5),
                        t.plusMinutes(5));
                insert(
                        c,
                        "INSERT INTO combat_stats (character_name, lifetime, sessions, updated_at) VALUES (?, ?, ?, ?)",
                        "Larsson",
                        "{\"attacks\":40,\"hits\":20,\"hit_rate\":1.2667,\"max_hit\":120}",
                        2,
                        t);
            }

            try (Database upgraded = db.open();
                    Connection c = upgraded.dataSource().getConnection()) {
                JsonNode[] larsson = row(c, "Larsson");
                assertEquals(JSON.readTree("{\"level\":275}"), larsson[0]);
                assertEquals(JSON.readTree("[\"Major Focus\"]"), larsson[1]);
                assertEquals(JSON.readTree("{\"stipend\":{\"solves\":3}}"), larsson[2]);
                JsonNode[] newcomer = row(c, "Newcomer");
                assertNull(newcomer[0], "a placeholder is no stats");
                assertEquals(JSON.readTree("[]"), newcomer[1]);
                assertNull(newcomer[2]);
                try (PreparedStatement ps = c.prepareStatement(
                                "SELECT lifetime, sessions FROM combat_stats WHERE character_name = 'Larsson'");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(
                            JSON.readTree("{\"attacks\":40,\"hits\":20,\"hit_rate\":0.5,\"max_hit\":70}"),
                            JSON.readTree(rs.getString(1)));
                    assertEquals(2, rs.getInt(2));
                }
            }
        }
    }

    private static void insert(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.executeUpdate();
        }
    }

    private static JsonNode[] row(Connection c, String character) throws Exception {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT stats, cantrips, quests FROM character_stats WHERE character_name = ?")) {
            ps.setString(1, character);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                JsonNode[] out = new JsonNode[3];
                for (int i = 0; i < 3; i++) {
                    String text = rs.getString(i + 1);
                    out[i] = text == null ? null : JSON.readTree(text);
                }
                return out;
            }
        }
    }
}
