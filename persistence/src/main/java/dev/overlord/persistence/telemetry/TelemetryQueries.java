package dev.overlord.persistence.telemetry;

import static dev.overlord.persistence.SqlValues.instant;
import static dev.overlord.persistence.SqlValues.setInstant;

import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.Transactions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * Read-only queries over the telemetry time series: pages of {@code GET /history} streamed into a
 * {@link TelemetrySink}, each character's recent trail, and the fleet at an instant; in SQL that
 * runs on both H2 and PostgreSQL.
 *
 * <p>Every method blocks on JDBC: call them from a blocking dispatcher, never from an actor's or a
 * stream's thread. Methods take the instants they need rather than reading a clock, so callers
 * decide what "now" is. Any method throws {@link DataAccessException} when the database fails.
 */
public final class TelemetryQueries {

    private final DataSource dataSource;

    public TelemetryQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Rows the driver fetches per round trip while a page is streamed (PostgreSQL; H2 ignores it). */
    static final int FETCH_SIZE = 4_096;

    /**
     * One page of telemetry with {@code from <= ts < to}, ordered by {@code (ts, character_name)}, at
     * most about {@code limit} rows, starting strictly after {@code after} when given, given to
     * {@code sink} row by row as the rows arrive from the database (in fetches of
     * {@value #FETCH_SIZE} rows); returns the cursor of the next page, if any.
     *
     * <p>A page never splits rows that share one {@code (ts, character_name)}: if the page would end
     * inside such a group the whole group is included, so following the returned cursor gives every
     * row exactly once even though the cursor is not a unique key.
     *
     * <p>With {@code step} (seconds) the rows are thinned: of each character's rows in each bucket
     * {@code floor(epoch_seconds(ts) / step)} only the last one is kept (largest {@code ts}; of rows
     * with equal {@code ts}, the last by the other columns in {@link TelemetryColumn}'s order). Paging
     * works as without a step: the kept rows after the cursor are exactly the last rows per
     * character and bucket of the rows after the cursor, so each page is asked for the same way.
     *
     * @throws IOException what {@code sink} threw
     */
    public Optional<TelemetryCursor> page(
            Instant from,
            Instant to,
            Optional<String> character,
            OptionalInt step,
            int limit,
            Optional<TelemetryCursor> after,
            TelemetrySink sink)
            throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (step.isPresent() && step.getAsInt() < 1) {
            throw new IllegalArgumentException("step must be at least 1 second, got " + step.getAsInt());
        }
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL streams a result in fetches only inside a transaction; otherwise the
            // driver reads the whole page into memory before the first row is seen.
            return Transactions.commitOrRollback(
                    c, tx -> streamPage(tx, from, to, character, step, limit, after, sink));
        } catch (SQLException e) {
            throw new DataAccessException("could not read telemetry", e);
        }
    }

    private static Optional<TelemetryCursor> streamPage(
            Connection c,
            Instant from,
            Instant to,
            Optional<String> character,
            OptionalInt step,
            int limit,
            Optional<TelemetryCursor> after,
            TelemetrySink sink)
            throws SQLException, IOException {
        TelemetryColumns view = new TelemetryColumns();
        String lastName = null;
        Instant lastTs = null;
        long groupMark = sink.mark();
        int n = 0;
        try (PreparedStatement ps = pageStatement(c, "", from, to, character, step, limit + 1, after)) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    Instant ts = instant(rs, 2);
                    boolean sameKey = ts.equals(lastTs) && name.equals(lastName);
                    if (n == limit) {
                        // One row beyond the page: it only says whether the page ends inside a group
                        // (never with a step, which keeps one row per character and bucket).
                        if (sameKey) {
                            rs.close();
                            sink.reset(groupMark);
                            rowsAt(c, lastTs, lastName, view, sink);
                        }
                        return Optional.of(new TelemetryCursor(lastTs, lastName));
                    }
                    if (!sameKey) {
                        groupMark = sink.mark();
                        lastName = name;
                        lastTs = ts;
                    }
                    sink.row(view.at(rs, name, ts));
                    n++;
                }
                return Optional.empty();
            }
        }
    }

    /**
     * The page query, prepared and bound; {@code prefix} is prepended to the SQL (e.g.
     * {@code "EXPLAIN "}) so tests can look at the plan of exactly what {@link #page} runs.
     *
     * <p>With a step, the rows of the plain query are kept when the next row of the same character
     * (in {@code ts} order, then the other columns) is in a later bucket or there is none: that is
     * the last row of each character's bucket. LEAD over {@code (character_name, ts)} is the order
     * of the covering index, so one character's history is still read from it in order, without a
     * sort of the whole range (PostgreSQL only sorts rows of equal {@code ts} by the tie-breaking
     * columns), and the page's LIMIT still stops the read.
     */
    static PreparedStatement pageStatement(
            Connection c,
            String prefix,
            Instant from,
            Instant to,
            Optional<String> character,
            OptionalInt step,
            int fetch,
            Optional<TelemetryCursor> after)
            throws SQLException {
        StringBuilder sql = new StringBuilder(prefix);
        if (step.isPresent()) {
            sql.append("SELECT ")
                    .append(TelemetryColumn.SELECTED)
                    .append(" FROM (SELECT ")
                    .append(TelemetryColumn.SELECTED)
                    .append(", LEAD(ts) OVER (PARTITION BY character_name ORDER BY ")
                    .append(TelemetryColumn.ORDER)
                    .append(") AS next_ts FROM telemetry_events WHERE ");
        } else {
            sql.append("SELECT ").append(TelemetryColumn.SELECTED).append(" FROM telemetry_events WHERE ");
        }
        if (character.isPresent()) {
            sql.append("character_name = ? AND ");
        }
        // "After the cursor (ts, name)" is written as plain bounds on ts where possible: the planner
        // estimates those well and keeps reading the index in order, where an OR made it sort.
        Instant lower = from;
        boolean strictlyAfter = false;
        boolean tieBreak = false;
        if (after.isPresent() && !after.get().ts().isBefore(from)) {
            lower = after.get().ts();
            if (character.isPresent()) {
                // One name only: after (ts, cursorName) means ts > cursor.ts unless the name sorts later.
                strictlyAfter = character.get().compareTo(after.get().characterName()) <= 0;
            } else {
                tieBreak = true;
            }
        }
        sql.append(strictlyAfter ? "ts > ?" : "ts >= ?").append(" AND ts < ?");
        if (tieBreak) {
            // With ts >= cursor.ts already required, "after (ts, name)" reduces to this OR.
            sql.append(" AND (ts > ? OR character_name > ?)");
        }
        if (step.isPresent()) {
            // floor(epoch / step) as whole numbers: floor((s + f) / step) = floor(s / step) for whole
            // seconds s, and integer division is exact on both databases (epochs are positive here).
            // The step is a checked int; written into the SQL it keeps the plan independent of it.
            String bucket = "CAST(FLOOR(EXTRACT(EPOCH FROM %s)) AS BIGINT) / " + step.getAsInt();
            sql.append(") stepped WHERE next_ts IS NULL OR ")
                    .append(bucket.formatted("next_ts"))
                    .append(" <> ")
                    .append(bucket.formatted("ts"));
        }
        sql.append(" ORDER BY ts, character_name LIMIT ?");
        PreparedStatement ps = c.prepareStatement(sql.toString());
        try {
            int i = 1;
            if (character.isPresent()) {
                ps.setString(i++, character.get());
            }
            setInstant(ps, i++, lower);
            setInstant(ps, i++, to);
            if (tieBreak) {
                setInstant(ps, i++, after.get().ts());
                ps.setString(i++, after.get().characterName());
            }
            ps.setInt(i, fetch);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** Every row of one {@code (ts, character_name)} group, to complete a page that would split it. */
    private static void rowsAt(Connection c, Instant ts, String character, TelemetryColumns view, TelemetrySink sink)
            throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + TelemetryColumn.SELECTED + " FROM telemetry_events WHERE character_name = ? AND ts = ?")) {
            ps.setString(1, character);
            setInstant(ps, 2, ts);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.row(view.at(rs, rs.getString(1), instant(rs, 2)));
                }
            }
        }
    }

    /**
     * Each character's path since {@code since}, thinned to at most {@code maxPoints} points by
     * keeping every n-th row counted back from the latest, so a trail always ends where the
     * character is now. Characters are ordered by name.
     */
    public List<Trail> trails(Instant since, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be at least 1, got " + maxPoints);
        }
        // back = 1 is the latest row; the stride ceil(n / maxPoints) keeps at most maxPoints rows.
        String sql = "SELECT character_name, ts, ew, ns, z FROM ("
                + " SELECT character_name, ts, ew, ns, z,"
                + "  ROW_NUMBER() OVER (PARTITION BY character_name ORDER BY ts DESC) AS back,"
                + "  COUNT(*) OVER (PARTITION BY character_name) AS n"
                + " FROM telemetry_events WHERE ts >= ?) recent"
                + " WHERE MOD(back - 1, (n + ? - 1) / ?) = 0"
                + " ORDER BY character_name, ts";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            setInstant(ps, 1, since);
            ps.setLong(2, maxPoints);
            ps.setLong(3, maxPoints);
            Map<String, List<Trail.Point>> byCharacter = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byCharacter
                            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Trail.Point(instant(rs, 2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
                }
            }
            List<Trail> trails = new ArrayList<>(byCharacter.size());
            byCharacter.forEach((name, points) -> trails.add(new Trail(name, points)));
            return trails;
        } catch (SQLException e) {
            throw new DataAccessException("could not read trails", e);
        }
    }

    /**
     * Where the fleet was at {@code at}: per character its latest row with
     * {@code at - lookBack < ts <= at}; characters silent for the whole look-back are absent.
     * Ordered by name.
     *
     * <p>The look-back bounds the work: only that slice of the ts index is read (a few hundred rows
     * per character for minutes), however big the table.
     */
    public List<TelemetryRow> fleetAt(Instant at, Duration lookBack) {
        String sql = "SELECT " + TelemetryColumn.SELECTED + " FROM ("
                + " SELECT " + TelemetryColumn.SELECTED + ","
                + "  ROW_NUMBER() OVER (PARTITION BY character_name ORDER BY ts DESC) AS back"
                + " FROM telemetry_events WHERE ts > ? AND ts <= ?) recent"
                + " WHERE back = 1 ORDER BY character_name";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            setInstant(ps, 1, at.minus(lookBack));
            setInstant(ps, 2, at);
            List<TelemetryRow> rows = new ArrayList<>();
            TelemetryColumns view = new TelemetryColumns();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(view.at(rs, rs.getString(1), instant(rs, 2)).toRow());
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DataAccessException("could not read the fleet snapshot", e);
        }
    }
}
