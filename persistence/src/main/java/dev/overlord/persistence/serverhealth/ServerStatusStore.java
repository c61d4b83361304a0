package dev.overlord.persistence.serverhealth;

import static dev.overlord.persistence.SqlValues.instant;
import static dev.overlord.persistence.SqlValues.nullableLong;
import static dev.overlord.persistence.SqlValues.setInstant;

import dev.overlord.persistence.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The game server's current state, the single row of {@code server_status}: only the latest check
 * is kept. Blocks on JDBC; throws {@link DataAccessException}.
 */
public final class ServerStatusStore {

    /**
     * One check's outcome as kept.
     *
     * @param status {@code up} or {@code down}
     * @param since when the status began (the first check that saw it, or the first failure of a
     *     run that made it down)
     */
    public record Row(
            String server,
            String status,
            Optional<Long> players,
            Optional<Long> uptimeSeconds,
            Optional<Long> latencyMs,
            Instant checkedAt,
            Instant since) {}

    private final DataSource dataSource;

    public ServerStatusStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Replaces the row with {@code row}. */
    public void save(Row row) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("UPDATE server_status SET status = ?, players = ?,"
                    + " latency_ms = ?, checked_at = ?, uptime_seconds = ?, since = ?, server = ? WHERE id = 1")) {
                bind(update, row);
                if (update.executeUpdate() > 0) return;
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO server_status"
                    + " (status, players, latency_ms, checked_at, uptime_seconds, since, server, id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 1)")) {
                bind(insert, row);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not save the server status", e);
        }
    }

    /** The last saved state, if any. */
    public Optional<Row> load() {
        String sql = "SELECT server, status, players, uptime_seconds, latency_ms, checked_at, since"
                + " FROM server_status WHERE id = 1";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            Instant checkedAt = instant(rs, 6);
            Instant since = rs.getObject(7) == null ? checkedAt : instant(rs, 7);
            return Optional.of(new Row(
                    Optional.ofNullable(rs.getString(1)).orElse(""),
                    rs.getString(2),
                    Optional.ofNullable(nullableLong(rs, 3)),
                    Optional.ofNullable(nullableLong(rs, 4)),
                    Optional.ofNullable(nullableLong(rs, 5)),
                    checkedAt,
                    since));
        } catch (SQLException e) {
            throw new DataAccessException("could not read the server status", e);
        }
    }

    private static void bind(PreparedStatement ps, Row row) throws SQLException {
        ps.setString(1, row.status());
        setLong(ps, 2, row.players().map(p -> Math.min(p, Integer.MAX_VALUE)));
        setLong(ps, 3, row.latencyMs().map(l -> Math.min(l, Integer.MAX_VALUE)));
        setInstant(ps, 4, row.checkedAt());
        setLong(ps, 5, row.uptimeSeconds());
        setInstant(ps, 6, row.since());
        ps.setString(7, row.server());
    }

    private static void setLong(PreparedStatement ps, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) ps.setLong(index, value.get());
        else ps.setNull(index, Types.BIGINT);
    }
}
