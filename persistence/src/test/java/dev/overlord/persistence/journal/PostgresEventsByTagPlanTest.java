package dev.overlord.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.testing.DatabaseTestBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A projection's poll ({@link TagOrderReadJournalDao#EVENTS_BY_TAG}) is one ordered range read of
 * event_tag's (tag, event_id) index even on a journal the planner has no statistics for yet (just
 * filled, never analyzed: a fresh installation's first minutes), where the plugin's own query
 * joined every row of the page against all of the tag's rows.
 */
class PostgresEventsByTagPlanTest extends DatabaseTestBase {

    private static final int EVENTS = 40_000;
    private static final int TAGS = 4;

    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }

    @Test
    void aPollReadsOnlyItsPageOfTheTagWhateverTheStatistics() throws SQLException {
        try (Connection c = database().dataSource().getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO event_journal (persistence_id, sequence_number, writer, write_timestamp,"
                        + " event_ser_id, event_ser_manifest, event_payload)"
                        + " SELECT 'Character|c' || (g % 100), g, 'w', 0, 1, '', '\\x00'::bytea"
                        + " FROM generate_series(1, " + EVENTS + ") g");
                st.execute("INSERT INTO event_tag (event_id, tag)" + " SELECT ordering, 'character-' || (ordering % "
                        + TAGS + ") FROM event_journal");
            }
            String plan = explain(c, "character-1", EVENTS / 2, EVENTS, 500);
            assertTrue(plan.contains("event_tag_tag_event_id_idx"), plan);
            assertFalse(plan.contains("Seq Scan on event_tag"), plan);
            assertFalse(plan.contains("Join Filter"), plan);
            assertFalse(plan.contains("Sort"), "read in index order: " + plan);

            // And it is the page the plugin's query would give: the tag's next 500 events in order.
            try (PreparedStatement ps = c.prepareStatement(TagOrderReadJournalDao.EVENTS_BY_TAG)) {
                ps.setString(1, "character-1");
                ps.setLong(2, EVENTS / 2);
                ps.setLong(3, EVENTS);
                ps.setLong(4, 500);
                try (ResultSet rs = ps.executeQuery()) {
                    long expected = EVENTS / 2 + 1;
                    int rows = 0;
                    while (rs.next()) {
                        assertEquals(expected, rs.getLong("ordering"));
                        expected += TAGS;
                        rows++;
                    }
                    assertEquals(500, rows);
                }
            }
        }
    }

    private static String explain(Connection c, String tag, long from, long to, long max) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF) " + TagOrderReadJournalDao.EVENTS_BY_TAG)) {
            ps.setString(1, tag);
            ps.setLong(2, from);
            ps.setLong(3, to);
            ps.setLong(4, max);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) plan.append(rs.getString(1)).append('\n');
            }
            return plan.toString();
        }
    }
}
