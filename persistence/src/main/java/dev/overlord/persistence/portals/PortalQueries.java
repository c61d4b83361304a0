package dev.overlord.persistence.portals;

import static dev.overlord.persistence.SqlValues.instant;
import static dev.overlord.persistence.SqlValues.nullableDouble;
import static dev.overlord.persistence.SqlValues.setInstant;

import dev.overlord.persistence.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** The portals read model; blocks on JDBC, throws {@link DataAccessException}. */
public final class PortalQueries {

    private final DataSource dataSource;

    public PortalQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Portals seen at or after {@code seenSince} (see {@link PortalSettings#keepFor()}), most recently seen first. */
    public List<Portal> seenSince(Instant seenSince) {
        String sql = "SELECT portal_name, ew, ns, z, discovered_by, first_seen, last_seen FROM portals"
                + " WHERE last_seen >= ? ORDER BY last_seen DESC, portal_name";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            setInstant(ps, 1, seenSince);
            List<Portal> portals = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    portals.add(new Portal(
                            rs.getString(1),
                            rs.getDouble(2),
                            rs.getDouble(3),
                            nullableDouble(rs, 4),
                            rs.getString(5),
                            instant(rs, 6),
                            instant(rs, 7)));
                }
            }
            return portals;
        } catch (SQLException e) {
            throw new DataAccessException("could not read portals", e);
        }
    }
}
