package dev.overlord.http.telemetry;

import dev.overlord.http.testing.RunningServer;

/** {@link TelemetryApiContract} on the server's default H2 database. */
class H2TelemetryApiTest extends TelemetryApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server;
    }
}
