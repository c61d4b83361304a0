package dev.overlord.http.rares;

import dev.overlord.http.testing.RunningServer;

/** {@link RaresApiContract} on the server's default H2 database. */
class H2RaresApiTest extends RaresApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server;
    }
}
