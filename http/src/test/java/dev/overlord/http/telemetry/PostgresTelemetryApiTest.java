package dev.overlord.http.telemetry;

import dev.overlord.http.testing.RunningServer;

/** {@link TelemetryApiContract} on a fresh PostgreSQL database, dropped afterwards. */
class PostgresTelemetryApiTest extends TelemetryApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server.onFreshPostgres();
    }
}
