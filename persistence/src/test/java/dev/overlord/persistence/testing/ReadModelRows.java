package dev.overlord.persistence.testing;

import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.telemetry.TelemetryRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Writes history rows straight into the tables with SQL, standing in for the time-series writer and
 * the projections, so query and route tests need neither. Shared with the http module's tests.
 */
public final class ReadModelRows {

    private static final String[] TABLES = {
        "telemetry_events",
        "spawn_events",
        "rare_events",
        "portals",
        "char_stats",
        "rare_stats",
        "rare_stats_sessions",
        "combat_stats",
        "combat_stats_sessions",
        "character_stats",
        "character_xp_hours",
    };

    private final DataSource dataSource;

    public ReadModelRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empties every history table. */
    public ReadModelRows clear() {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            for (String table : TABLES) {
                st.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not clear history tables", e);
        }
        return this;
    }

    /** A telemetry row with only a position; counters are null. */
    public ReadModelRows telemetry(String character, Instant ts, double ew, double ns) {
        return telemetry(character, ts, ew, ns, 0, null, null, null);
    }

    /** A telemetry row with a position, kills, vt_state and session. */
    public ReadModelRows telemetry(
            String character,
            Instant ts,
            double ew,
            double ns,
            double z,
            Long kills,
            String vtState,
            String sessionId) {
        return update(
                "INSERT INTO telemetry_events (character_name, ts, ew, ns, z, kills, kills_per_hour, deaths,"
                        + " total_deaths, rares_found, prismatic_taper_count, vt_state, session_id, raw)"
                        + " VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, ?, ?, '{}')",
                character,
                at(ts),
                ew,
                ns,
                z,
                kills,
                vtState,
                sessionId);
    }

    /** A telemetry row with every column given (counters may be null). */
    public ReadModelRows telemetry(TelemetryRow r) {
        return update(
                "INSERT INTO telemetry_events (character_name, ts, ew, ns, z, kills, kills_per_hour, deaths,"
                        + " total_deaths, rares_found, prismatic_taper_count, vt_state, session_id, raw)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')",
                r.characterName(),
                at(r.ts()),
                r.ew(),
                r.ns(),
                r.z(),
                r.kills(),
                r.killsPerHour(),
                r.deaths(),
                r.totalDeaths(),
                r.raresFound(),
                r.prismaticTaperCount(),
                r.vtState(),
                r.sessionId());
    }

    /** {@code count} rows of one character, one every {@code step} from {@code first}, in one batch. */
    public ReadModelRows telemetrySeries(String character, Instant first, Duration step, int count) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO telemetry_events (character_name, ts, ew, ns, z, kills, vt_state, session_id, raw)"
                                + " VALUES (?, ?, ?, ?, 0, ?, 'Combat', 's-1', '{}')")) {
            for (int i = 0; i < count; i++) {
                ps.setString(1, character);
                ps.setObject(2, at(first.plus(step.multipliedBy(i))));
                ps.setDouble(3, i * 0.01);
                ps.setDouble(4, -i * 0.01);
                ps.setLong(5, i);
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new DataAccessException("could not insert test rows", e);
        }
        return this;
    }

    public ReadModelRows spawn(String character, Instant ts, String mob, double ew, double ns) {
        return update(
                "INSERT INTO spawn_events (character_name, ts, mob, ew, ns, z) VALUES (?, ?, ?, ?, ?, 0)",
                character,
                at(ts),
                mob,
                ew,
                ns);
    }

    public ReadModelRows rare(
            String character, Instant ts, String name, String sessionId, Double ew, Double ns, String raw) {
        return update(
                "INSERT INTO rare_events (character_name, ts, name, session_id, ew, ns, z, raw)"
                        + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
                character,
                at(ts),
                name,
                sessionId,
                ew,
                ns,
                raw);
    }

    public ReadModelRows portal(
            String name, double ew, double ns, String discoveredBy, Instant firstSeen, Instant lastSeen) {
        return update(
                "INSERT INTO portals (ew_tenths, ns_tenths, portal_name, ew, ns, z, discovered_by, first_seen,"
                        + " last_seen) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)",
                (int) Math.round(ew * 10),
                (int) Math.round(ns * 10),
                name,
                ew,
                ns,
                discoveredBy,
                at(firstSeen),
                at(lastSeen));
    }

    public ReadModelRows charStats(
            String character, long kills, long deaths, long rares, long tapers, Instant updatedAt) {
        return update(
                "INSERT INTO char_stats (character_name, total_kills, total_deaths, total_rares, total_tapers,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                character,
                kills,
                deaths,
                rares,
                tapers,
                at(updatedAt));
    }

    public ReadModelRows characterStats(
            String character, String stats, String cantrips, String quests, Instant updatedAt) {
        return update(
                "INSERT INTO character_stats (character_name, stats, cantrips, quests, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                character,
                stats,
                cantrips,
                quests,
                at(updatedAt));
    }

    public ReadModelRows combatLifetime(String character, String lifetime, int sessions, Instant updatedAt) {
        return update(
                "INSERT INTO combat_stats (character_name, lifetime, sessions, updated_at) VALUES (?, ?, ?, ?)",
                character,
                lifetime,
                sessions,
                at(updatedAt));
    }

    public ReadModelRows combatSession(String character, String sessionId, String snapshot, Instant snapshotTs) {
        return update(
                "INSERT INTO combat_stats_sessions (character_name, session_id, snapshot, snapshot_ts, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                character,
                sessionId,
                snapshot,
                at(snapshotTs),
                at(snapshotTs));
    }

    private static OffsetDateTime at(Instant ts) {
        return OffsetDateTime.ofInstant(ts, ZoneOffset.UTC);
    }

    private ReadModelRows update(String sql, Object... values) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not insert a test row", e);
        }
        return this;
    }
}
