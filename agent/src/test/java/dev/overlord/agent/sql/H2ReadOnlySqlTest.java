package dev.overlord.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The walls on the H2 development database: the read-only user, the query timeout, the caps. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2ReadOnlySqlTest {
    private TestDatabase testDatabase;
    private Database database;
    private ReadOnlySql sql;

    @BeforeAll
    void open(@TempDir Path dir) throws SQLException {
        testDatabase = TestDatabases.h2(dir);
        database = testDatabase.open();
        Seed.rows(database);
        SqlSettings settings =
                new SqlSettings("", SqlSettings.DEFAULT_USER, "", Duration.ofSeconds(1), 50, 64 * 1024, 20_000, 2);
        sql = ReadOnlySql.open(settings, testDatabase.settings(), database);
    }

    @AfterAll
    void close() {
        if (sql != null) {
            sql.close();
        }
        if (database != null) {
            database.close();
        }
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void answersAsTheReadOnlyUser() {
        ObjectNode answer = sql.query("SELECT character_name, total_kills, updated_at FROM char_stats ORDER BY 1");
        assertEquals(3, answer.get("row_count").asInt());
        assertEquals("Alpha", answer.at("/rows/0/0").asText());
        assertTrue(answer.at("/rows/0/1").isIntegralNumber());
        assertTrue(answer.at("/rows/0/2").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"), answer.toString());
        assertEquals(
                120,
                sql.query("SELECT count(*) FROM telemetry_events")
                        .at("/rows/0/0")
                        .asInt());
    }

    @Test
    void theUserCannotReadHiddenTablesOrWrite() {
        for (String q : new String[] {
            "SELECT * FROM users",
            "SELECT * FROM event_journal",
            "SELECT * FROM plugin_tokens",
            "INSERT INTO char_stats VALUES ('Intruder', 0, 0, 0, 0, CURRENT_TIMESTAMP)",
            "DELETE FROM items",
            "DROP TABLE items",
            "CREATE TABLE pwned (x INT)",
            "SELECT FILE_READ('/etc/passwd')",
            "SELECT * FROM CSVREAD('/etc/passwd')",
            "CREATE ALIAS pwned FOR 'java.lang.System.exit'"
        }) {
            assertThrows(SqlRefused.class, () -> sql.query(q), q);
            SqlRefused e = assertThrows(SqlRefused.class, () -> sql.execute(q), q);
            assertTrue(e.getMessage().startsWith("the database refused the query"), q + ": " + e.getMessage());
        }
    }

    @Test
    void aSlowQueryIsStopped() {
        SqlRefused e = assertThrows(
                SqlRefused.class,
                () -> sql.query("SELECT count(*) FROM telemetry_events a, telemetry_events b, telemetry_events c,"
                        + " telemetry_events d, telemetry_events e"));
        assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
    }

    @Test
    void rowCapIsReported() {
        ObjectNode answer = sql.query("SELECT * FROM telemetry_events");
        assertEquals(50, answer.get("row_count").asInt());
        assertEquals("rows", answer.get("truncated_reason").asText());
        assertFalse(sql.query("SELECT * FROM portals").get("truncated").asBoolean());
    }
}
