package dev.overlord.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/** Whether any read model knows a character: what tells a read endpoint's 404 from an empty answer. */
public final class KnownCharacters {

    private static final String[] CHECKS = {
        "SELECT 1 FROM character_stats WHERE character_name = ?",
        "SELECT 1 FROM char_stats WHERE character_name = ?",
        "SELECT 1 FROM combat_stats WHERE character_name = ?",
        "SELECT 1 FROM rare_events WHERE character_name = ? LIMIT 1",
        "SELECT 1 FROM telemetry_events WHERE character_name = ? LIMIT 1",
    };

    private final DataSource dataSource;

    public KnownCharacters(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Whether anything is stored about {@code character}: telemetry, stats, rares or combat stats.
     * Each check is one indexed lookup; the cheapest likely hit goes first. Blocks on JDBC.
     *
     * @throws DataAccessException when the database fails
     */
    public boolean contains(String character) {
        try (Connection c = dataSource.getConnection()) {
            for (String sql : CHECKS) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, character);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new DataAccessException("could not look up character", e);
        }
    }
}
