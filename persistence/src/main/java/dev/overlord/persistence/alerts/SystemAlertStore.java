package dev.overlord.persistence.alerts;

import dev.overlord.alerts.Alert;
import dev.overlord.alerts.AlertSettings;
import dev.overlord.alerts.SystemAlerts;
import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.Transactions;
import dev.overlord.persistence.Vendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Raises the alerts no character's entity raises (the game server going down or up, the daily
 * digest): stored and queued for the targets of its kind in one transaction, then published live.
 * Idempotent on the alert's id: raising it again (a job run twice) stores, queues and publishes
 * nothing.
 */
public final class SystemAlertStore implements SystemAlerts {

    private final DataSource dataSource;
    private final AlertWrites writes;
    private final AlertSettings settings;
    private final Consumer<Alert> live;

    /** @param live told of each alert once it is stored (the live hub) */
    public SystemAlertStore(DataSource dataSource, Vendor vendor, AlertSettings settings, Consumer<Alert> live) {
        this.dataSource = dataSource;
        this.writes = new AlertWrites(vendor);
        this.settings = settings;
        this.live = live;
    }

    @Override
    public void raise(Alert alert) {
        boolean raised;
        try (Connection c = dataSource.getConnection()) {
            raised = Transactions.commitOrRollback(
                    c,
                    tx -> writes.raise(
                            (sql, params) -> update(tx, sql, params), alert, null, settings.targets(alert.kind())));
        } catch (SQLException e) {
            throw new DataAccessException("could not raise alert " + alert.id(), e);
        }
        if (raised) live.accept(alert);
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) ps.setNull(i + 1, java.sql.Types.NULL);
                else ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }
}
