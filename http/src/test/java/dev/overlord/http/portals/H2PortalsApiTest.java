package dev.overlord.http.portals;

import dev.overlord.http.testing.RunningServer;

/** {@link PortalsApiContract} on the server's default H2 database. */
class H2PortalsApiTest extends PortalsApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server;
    }
}
