package dev.overlord.persistence.combat;

import static dev.overlord.persistence.SqlValues.instant;
import static dev.overlord.persistence.SqlValues.json;

import dev.overlord.persistence.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** The combat read model (combat_stats, combat_stats_sessions); blocks on JDBC, throws {@link DataAccessException}. */
public final class CombatQueries {

    private final DataSource dataSource;

    public CombatQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
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
                            ? Optional.of(new CombatStats.Lifetime(json(rs.getString(1)), rs.getInt(2), instant(rs, 3)))
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
                                rs.getString(1), json(rs.getString(2)), instant(rs, 3), instant(rs, 4)));
                    }
                }
            }
            return new CombatStats(character, lifetime, sessions);
        } catch (SQLException e) {
            throw new DataAccessException("could not read combat stats", e);
        }
    }
}
