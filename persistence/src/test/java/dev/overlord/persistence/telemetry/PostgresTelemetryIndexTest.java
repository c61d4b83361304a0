package dev.overlord.persistence.telemetry;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A day of one character's history is read from the covering (character_name, ts) INCLUDE (...)
 * index alone, without visiting the heap and without scanning the partitions: checked with EXPLAIN
 * on a few vacuumed days of telemetry at the reference's rate (VACUUM sets the visibility map, as
 * autovacuum does for insert-only partitions).
 */
class PostgresTelemetryIndexTest extends DatabaseTestBase {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 17);
    private static final int DAYS = 3;
    private static final int CHARACTERS = 4;
    private static final int PAGE = 10_000;
    private static final int WHOLE_DAY_PAGE = 50_000;

    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }

    @BeforeAll
    void fillAFewDaysAtOneRowPerTwoSeconds() {
        try (Connection c = database().dataSource().getConnection();
                Statement st = c.createStatement()) {
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
            st.execute("VACUUM (ANALYZE) telemetry_events");
        } catch (SQLException e) {
            throw new DataAccessException("could not fill telemetry", e);
        }
    }

    private String plan(Optional<TelemetryCursor> after) {
        return plan(PAGE, after);
    }

    private String plan(int page, Optional<TelemetryCursor> after) {
        return plan(OptionalInt.empty(), page, after);
    }

    private String plan(OptionalInt step, int page, Optional<TelemetryCursor> after) {
        Instant from = FIRST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = from.plus(Duration.ofDays(1));
        try (Connection c = database().dataSource().getConnection();
                PreparedStatement ps = TelemetryQueries.pageStatement(
                        c,
                        "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ",
                        from,
                        to,
                        Optional.of("Char3"),
                        step,
                        page + 1,
                        after);
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

    private static void assertIndexOnlyScan(String plan) {
        assertReadFromTheCoveringIndexAlone(plan);
        assertFalse(plan.contains("Sort"), "the index gives the order; nothing is sorted:\n" + plan);
    }

    /**
     * As {@link #assertIndexOnlyScan(String)} for a query with a step: the index gives the time
     * order, so the only sorts are incremental ones within rows of equal time (the tie-breaking
     * columns), never a sort of the whole range.
     */
    private static void assertSteppedIndexOnlyScan(String plan) {
        assertReadFromTheCoveringIndexAlone(plan);
        assertFalse(
                Pattern.compile("(?<!Incremental )Sort \\(").matcher(plan).find(),
                "no full sort, only incremental ones:\n" + plan);
        Matcher presorted = Pattern.compile("Presorted Key: (.*)").matcher(plan);
        while (presorted.find()) {
            assertTrue(presorted.group(1).matches("(stepped|telemetry_events)\\.ts"), "presorted by time:\n" + plan);
        }
    }

    private static void assertReadFromTheCoveringIndexAlone(String plan) {
        assertTrue(
                Pattern.compile("Index Only Scan using telemetry_events_p\\d+_character_name_ts_")
                        .matcher(plan)
                        .find(),
                "expected an index-only scan of the covering (character_name, ts) index:\n" + plan);
        assertFalse(plan.contains("Seq Scan"), "no partition is scanned whole:\n" + plan);
        assertFalse(plan.contains("Bitmap"), "no heap scan:\n" + plan);
        Matcher fetches = Pattern.compile("Heap Fetches: (\\d+)").matcher(plan);
        int scans = 0;
        while (fetches.find()) {
            scans++;
            assertEquals("0", fetches.group(1), "rows come from the index, not the heap:\n" + plan);
        }
        assertTrue(scans > 0, plan);
    }

    @Test
    void theIndexIncludesExactlyTheColumnsTheQueryReturns() {
        String def = indexDefinitions("telemetry_events").stream()
                .filter(d -> d.contains("(character_name, ts)"))
                .findFirst()
                .orElseThrow();
        Matcher include = Pattern.compile("INCLUDE \\(([^)]*)\\)").matcher(def);
        assertTrue(include.find(), def);
        assertEquals(TelemetryColumn.SELECTED.replace("character_name, ts, ", ""), include.group(1), def);
    }

    @Test
    void everyPartitionHasTheCoveringIndexAndNoPlainOne() {
        List<String> partitions = new ArrayList<>();
        try (Connection c = database().dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT inhrelid::regclass::text FROM pg_inherits"
                        + " WHERE inhparent = 'telemetry_events'::regclass ORDER BY 1")) {
            while (rs.next()) {
                partitions.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not list partitions", e);
        }
        assertEquals(DAYS + 3, partitions.size(), "the days, a spare either side and DEFAULT: " + partitions);
        assertTrue(partitions.contains("telemetry_events_default"), partitions.toString());
        for (String partition : partitions) {
            List<String> onNameAndTime = indexDefinitions(partition).stream()
                    .filter(d -> d.contains("(character_name, ts)"))
                    .toList();
            assertEquals(1, onNameAndTime.size(), partition + ": " + onNameAndTime);
            assertTrue(onNameAndTime.get(0).contains(" INCLUDE (ew, "), partition + ": " + onNameAndTime);
        }
    }

    private List<String> indexDefinitions(String table) {
        try (Connection c = database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT indexdef FROM pg_indexes WHERE tablename = ?")) {
            ps.setString(1, table);
            List<String> defs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    defs.add(rs.getString(1));
                }
            }
            return defs;
        } catch (SQLException e) {
            throw new DataAccessException("could not list indexes", e);
        }
    }

    @Test
    void oneCharactersDayUsesTheCharacterTimeIndex() {
        String plan = plan(Optional.empty());
        assertIndexOnlyScan(plan);
        assertEquals(PAGE + 1, limitRows(plan), "a full page was read:\n" + plan);
    }

    @Test
    void theWholeDayInOnePageUsesItToo() {
        // The API's page for one character (50,000) holds a day; the larger LIMIT must not tip the
        // planner into a bitmap heap scan and a sort, as it did with the plain index.
        String plan = plan(WHOLE_DAY_PAGE, Optional.empty());
        assertIndexOnlyScan(plan);
        assertEquals(43_200, limitRows(plan), "the whole day was read:\n" + plan);
    }

    /** The rows the plan's top Limit node returned. */
    private static int limitRows(String plan) {
        Matcher rows = Pattern.compile("Limit \\(actual time=\\S+ rows=(\\d+)").matcher(plan);
        assertTrue(rows.find(), plan);
        return Integer.parseInt(rows.group(1));
    }

    @Test
    void aSteppedDayUsesItToo() {
        // step=60: the last of each minute's 30 rows, 1,440 for the day, from an in-order read of
        // the covering index (LEAD over (character_name, ts) needs no sort of the day).
        String plan = plan(OptionalInt.of(60), WHOLE_DAY_PAGE, Optional.empty());
        assertSteppedIndexOnlyScan(plan);
        assertEquals(1_440, limitRows(plan), "one row a minute:\n" + plan);
    }

    @Test
    void laterSteppedPagesUseItToo() {
        Instant mid =
                FIRST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(14));
        String plan = plan(OptionalInt.of(60), 100, Optional.of(new TelemetryCursor(mid, "Char3")));
        assertSteppedIndexOnlyScan(plan);
        Matcher read = Pattern.compile("Index Only Scan .*\\(actual time=\\S+ rows=(\\d+)")
                .matcher(plan);
        assertTrue(read.find(), plan);
        // 101 minutes are 3,030 rows (and a little read ahead); the rest of the day would be 18,000.
        assertTrue(Integer.parseInt(read.group(1)) < 4_000, "the LIMIT stops the read after the page:\n" + plan);
    }

    @Test
    void laterPagesUseItToo() {
        Instant mid =
                FIRST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(14));
        assertIndexOnlyScan(plan(Optional.of(new TelemetryCursor(mid, "Char3"))));
    }

    @Test
    void everyPageOfTheDayComesBackWhole() {
        Instant from = FIRST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        TelemetryQueries telemetry = new TelemetryQueries(database().dataSource());
        int total = 0;
        Optional<TelemetryCursor> cursor = Optional.empty();
        do {
            ListedPage page =
                    ListedPage.read(telemetry, from, from.plus(Duration.ofDays(1)), Optional.of("Char3"), PAGE, cursor);
            total += page.rows().size();
            cursor = page.next();
        } while (cursor.isPresent());
        assertEquals(43_200, total, "one row per 2 s for 24 h");
        ListedPage whole = ListedPage.read(
                telemetry, from, from.plus(Duration.ofDays(1)), Optional.of("Char3"), WHOLE_DAY_PAGE, Optional.empty());
        assertEquals(43_200, whole.rows().size(), "one page of 50,000 holds the day");
        assertTrue(whole.next().isEmpty());
    }
}
