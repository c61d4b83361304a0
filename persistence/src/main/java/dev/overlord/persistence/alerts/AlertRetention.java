package dev.overlord.persistence.alerts;

import static dev.overlord.persistence.projection.GroupStatements.utc;

import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Keeps the alerts tables bounded: finished deliveries (sent or set aside) older than {@code
 * keepDeliveries} go, and alerts older than {@code keepAlerts} with every delivery of theirs. A
 * pending delivery is never removed while its alert is kept.
 */
public final class AlertRetention {

    /** What one run removed. */
    public record Removed(int deliveries, int alerts) {}

    private final DataSource dataSource;
    private final Duration keepAlerts;
    private final Duration keepDeliveries;
    private final Clock clock;

    public AlertRetention(DataSource dataSource, Duration keepAlerts, Duration keepDeliveries, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.keepAlerts = keepAlerts;
        this.keepDeliveries = keepDeliveries;
        this.clock = clock;
    }

    public Removed run() {
        var now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            return Transactions.commitOrRollback(c, tx -> {
                int deliveries;
                try (PreparedStatement ps = tx.prepareStatement(
                        "DELETE FROM alert_outbox WHERE state <> '" + Outbox.PENDING + "' AND done_at < ?")) {
                    ps.setObject(1, utc(now.minus(keepDeliveries)));
                    deliveries = ps.executeUpdate();
                }
                var cutoff = utc(now.minus(keepAlerts));
                try (PreparedStatement ps = tx.prepareStatement("DELETE FROM alert_outbox WHERE alert_id IN"
                        + " (SELECT id FROM alerts WHERE raised_at < ?)")) {
                    ps.setObject(1, cutoff);
                    deliveries += ps.executeUpdate();
                }
                int alerts;
                try (PreparedStatement ps = tx.prepareStatement("DELETE FROM alerts WHERE raised_at < ?")) {
                    ps.setObject(1, cutoff);
                    alerts = ps.executeUpdate();
                }
                return new Removed(deliveries, alerts);
            });
        } catch (SQLException e) {
            throw new DataAccessException("could not remove old alerts", e);
        }
    }
}
