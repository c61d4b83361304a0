package dev.overlord.http.alerts;

import dev.overlord.http.testing.RunningServer;

/** {@link AlertsApiContract} on the server's default H2 database. */
class H2AlertsApiTest extends AlertsApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server;
    }
}
