package dev.overlord.persistence.alerts;

import static dev.overlord.persistence.projection.GroupStatements.utc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.alerts.Alert;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.projection.Upsert;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The writes that raise an alert: its row, once (its id decides), and one outbox row per target,
 * only when the alert row is new, so an alert written twice is delivered once. Shared by the
 * character projection and the server's own alerts; run inside the caller's transaction.
 */
final class AlertWrites {

    /** Runs one statement; the projection's {@code GroupStatements} or a plain connection. */
    @FunctionalInterface
    interface Updater {
        int update(String sql, Object... params) throws SQLException;
    }

    static final int TITLE_LIMIT = 256;
    static final int MESSAGE_LIMIT = 4096;
    static final int FIELDS_LIMIT = 8192;
    static final int TARGET_LIMIT = 512;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String insertAlert;
    private final String insertOutbox;

    AlertWrites(Vendor vendor) {
        insertAlert = Upsert.into("alerts")
                .key("id", "VARCHAR")
                .value("kind", "VARCHAR")
                .value("rule", "VARCHAR")
                .value("character_name", "VARCHAR")
                .value("raised_at", "TIMESTAMP WITH TIME ZONE")
                .value("severity", "VARCHAR")
                .value("title", "VARCHAR")
                .value("message", "VARCHAR")
                .value("fields", "VARCHAR")
                .sql(vendor);
        insertOutbox = Upsert.into("alert_outbox")
                .key("alert_id", "VARCHAR")
                .key("target", "VARCHAR")
                .value("lane", "VARCHAR")
                .value("created_at", "TIMESTAMP WITH TIME ZONE")
                .value("state", "VARCHAR")
                .value("attempts", "INTEGER")
                .value("next_attempt_at", "TIMESTAMP WITH TIME ZONE")
                .sql(vendor);
    }

    /** Writes {@code alert} and its deliveries; false when it was already there (nothing written). */
    boolean raise(Updater u, Alert alert, String rule, List<String> targets) throws SQLException {
        int inserted = u.update(
                insertAlert,
                alert.id(),
                alert.kind(),
                rule,
                alert.characterName(),
                utc(alert.at()),
                alert.severity(),
                cut(alert.title(), TITLE_LIMIT),
                cut(alert.message(), MESSAGE_LIMIT),
                fieldsJson(alert.fields()));
        if (inserted == 0) return false;
        String lane = alert.characterName() == null ? "" : alert.characterName();
        for (String target : targets) {
            if (target.length() > TARGET_LIMIT) continue;
            u.update(insertOutbox, alert.id(), target, lane, utc(alert.at()), Outbox.PENDING, 0, utc(alert.at()));
        }
        return true;
    }

    /** Marks the open alerts of {@code kind} for {@code character} cleared at {@code at}. */
    static int clear(Updater u, String character, String kind, Instant at) throws SQLException {
        return u.update(
                "UPDATE alerts SET cleared_at = ? WHERE character_name = ? AND kind = ? AND cleared_at IS NULL",
                utc(at),
                character,
                kind);
    }

    /** The fields as a JSON object, the largest values dropped first if it would not fit its column. */
    static String fieldsJson(Map<String, String> fields) {
        ObjectNode node = JSON.createObjectNode();
        fields.forEach(node::put);
        String json = node.toString();
        while (json.length() > FIELDS_LIMIT && !node.isEmpty()) {
            String largest = null;
            for (var e : node.properties()) {
                if (largest == null
                        || e.getValue().asText().length()
                                > node.get(largest).asText().length()) largest = e.getKey();
            }
            node.remove(largest);
            json = node.toString();
        }
        return json;
    }

    static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
