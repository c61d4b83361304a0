package dev.overlord.persistence.alerts;

import static dev.overlord.persistence.SqlValues.instant;
import static dev.overlord.persistence.projection.GroupStatements.utc;

import dev.overlord.alerts.Alert;
import dev.overlord.persistence.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** The alerts read model: the list, newest first, and acknowledging one. Blocks on JDBC. */
public final class AlertQueries {

    /**
     * An alert as stored, with what happened to it since.
     *
     * @param acknowledgedBy who acknowledged it, null while nobody has
     * @param clearedAt when its condition ended (an idle character active again), null while open
     */
    public record Row(Alert alert, String rule, String acknowledgedBy, Instant acknowledgedAt, Instant clearedAt) {}

    /** Where a page ends: the next page starts after this alert. */
    public record Cursor(Instant raisedAt, String id) {}

    private static final String COLUMNS = "id, kind, character_name, raised_at, severity, title, message, fields,"
            + " rule, acknowledged_by, acknowledged_at, cleared_at";

    private final DataSource dataSource;

    public AlertQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Up to {@code limit} alerts raised before {@code before} (all when empty), newest first. */
    public List<Row> latest(Optional<String> character, Optional<String> kind, Optional<Cursor> before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE 1 = 1");
        character.ifPresent(c -> sql.append(" AND character_name = ?"));
        kind.ifPresent(k -> sql.append(" AND kind = ?"));
        before.ifPresent(b -> sql.append(" AND (raised_at < ? OR (raised_at = ? AND id < ?))"));
        sql.append(" ORDER BY raised_at DESC, id DESC LIMIT ?");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (character.isPresent()) ps.setString(i++, character.get());
            if (kind.isPresent()) ps.setString(i++, kind.get());
            if (before.isPresent()) {
                ps.setObject(i++, utc(before.get().raisedAt()));
                ps.setObject(i++, utc(before.get().raisedAt()));
                ps.setString(i++, before.get().id());
            }
            ps.setInt(i, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(row(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new DataAccessException("could not read alerts", e);
        }
    }

    public Optional<Row> byId(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not read alert", e);
        }
    }

    /**
     * Acknowledges an alert by {@code user}; the first acknowledgement stands. Empty when there is
     * no such alert.
     */
    public Optional<Row> acknowledge(String id, String user, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ?"
                        + " WHERE id = ? AND acknowledged_at IS NULL")) {
            ps.setString(1, AlertWrites.cut(user, 64));
            ps.setObject(2, utc(at));
            ps.setString(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not acknowledge alert", e);
        }
        return byId(id);
    }

    private static Row row(ResultSet rs) throws SQLException {
        Alert alert = new Alert(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                instant(rs, 4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                Outbox.fields(rs.getString(8)));
        return new Row(alert, rs.getString(9), rs.getString(10), instant(rs, 11), instant(rs, 12));
    }
}
