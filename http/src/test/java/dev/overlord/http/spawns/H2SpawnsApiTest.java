package dev.overlord.http.spawns;

import dev.overlord.http.testing.RunningServer;

/** {@link SpawnsApiContract} on the server's default H2 database. */
class H2SpawnsApiTest extends SpawnsApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server;
    }
}
