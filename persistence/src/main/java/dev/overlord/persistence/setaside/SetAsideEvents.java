package dev.overlord.persistence.setaside;

import static dev.overlord.persistence.SqlValues.instant;

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

/** Reads the events projections set aside ({@link SetAside}); blocks on JDBC, throws {@link DataAccessException}. */
public final class SetAsideEvents {

    /** One event a projection could not write. */
    public record Entry(
            long id,
            String projection,
            String persistenceId,
            long sequenceNr,
            String eventType,
            String error,
            Instant setAsideAt) {}

    private final DataSource dataSource;

    public SetAsideEvents(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The {@code limit} latest set-aside events, newest first. */
    public List<Entry> latest(int limit) {
        String sql = "SELECT id, projection, persistence_id, sequence_nr, event_type, error, set_aside_at"
                + " FROM projection_set_aside ORDER BY id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getString(6),
                            instant(rs, 7)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new DataAccessException("could not read set-aside events", e);
        }
    }
}
