package dev.overlord.persistence.rares;

import static dev.overlord.persistence.SqlValues.instant;
import static dev.overlord.persistence.SqlValues.json;
import static dev.overlord.persistence.SqlValues.nullableDouble;

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

/** The rare finds read model; blocks on JDBC, throws {@link DataAccessException}. */
public final class RareQueries {

    private final DataSource dataSource;

    public RareQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The {@code limit} latest rares, of one character or of everyone, newest first. */
    public List<RareFind> latest(Optional<String> character, int limit) {
        String sql = "SELECT id, character_name, ts, name, session_id, ew, ns, z, raw FROM rare_events"
                + (character.isPresent() ? " WHERE character_name = ?" : "")
                + " ORDER BY ts DESC, id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (character.isPresent()) {
                ps.setString(i++, character.get());
            }
            ps.setInt(i, limit);
            List<RareFind> rares = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rares.add(new RareFind(
                            rs.getLong(1),
                            rs.getString(2),
                            instant(rs, 3),
                            rs.getString(4),
                            rs.getString(5),
                            nullableDouble(rs, 6),
                            nullableDouble(rs, 7),
                            nullableDouble(rs, 8),
                            json(rs.getString(9))));
                }
            }
            return rares;
        } catch (SQLException e) {
            throw new DataAccessException("could not read rares", e);
        }
    }
}
