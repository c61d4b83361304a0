package dev.overlord.persistence.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.testing.DatabaseTestBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A day of one character's history is read through the (character_name, ts) index, not by scanning
 * the partitions: checked with EXPLAIN on a few analyzed days of telemetry at the reference's rate.
 */
class PostgresHistoryIndexTest extends DatabaseTestBase {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 17);
    private static final int DAYS = 3;
    private static final int CHARACTERS = 4;
    private static final int PAGE = 10_000;

    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }

    @BeforeAll
    void fillAFewDaysAtOneRowPerTwoSeconds() {
        try (Connection c = database().dataSource().getConnection(); Statement st = c.createStatement()) {
            // Daily partitions as the partition maintenance creates them, a day either side spare.
            for (int d = -1; d <= DAYS; d++) {
                LocalDate day = FIRST_DAY.plusDays(d);
                st.execute("CREATE TABLE telemetry_events_p" + day.toString().replace("-", "")
                        + " PARTITION OF telemetry_events FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('"
                        + day.plusDays(1) + " 00:00:00+00')");
            }
            st.execute("INSERT INTO telemetry_events (character_name, ts, ew, ns, z, kills, vt_state, session_id, raw)"
                    + " SELECT 'Char' || c, g, random() * 100, random() * 100, 0, 1, 'Combat', 's-' || c, '{}'"
                    + " FROM generate_series(1, " + CHARACTERS + ") c,"
                    + " generate_series(TIMESTAMPTZ '" + FIRST_DAY + " 00:00:00+00',"
                    + " TIMESTAMPTZ '" + FIRST_DAY.plusDays(DAYS) + " 00:00:00+00' - INTERVAL '2 seconds',"
                    + " INTERVAL '2 seconds') g");
            st.execute("ANALYZE telemetry_events");
        } catch (SQLException e) {
            throw new DataAccessException("could not fill telemetry", e);
        }
    }

    private String plan(Optional<HistoryCursor> after) {
        Instant from = FIRST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = from.plus(Duration.ofDays(1));
        try (Connection c = database().dataSource().getConnection();
                PreparedStatement ps = HistoryQueries.historyStatement(
                        c, "EXPLAIN (ANALYZE, COSTS OFF) ", from, to, Optional.of("Char3"), PAGE + 1, after);
                ResultSet rs = ps.executeQuery()) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            return plan.toString();
        } catch (SQLException e) {
            throw new DataAccessException("could not explain", e);
        }
    }

    private static void assertIndexScan(String plan) {
        assertTrue(Pattern.compile("Index (Only )?Scan[^\\n]*character_name_ts_idx").matcher(plan).find(),
                "expected an index scan on (character_name, ts):\n" + plan);
        assertFalse(plan.contains("Seq Scan"), "no partition is scanned whole:\n" + plan);
        assertFalse(plan.contains("Sort"), "the index gives the order; nothing is sorted:\n" + plan);
    }

    @Test
    void oneCharactersDayUsesTheCharacterTimeIndex() {
        String plan = plan(Optional.empty());
        assertIndexScan(plan);
        Matcher rows = Pattern.compile("Limit \\(actual time=\\S+ rows=(\\d+)").matcher(plan);
        assertTrue(rows.find(), plan);
        assertEquals(PAGE + 1, Integer.parseInt(rows.group(1)), "a full page was read:\n" + plan);
    }

    @Test
    void laterPagesUseItToo() {
        Instant mid = FIRST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(14));
        assertIndexScan(plan(Optional.of(new HistoryCursor(mid, "Char3"))));
    }

    @Test
    void everyPageOfTheDayComesBackWhole() {
        Instant from = FIRST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        HistoryQueries queries = new HistoryQueries(database().dataSource());
        int total = 0;
        Optional<HistoryCursor> cursor = Optional.empty();
        do {
            HistoryPage page = queries.history(from, from.plus(Duration.ofDays(1)), Optional.of("Char3"), PAGE, cursor);
            total += page.rows().size();
            cursor = page.next();
        } while (cursor.isPresent());
        assertEquals(43_200, total, "one row per 2 s for 24 h");
    }
}
