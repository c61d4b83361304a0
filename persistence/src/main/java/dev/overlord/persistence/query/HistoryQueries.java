package dev.overlord.persistence.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.overlord.persistence.DataAccessException;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * Read-only queries over the history tables (telemetry and spawn time series, rares, portals and
 * the per-character stats the projections keep), in SQL that runs on both H2 and PostgreSQL.
 *
 * <p>Every method blocks on JDBC: call them from a blocking dispatcher, never from an actor's or a
 * stream's thread. Methods take the instants they need rather than reading a clock, so callers
 * decide what "now" is. JSON text columns come back parsed; a column that does not hold valid JSON
 * comes back as a JSON string rather than failing the whole answer. Any method throws
 * {@link DataAccessException} when the database fails.
 */
public final class HistoryQueries {

    /** What a telemetry row is read as, in {@link TelemetryRow}'s order; the covering index (V6) holds them all. */
    static final String TELEMETRY_COLUMNS = "character_name, ts, ew, ns, z, kills, kills_per_hour, deaths, "
            + "total_deaths, rares_found, prismatic_taper_count, vt_state, session_id";

    /**
     * A character's rows in time order, rows of equal time by their other columns, so that which of
     * them is "last" in a step's bucket is decided the same way every time.
     */
    static final String TELEMETRY_ORDER = "ts, ew, ns, z, kills, kills_per_hour, deaths, total_deaths, rares_found,"
            + " prismatic_taper_count, vt_state, session_id";

    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public HistoryQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Rows the driver fetches per round trip while a page is streamed (PostgreSQL; H2 ignores it). */
    static final int FETCH_SIZE = 4_096;

    /**
     * Telemetry rows with {@code from <= ts < to}, ordered by {@code (ts, character_name)}, at most
     * about {@code limit} per page, starting strictly after {@code after} when given.
     *
     * <p>A page never splits rows that share one {@code (ts, character_name)}: if the page would end
     * inside such a group the whole group is included, so following {@link HistoryPage#next()}
     * returns every row exactly once even though the cursor is not a unique key.
     */
    public HistoryPage history(
            Instant from, Instant to, Optional<String> character, int limit, Optional<HistoryCursor> after) {
        return history(from, to, character, OptionalInt.empty(), limit, after);
    }

    /**
     * Like {@link #history(Instant, Instant, Optional, int, Optional)}, thinned when {@code step}
     * (seconds) is given: of each character's rows in each bucket
     * {@code floor(epoch_seconds(ts) / step)} only the last one is kept (largest {@code ts}; of rows
     * with equal {@code ts}, the last by the other columns in {@link #TELEMETRY_COLUMNS}'s order).
     *
     * <p>Paging works as without a step: the kept rows after the cursor are exactly the last rows
     * per character and bucket of the rows after the cursor (a bucket whose last row is after the
     * cursor keeps that row; one whose last row is not has no rows after it), so each page is asked
     * for the same way.
     */
    public HistoryPage history(Instant from, Instant to, Optional<String> character, OptionalInt step, int limit,
            Optional<HistoryCursor> after) {
        List<TelemetryRow> rows = new ArrayList<>(Math.min(limit + 1, 1024));
        HistorySink collect = new HistorySink() {
            @Override
            public void row(TelemetryColumns row) {
                rows.add(row.toRow());
            }

            @Override
            public long mark() {
                return rows.size();
            }

            @Override
            public void reset(long mark) {
                rows.subList((int) mark, rows.size()).clear();
            }
        };
        try {
            return new HistoryPage(rows, history(from, to, character, step, limit, after, collect));
        } catch (IOException e) {
            throw new IllegalStateException("a list sink does not do I/O", e);
        }
    }

    /**
     * The page {@link #history(Instant, Instant, Optional, int, Optional)} would return, given to
     * {@code sink} row by row as the rows arrive from the database (in fetches of
     * {@value #FETCH_SIZE} rows) instead of as a list; returns the cursor of the next page, if any.
     *
     * @throws IOException what {@code sink} threw
     */
    public Optional<HistoryCursor> history(Instant from, Instant to, Optional<String> character, int limit,
            Optional<HistoryCursor> after, HistorySink sink) throws IOException {
        return history(from, to, character, OptionalInt.empty(), limit, after, sink);
    }

