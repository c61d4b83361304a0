package dev.overlord.persistence.digest;

import static dev.overlord.persistence.SqlValues.instant;
import static dev.overlord.persistence.SqlValues.setInstant;

import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.Vendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A day's totals per character, read from what the server already keeps: telemetry rows (kills and
 * deaths per plugin session, time online), rare_events, and the hourly XP samples of
 * {@link XpHandler}. Blocks on JDBC, throws {@link dev.overlord.persistence.DataAccessException}.
 *
 * <p>Telemetry counters count within a plugin session, so a day's kills are, per session, the
 * highest count in the day above the highest before it (the lifetime totals use the same rule);
 * "before" looks back {@link #LOOK_BACK}, which bounds the scan and covers sessions shorter than it.
 */
public final class DigestQueries {

    /** A pause in telemetry longer than this is time offline. */
    public static final Duration ONLINE_GAP = Duration.ofMinutes(2);
    /** How far before the day a session's earlier counts and an earlier XP total are looked for. */
    public static final Duration LOOK_BACK = Duration.ofDays(2);
    /** The most characters one digest reports. */
    public static final int MAX_CHARACTERS = 1_000;

    private final DataSource dataSource;
    private final Vendor vendor;

    public DigestQueries(DataSource dataSource, Vendor vendor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.vendor = Objects.requireNonNull(vendor, "vendor");
    }

    /** Every character with telemetry or a rare in {@code day} (in {@code zone}), by name, at most {@link #MAX_CHARACTERS}. */
    public List<DayTotals> day(LocalDate day, ZoneId zone) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        try (Connection c = dataSource.getConnection()) {
            Map<String, long[]> counters = counters(c, from, to);
            Map<String, Long> rares = rares(c, from, to);
            Map<String, Duration> online = online(c, from, to);
            Map<String, Long> xp = xp(c, from, to);
            TreeMap<String, DayTotals> out = new TreeMap<>();
            for (String name : union(counters.keySet(), rares.keySet())) {
                if (out.size() >= MAX_CHARACTERS) break;
                long[] kd = counters.getOrDefault(name, new long[2]);
                out.put(
                        name,
                        new DayTotals(
                                name,
                                day,
                                kd[0],
                                kd[1],
                                rares.getOrDefault(name, 0L),
                                online.getOrDefault(name, Duration.ZERO),
                                xp.get(name)));
            }
            return List.copyOf(out.values());
        } catch (SQLException e) {
            throw new DataAccessException("could not read the digest of " + day, e);
        }
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Kills and deaths per character: per session, the day's highest count above the highest before it. */
    private static Map<String, long[]> counters(Connection c, Instant from, Instant to) throws SQLException {
        String sql = "SELECT character_name, session_id, MAX(kills), MAX(deaths) FROM telemetry_events"
                + " WHERE ts >= ? AND ts < ? GROUP BY character_name, session_id";
        Map<List<String>, long[]> inDay = sessionMaxima(c, sql, from, to);
        Map<List<String>, long[]> before = sessionMaxima(c, sql, from.minus(LOOK_BACK), from);
        Map<String, long[]> out = new HashMap<>();
        inDay.forEach((key, max) -> {
            long[] base = before.getOrDefault(key, new long[2]);
            long[] sum = out.computeIfAbsent(key.getFirst(), k -> new long[2]);
            sum[0] += Math.max(0, max[0] - base[0]);
            sum[1] += Math.max(0, max[1] - base[1]);
        });
        return out;
    }

    private static Map<List<String>, long[]> sessionMaxima(Connection c, String sql, Instant from, Instant to)
            throws SQLException {
        Map<List<String>, long[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            setInstant(ps, 1, from);
            setInstant(ps, 2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String session = rs.getString(2);
                    out.put(
                            Arrays.asList(rs.getString(1), session == null ? "" : session),
                            new long[] {rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return out;
    }

    private static Map<String, Long> rares(Connection c, Instant from, Instant to) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT character_name, COUNT(*) FROM rare_events WHERE ts >= ? AND ts < ? GROUP BY character_name")) {
            setInstant(ps, 1, from);
            setInstant(ps, 2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** The sum of the pauses between a character's telemetry rows that are no longer than {@link #ONLINE_GAP}. */
    private Map<String, Duration> online(Connection c, Instant from, Instant to) throws SQLException {
        String gapMillis = switch (vendor) {
            case POSTGRESQL -> "EXTRACT(EPOCH FROM (ts - prev)) * 1000";
            case H2 -> "DATEDIFF(MILLISECOND, prev, ts)";
        };
        String sql = "SELECT character_name, SUM(CASE WHEN gap <= ? THEN gap ELSE 0 END) FROM ("
                + " SELECT character_name, " + gapMillis + " AS gap FROM ("
                + "  SELECT character_name, ts, LAG(ts) OVER (PARTITION BY character_name ORDER BY ts) AS prev"
                + "  FROM telemetry_events WHERE ts >= ? AND ts < ?) s WHERE prev IS NOT NULL) g"
                + " GROUP BY character_name";
        Map<String, Duration> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, ONLINE_GAP.toMillis());
            setInstant(ps, 2, from);
            setInstant(ps, 3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), Duration.ofMillis(Math.round(rs.getDouble(2))));
            }
        }
        return out;
    }

    /**
     * Experience per character: its last total of the day less its last total before the day (or,
     * with none in the look-back, its first total of the day). A total that went down (another
     * character of the same name) counts nothing.
     */
    private static Map<String, Long> xp(Connection c, Instant from, Instant to) throws SQLException {
        Map<String, Long> baseline = new HashMap<>();
        Map<String, Long> first = new HashMap<>();
        Map<String, Long> last = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT character_name, hour_start, first_xp, last_xp"
                + " FROM character_xp_hours WHERE hour_start >= ? AND hour_start < ?"
                + " ORDER BY character_name, hour_start")) {
            setInstant(ps, 1, from.minus(LOOK_BACK));
            setInstant(ps, 2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    Instant hour = instant(rs, 2);
                    if (hour.isBefore(from)) {
                        baseline.put(name, rs.getLong(4));
                    } else {
                        first.putIfAbsent(name, rs.getLong(3));
                        last.put(name, rs.getLong(4));
                    }
                }
            }
        }
        Map<String, Long> out = new HashMap<>();
        last.forEach((name, end) -> out.put(name, Math.max(0, end - baseline.getOrDefault(name, first.get(name)))));
        return out;
    }

    /** Removes XP samples older than {@code before}; the number removed. */
    public int forgetXpBefore(Instant before) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM character_xp_hours WHERE hour_start < ?")) {
            setInstant(ps, 1, before);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not remove old XP samples", e);
        }
    }
}
