package dev.overlord.http.alerts;

import dev.overlord.http.testing.RunningServer;

/** {@link AlertsApiContract} on PostgreSQL. */
class PostgresAlertsApiTest extends AlertsApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server.onFreshPostgres();
    }
}
