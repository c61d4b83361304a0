package dev.overlord.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard alone: every hostile query refused with a reason, every benign one passed. */
class SqlGuardTest {
    private final SqlGuard guard = new SqlGuard(20_000);

    @Test
    void refusesEveryHostileQuery() {
        List<Corpus.Hostile> corpus = Corpus.hostile();
        long walled =
                corpus.stream().filter(h -> !h.category().equals("policy")).count();
        assertTrue(walled >= 250, "at least 250 hostile queries the other walls stop too, got " + walled);
        List<String> passed = new ArrayList<>();
        for (Corpus.Hostile h : corpus) {
            try {
                guard.check(h.sql());
                passed.add(h.toString());
            } catch (SqlRefused e) {
                assertTrue(!e.getMessage().isBlank(), "a refusal says why: " + h);
            }
        }
        assertEquals(List.of(), passed, "hostile queries the guard let through");
    }

    @Test
    void passesEveryBenignQuery() {
        List<String> benign = Corpus.benign();
        assertTrue(benign.size() >= 100, "at least 100 benign queries, got " + benign.size());
        List<String> refused = new ArrayList<>();
        for (String q : benign) {
            try {
                guard.check(q);
            } catch (SqlRefused e) {
                refused.add(e.getMessage() + " <- " + q);
            }
        }
        assertEquals(List.of(), refused);
    }

    @Test
    void refusalsSayWhy() {
        assertReason("only SELECT is allowed, not DELETE", "DELETE FROM items");
        assertReason("function pg_sleep is not allowed", "SELECT pg_sleep(1)");
        assertReason("function pg_sleep is not allowed", "select \"PG_SLEEP\"(1)");
        assertReason("table users is not visible", "SELECT * FROM users");
        assertReason("table users is not visible", "SELECT * FROM \"users\"");
        assertReason("schema pg_catalog is not visible", "SELECT * FROM pg_catalog.pg_class");
        assertReason("schema information_schema is not visible", "SELECT * FROM information_schema.tables");
        assertReason("function pg_catalog.now is not allowed", "SELECT pg_catalog.now()");
        assertReason("only one statement is allowed", "SELECT 1; DELETE FROM items");
        assertReason("dollar-quoted strings are not allowed", "SELECT $$x$$");
        assertReason("a backslash in a string is not allowed", "SELECT 'a\\' , pg_sleep(1) --'");
        assertReason("nested comments are not allowed", "SELECT 1 /* /* */ , pg_sleep(1) */");
        assertReason(
                "data-modifying CTEs are not allowed (WITH d)",
                "WITH d AS (DELETE FROM items RETURNING *) SELECT * FROM d");
        assertReason("SELECT INTO is not allowed", "SELECT * INTO x FROM items");
        assertReason("FOR UPDATE/SHARE is not allowed", "SELECT * FROM items FOR UPDATE");
        assertReason("function query_to_xml is not allowed", "SELECT query_to_xml('select 1', true, true, '')");
        assertReason("the query is longer than 20000 characters", "SELECT " + "1+".repeat(10_000) + "1");
    }

    @Test
    void aCteNameHidesATableOnlyWhereItIsInScope() {
        guard.check("WITH users AS (SELECT 1 AS x) SELECT * FROM users");
        assertReason(
                "table users is not visible",
                "SELECT * FROM (WITH users AS (SELECT 1 AS x) SELECT * FROM users) a, users");
        // Without RECURSIVE a CTE cannot see a later one: that name is the real table there.
        assertReason(
                "table users is not visible",
                "WITH b AS (SELECT * FROM users), users AS (SELECT 1 AS x) SELECT * FROM b");
    }

    @Test
    void commentsAreDroppedFromTheTextThatRuns() {
        assertEquals("SELECT     count(*) FROM items", guard.check("SELECT /* a */ -- b\n count(*) FROM items;"));
    }

    private void assertReason(String reason, String sql) {
        SqlRefused e = assertThrows(SqlRefused.class, () -> guard.check(sql), sql);
        assertEquals(reason, e.getMessage(), sql);
    }
}
