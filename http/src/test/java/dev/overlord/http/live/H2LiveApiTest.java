package dev.overlord.http.live;

import dev.overlord.http.testing.RunningServer;

/** {@link LiveApiContract} on the server's default H2 database. */
class H2LiveApiTest extends LiveApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server;
    }
}
