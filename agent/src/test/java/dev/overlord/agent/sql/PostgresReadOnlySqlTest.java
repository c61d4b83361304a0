package dev.overlord.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The four walls on a migrated PostgreSQL with rows: the hostile corpus stopped again with the
 * guard bypassed (and the role alone shown to stop its share), the benign corpus answered, caps,
 * timeout, and the read-only transaction alone refusing a privileged user's write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresReadOnlySqlTest {
    private static final Set<String> ABSENT = Set.of("42883", "42704", "26000", "3F000", "42P01", "34000");

    private TestDatabase testDatabase;
    private Database database;
    private ReadOnlySql sql;
    private SqlSettings settings;

    @BeforeAll
    void open() throws SQLException {
        testDatabase = TestDatabases.freshPostgres();
        database = testDatabase.open();
        Seed.rows(database);
        settings = SqlSettings.from(ConfigFactory.parseString("overlord.agent.sql { url = \"\", user = \"\","
                        + " password = \"\", statement-timeout = 2 s, max-rows = 500, max-result-bytes = 256 KiB,"
                        + " max-query-chars = 20000, pool-size = 2 }"))
                .withLimits(Duration.ofSeconds(2), 500, 256 * 1024);
        assertTrue(settings.managedPassword());
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
    void everyHostileQueryIsStoppedAgainWithTheGuardBypassed() throws SQLException {
        List<String> wrong = new ArrayList<>();
        int walled = 0;
        for (Corpus.Hostile h : Corpus.hostile()) {
            if (h.category().equals("policy")) {
                continue;
            }
            walled++;
            String state;
            try {
                ObjectNode answer = sql.execute(h.sql());
                wrong.add("ran: " + h + " -> " + answer);
                continue;
            } catch (SqlRefused e) {
                state = stateOf(e.getMessage());
            }
            boolean ok = switch (h.category()) {
                case "privilege" -> state.equals("42501") || state.equals("25006");
                case "readonly" -> state.equals("25006");
                case "timeout" -> state.equals("timeout");
                case "absent" -> ABSENT.contains(state);
                case "txn" -> state.equals("25001") || state.equals("25006");
                default -> false;
            };
            if (!ok) {
                wrong.add("stopped by " + state + ": " + h);
            }
        }
        assertTrue(walled >= 250, "at least 250, got " + walled);
        assertEquals(List.of(), wrong);
    }

    @Test
    void theRoleAloneStopsItsShare() throws SQLException {
        List<String> wrong = new ArrayList<>();
        try (Connection c = roleConnection()) {
            for (Corpus.Hostile h : Corpus.hostile()) {
                if (!h.category().equals("privilege") && !h.category().equals("readonly")) {
                    continue;
                }
                String state = "ran";
                try (Statement st = c.createStatement()) {
                    // Read-write and without a timeout: only the role's grants stand in the way.
                    st.execute("SET TRANSACTION READ WRITE");
                    st.execute(h.sql());
                } catch (SQLException e) {
                    state = e.getSQLState();
                } finally {
                    c.rollback();
                }
                String expected = h.category().equals("privilege") ? "42501" : "ran";
                if (!state.equals(expected)) {
                    wrong.add(state + ": " + h);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void policyQueriesLeaveNothingBehind() throws SQLException {
        for (Corpus.Hostile h : Corpus.hostile()) {
            if (!h.category().equals("policy")) {
                continue;
            }
            try {
                sql.execute(h.sql());
            } catch (SqlRefused e) {
                // refused by a later wall: fine either way
            }
        }
        // Settings changed by set_config/SET were rolled back, and no advisory lock outlived its query.
        for (int i = 0; i < 4; i++) {
            ObjectNode answer = sql.execute("SELECT current_setting('statement_timeout'),"
                    + " current_setting('default_transaction_read_only'), current_setting('transaction_read_only')");
            assertEquals("2s", answer.at("/rows/0/0").asText());
            assertEquals("on", answer.at("/rows/0/2").asText());
        }
        try (Connection c = database.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                                + " WHERE l.locktype = 'advisory' AND a.usename = 'overlord_agent_ro'")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1), "advisory locks held by the role");
        }
        try (Connection c = database.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_largeobject_metadata")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1), "large objects left behind");
        }
    }

    @Test
    void everyBenignQueryAnswers() {
        List<String> benign = Corpus.benign();
        assertTrue(benign.size() >= 100);
        List<String> refused = new ArrayList<>();
        for (String q : benign) {
            try {
                ObjectNode answer = sql.query(q);
                assertTrue(answer.get("columns").size() > 0, q);
                assertFalse(answer.get("truncated").asBoolean(), q);
            } catch (SqlRefused e) {
                refused.add(e.getMessage() + " <- " + q);
            }
        }
        assertEquals(List.of(), refused);
    }

    @Test
    void answersInTheDocumentedShape() {
        ObjectNode answer = sql.query("SELECT character_name, total_kills, total_kills / 3.0 AS third, updated_at"
                + " FROM char_stats WHERE character_name = 'Alpha'");
        assertEquals(
                "[\"character_name\",\"total_kills\",\"third\",\"updated_at\"]",
                answer.get("columns").toString());
        assertEquals(1, answer.get("row_count").asInt());
        assertFalse(answer.get("truncated").asBoolean());
        assertTrue(answer.get("truncated_reason").isNull());
        assertEquals("Alpha", answer.at("/rows/0/0").asText());
        assertTrue(answer.at("/rows/0/1").isIntegralNumber());
        assertTrue(answer.at("/rows/0/2").isNumber());
        assertTrue(answer.at("/rows/0/3").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"), answer.toString());
        // Binary values (none in the visible tables, but an expression can make one) are cut hex.
        ObjectNode bytes = sql.execute("SELECT convert_to(repeat('x', 100), 'UTF8') AS b");
        assertEquals(
                "\\x" + "78".repeat(64) + "... (100 bytes)",
                bytes.at("/rows/0/0").asText());
    }

    @Test
    void rowCapCutsTheAnswerAndSaysSo() {
        try (ReadOnlySql capped = reopen(settings.withLimits(Duration.ofSeconds(2), 10, 256 * 1024))) {
            ObjectNode answer = capped.query("SELECT * FROM telemetry_events");
            assertEquals(10, answer.get("row_count").asInt());
            assertEquals(10, answer.get("rows").size());
            assertTrue(answer.get("truncated").asBoolean());
            assertEquals("rows", answer.get("truncated_reason").asText());
            ObjectNode exact = capped.query("SELECT * FROM char_stats");
            assertFalse(exact.get("truncated").asBoolean(), "3 rows fit under a cap of 10");
        }
    }

    @Test
    void sizeCapCutsTheAnswerAndSaysSo() throws Exception {
        try (ReadOnlySql capped = reopen(settings.withLimits(Duration.ofSeconds(2), 500, 2048))) {
            ObjectNode answer = capped.query("SELECT * FROM telemetry_events");
            assertTrue(answer.get("truncated").asBoolean());
            assertEquals("bytes", answer.get("truncated_reason").asText());
            assertTrue(answer.get("row_count").asInt() > 0);
            assertTrue(
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(answer).length <= 2048 + 100);
        }
    }

    @Test
    void aSlowQueryIsStoppedByTheStatementTimeout() {
        long start = System.nanoTime();
        SqlRefused e = assertThrows(
                SqlRefused.class,
                () -> sql.query("SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b"));
        assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
        // The pool is usable afterwards.
        assertEquals(
                3, sql.query("SELECT count(*) FROM char_stats").at("/rows/0/0").asInt());
    }

    @Test
    void theReadOnlyTransactionAloneRefusesAPrivilegedWrite() throws SQLException {
        // Guard bypassed and logged in as the server's own user, who may write: only wall three is left.
        SqlSettings privileged = settings.withLogin(
                testDatabase.settings().url(),
                testDatabase.settings().user(),
                testDatabase.settings().password());
        try (ReadOnlySql asOwner = reopen(privileged)) {
            SqlRefused e = assertThrows(
                    SqlRefused.class,
                    () -> asOwner.execute("INSERT INTO char_stats VALUES ('Intruder', 0, 0, 0, 0, CURRENT_TIMESTAMP)"
                            + " RETURNING character_name"));
            assertEquals("25006", stateOf(e.getMessage()), e.getMessage());
            assertThrows(SqlRefused.class, () -> asOwner.execute("DROP TABLE users"));
        }
        try (Connection c = database.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM char_stats WHERE character_name = 'Intruder'")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1));
        }
    }

    private ReadOnlySql reopen(SqlSettings s) {
        SqlSettings explicit =
                s.url().isEmpty() ? s.withLogin(testDatabase.settings().url(), s.user(), s.password()) : s;
        return ReadOnlySql.open(explicit, testDatabase.settings(), database);
    }

    private Connection roleConnection() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", SqlSettings.DEFAULT_USER);
        p.setProperty("password", "");
        Connection c = DriverManager.getConnection(testDatabase.settings().url(), p);
        c.setAutoCommit(false);
        return c;
    }

    /** The SQLState in a refusal's message, or "timeout". */
    static String stateOf(String message) {
        if (message.contains("statement timeout")) {
            return "timeout";
        }
        int open = message.indexOf('(');
        int close = message.indexOf(')', open);
        return open < 0 || close < 0 ? message : message.substring(open + 1, close);
    }
}
