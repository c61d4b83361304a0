package dev.overlord.persistence.alerts;

import static dev.overlord.persistence.SqlValues.instant;
import static dev.overlord.persistence.projection.GroupStatements.utc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.alerts.Alert;
import dev.overlord.persistence.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/** The outbox of alert deliveries: what is due, and each attempt's outcome. Blocks on JDBC. */
public final class Outbox {

    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String REJECTED = "rejected";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One delivery waiting: the alert, where it goes and how often it was tried.
     *
     * @param lane the character, or empty for a fleet-wide alert: deliveries of a lane and target
     *     go in order
     */
    public record Delivery(long id, String target, String lane, int attempts, Instant nextAttemptAt, Alert alert) {}

    private final DataSource dataSource;

    public Outbox(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The oldest {@code limit} pending deliveries, due or not, in id order (lanes keep their order). */
    public List<Delivery> pending(int limit) {
        String sql = "SELECT o.id, o.target, o.lane, o.attempts, o.next_attempt_at,"
                + " a.id, a.kind, a.character_name, a.raised_at, a.severity, a.title, a.message, a.fields"
                + " FROM alert_outbox o JOIN alerts a ON a.id = o.alert_id"
                + " WHERE o.state = '" + PENDING + "' ORDER BY o.id LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            List<Delivery> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Alert alert = new Alert(
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            instant(rs, 9),
                            rs.getString(10),
                            rs.getString(11),
                            rs.getString(12),
                            fields(rs.getString(13)));
                    out.add(new Delivery(
                            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), instant(rs, 5), alert));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("could not read the alert outbox", e);
        }
    }

    public void sent(long id, Instant at) {
        update(
                "UPDATE alert_outbox SET state = ?, attempts = attempts + 1, done_at = ?, last_error = NULL WHERE id = ?",
                SENT,
                utc(at),
                id);
    }

    public void retry(long id, Instant next, String error) {
        update(
                "UPDATE alert_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
                utc(next),
                AlertWrites.cut(error, 512),
                id);
    }

    /** Refused for good: set aside, never tried again, kept for an operator. */
    public void rejected(long id, Instant at, String error) {
        update(
                "UPDATE alert_outbox SET state = ?, attempts = attempts + 1, done_at = ?, last_error = ? WHERE id = ?",
                REJECTED,
                utc(at),
                AlertWrites.cut(error, 512),
                id);
    }

    /** Deliveries by state (pending, sent, rejected). */
    public Map<String, Long> counts() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT state, COUNT(*) FROM alert_outbox GROUP BY state ORDER BY state");
                ResultSet rs = ps.executeQuery()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            while (rs.next()) counts.put(rs.getString(1), rs.getLong(2));
            return counts;
        } catch (SQLException e) {
            throw new DataAccessException("could not count the alert outbox", e);
        }
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not update the alert outbox", e);
        }
    }

    static Map<String, String> fields(String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (json == null || json.isEmpty()) return fields;
        try {
            JsonNode node = JSON.readTree(json);
            node.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        } catch (java.io.IOException e) {
            // Written by us as JSON; an unreadable one shows no fields rather than failing delivery.
        }
        return fields;
    }
}