    /**
     * The page {@link #history(Instant, Instant, Optional, OptionalInt, int, Optional)} would return,
     * given to {@code sink} row by row; returns the cursor of the next page, if any.
     *
     * @throws IOException what {@code sink} threw
     */
    public Optional<HistoryCursor> history(Instant from, Instant to, Optional<String> character, OptionalInt step,
            int limit, Optional<HistoryCursor> after, HistorySink sink) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (step.isPresent() && step.getAsInt() < 1) {
            throw new IllegalArgumentException("step must be at least 1 second, got " + step.getAsInt());
        }
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL streams a result in fetches only inside a transaction; otherwise the
            // driver reads the whole page into memory before the first row is seen.
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Optional<HistoryCursor> next = streamPage(c, from, to, character, step, limit, after, sink);
                c.commit();
                return next;
            } catch (SQLException | IOException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not read telemetry history", e);
        }
    }

    private static Optional<HistoryCursor> streamPage(Connection c, Instant from, Instant to,
            Optional<String> character, OptionalInt step, int limit, Optional<HistoryCursor> after, HistorySink sink)
            throws SQLException, IOException {
        TelemetryColumns view = new TelemetryColumns();
        String lastName = null;
        Instant lastTs = null;
        long groupMark = sink.mark();
        int n = 0;
        try (PreparedStatement ps = historyStatement(c, "", from, to, character, step, limit + 1, after)) {
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
                        return Optional.of(new HistoryCursor(lastTs, lastName));
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
     * The history query, prepared and bound; {@code prefix} is prepended to the SQL (e.g.
     * {@code "EXPLAIN "}) so tests can look at the plan of exactly what {@link #history} runs.
     */
    static PreparedStatement historyStatement(Connection c, String prefix, Instant from, Instant to,
            Optional<String> character, int fetch, Optional<HistoryCursor> after) throws SQLException {
        return historyStatement(c, prefix, from, to, character, OptionalInt.empty(), fetch, after);
    }

    /**
     * With a step, the rows of the plain query are kept when the next row of the same character
     * (in {@code ts} order, then the other columns) is in a later bucket or there is none: that is
     * the last row of each character's bucket. LEAD over {@code (character_name, ts)} is the order
     * of the covering index, so one character's history is still read from it in order, without a
     * sort of the whole range (PostgreSQL only sorts rows of equal {@code ts} by the tie-breaking
     * columns), and the page's LIMIT still stops the read.
     */
    static PreparedStatement historyStatement(Connection c, String prefix, Instant from, Instant to,
            Optional<String> character, OptionalInt step, int fetch, Optional<HistoryCursor> after)
            throws SQLException {
        StringBuilder sql = new StringBuilder(prefix);
        if (step.isPresent()) {
            sql.append("SELECT ").append(TELEMETRY_COLUMNS).append(" FROM (SELECT ").append(TELEMETRY_COLUMNS)
                    .append(", LEAD(ts) OVER (PARTITION BY character_name ORDER BY ").append(TELEMETRY_ORDER)
                    .append(") AS next_ts FROM telemetry_events WHERE ");
        } else {
            sql.append("SELECT ").append(TELEMETRY_COLUMNS).append(" FROM telemetry_events WHERE ");
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
                    .append(bucket.formatted("next_ts")).append(" <> ").append(bucket.formatted("ts"));
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
    private static void rowsAt(Connection c, Instant ts, String character, TelemetryColumns view, HistorySink sink)
            throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TELEMETRY_COLUMNS
                + " FROM telemetry_events WHERE character_name = ? AND ts = ?")) {
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            setInstant(ps, 1, since);
            ps.setLong(2, maxPoints);
            ps.setLong(3, maxPoints);
            Map<String, List<Trail.Point>> byCharacter = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byCharacter.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
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
     * Spawns seen since {@code since}, counted per square bin of {@code binSize} map units; the
     * {@code maxCells} busiest bins, busiest first (ties by position, so answers are stable).
     */
    public List<HeatCell> spawnHeatmap(Instant since, double binSize, int maxCells) {
        if (!(binSize > 0) || Double.isInfinite(binSize)) {
            throw new IllegalArgumentException("binSize must be a positive number, got " + binSize);
        }
        String sql = "SELECT bin_ew, bin_ns, COUNT(*) AS hits FROM ("
                + " SELECT FLOOR(ew / ?) AS bin_ew, FLOOR(ns / ?) AS bin_ns FROM spawn_events WHERE ts >= ?) bins"
                + " GROUP BY bin_ew, bin_ns ORDER BY hits DESC, bin_ew, bin_ns LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDouble(1, binSize);
            ps.setDouble(2, binSize);
            setInstant(ps, 3, since);
            ps.setInt(4, maxCells);
            List<HeatCell> cells = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cells.add(new HeatCell(corner(rs.getDouble(1), binSize), corner(rs.getDouble(2), binSize), rs.getLong(3)));
                }
            }
            return cells;
        } catch (SQLException e) {
            throw new DataAccessException("could not read the spawn heatmap", e);
        }
    }

    /** A bin's corner in map units, computed in decimal so a 0.1 bin gives 10.2 rather than 10.200000000000001. */
    private static double corner(double binIndex, double binSize) {
        return BigDecimal.valueOf(binIndex).multiply(BigDecimal.valueOf(binSize)).doubleValue();
    }

    /** Portals seen at or after {@code seenSince} (the reference keeps an hour), most recently seen first. */
    public List<Portal> portals(Instant seenSince) {
        String sql = "SELECT portal_name, ew, ns, z, discovered_by, first_seen, last_seen FROM portals"
                + " WHERE last_seen >= ? ORDER BY last_seen DESC, portal_name";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            setInstant(ps, 1, seenSince);
            List<Portal> portals = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    portals.add(new Portal(rs.getString(1), rs.getDouble(2), rs.getDouble(3), nullableDouble(rs, 4),
                            rs.getString(5), instant(rs, 6), instant(rs, 7)));
                }
            }
            return portals;
        } catch (SQLException e) {
            throw new DataAccessException("could not read portals", e);
        }
    }

    /** The latest stats frame and lifetime totals of {@code character}; parts not yet stored are empty. */
    public CharacterStats characterStats(String character) {
        try (Connection c = dataSource.getConnection()) {
            Optional<CharacterStats.Latest> latest;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT stats, cantrips, updated_at FROM character_stats WHERE character_name = ?")) {
                ps.setString(1, character);
                try (ResultSet rs = ps.executeQuery()) {
                    latest = rs.next()
                            ? Optional.of(new CharacterStats.Latest(
                                    parse(rs.getString(1)), parse(rs.getString(2)), instant(rs, 3)))
                            : Optional.empty();
                }
            }
            Optional<CharacterStats.Totals> totals;
            try (PreparedStatement ps = c.prepareStatement("SELECT total_kills, total_deaths, total_rares, total_tapers,"
                    + " updated_at FROM char_stats WHERE character_name = ?")) {
                ps.setString(1, character);
                try (ResultSet rs = ps.executeQuery()) {
                    totals = rs.next()
                            ? Optional.of(new CharacterStats.Totals(
                                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), instant(rs, 5)))
                            : Optional.empty();
                }
            }
            return new CharacterStats(character, latest, totals);
        } catch (SQLException e) {
            throw new DataAccessException("could not read character stats", e);
        }
    }

    /** Lifetime combat totals of {@code character} and its {@code maxSessions} latest sessions, newest first. */
    public CombatStats combatStats(String character, int maxSessions) {
        try (Connection c = dataSource.getConnection()) {
            Optional<CombatStats.Lifetime> lifetime;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT lifetime, sessions, updated_at FROM combat_stats WHERE character_name = ?")) {
                ps.setString(1, character);
                try (ResultSet rs = ps.executeQuery()) {
                    lifetime = rs.next()
                            ? Optional.of(new CombatStats.Lifetime(parse(rs.getString(1)), rs.getInt(2), instant(rs, 3)))
                            : Optional.empty();
                }
            }
            List<CombatStats.Session> sessions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT session_id, snapshot, snapshot_ts, updated_at"
                    + " FROM combat_stats_sessions WHERE character_name = ?"
                    + " ORDER BY snapshot_ts DESC, session_id LIMIT ?")) {
                ps.setString(1, character);
                ps.setInt(2, maxSessions);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(new CombatStats.Session(
                                rs.getString(1), parse(rs.getString(2)), instant(rs, 3), instant(rs, 4)));
                    }
                }
            }
            return new CombatStats(character, lifetime, sessions);
        } catch (SQLException e) {
            throw new DataAccessException("could not read combat stats", e);
        }
    }

    /** The {@code limit} latest rares, of one character or of everyone, newest first. */
    public List<RareFind> rares(Optional<String> character, int limit) {
        String sql = "SELECT id, character_name, ts, name, session_id, ew, ns, z, raw FROM rare_events"
                + (character.isPresent() ? " WHERE character_name = ?" : "")
                + " ORDER BY ts DESC, id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (character.isPresent()) {
                ps.setString(i++, character.get());
            }
            ps.setInt(i, limit);
            List<RareFind> rares = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rares.add(new RareFind(rs.getLong(1), rs.getString(2), instant(rs, 3), rs.getString(4),
                            rs.getString(5), nullableDouble(rs, 6), nullableDouble(rs, 7), nullableDouble(rs, 8),
                            parse(rs.getString(9))));
                }
            }
            return rares;
        } catch (SQLException e) {
            throw new DataAccessException("could not read rares", e);
        }
    }

    /** The quest timers of {@code character} from its latest stats frame; empty if none is stored. */
    public Optional<Quests> quests(String character) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT quests, updated_at FROM character_stats WHERE character_name = ?")) {
            ps.setString(1, character);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Quests(character, parse(rs.getString(1)), instant(rs, 2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not read quests", e);
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
        String sql = "SELECT " + TELEMETRY_COLUMNS + " FROM ("
                + " SELECT " + TELEMETRY_COLUMNS + ","
                + "  ROW_NUMBER() OVER (PARTITION BY character_name ORDER BY ts DESC) AS back"
                + " FROM telemetry_events WHERE ts > ? AND ts <= ?) recent"
                + " WHERE back = 1 ORDER BY character_name";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            setInstant(ps, 1, at.minus(lookBack));
            setInstant(ps, 2, at);
            List<TelemetryRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(telemetryRow(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DataAccessException("could not read the fleet snapshot", e);
        }
    }

    /**
     * Whether anything is stored about {@code character}: telemetry, stats, rares or combat stats.
     * Each check is one indexed lookup; the cheapest likely hit goes first.
     */
    public boolean knownCharacter(String character) {
        String[] checks = {
            "SELECT 1 FROM character_stats WHERE character_name = ?",
            "SELECT 1 FROM char_stats WHERE character_name = ?",
            "SELECT 1 FROM combat_stats WHERE character_name = ?",
            "SELECT 1 FROM rare_events WHERE character_name = ? LIMIT 1",
            "SELECT 1 FROM telemetry_events WHERE character_name = ? LIMIT 1",
        };
        try (Connection c = dataSource.getConnection()) {
            for (String sql : checks) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, character);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new DataAccessException("could not look up character", e);
        }
    }

    // ---- row mapping ----

    private static TelemetryRow telemetryRow(ResultSet rs) throws SQLException {
        return new TelemetryRow(
                rs.getString(1),
                instant(rs, 2),
                rs.getDouble(3),
                rs.getDouble(4),
                rs.getDouble(5),
                nullableLong(rs, 6),
                nullableDouble(rs, 7),
                nullableLong(rs, 8),
                nullableLong(rs, 9),
                nullableLong(rs, 10),
                nullableLong(rs, 11),
                rs.getString(12),
                rs.getString(13));
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            // One bad column should not hide the rest of the answer.
            return TextNode.valueOf(text);
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
