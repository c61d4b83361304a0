package dev.overlord.http.spawns;

import dev.overlord.http.testing.RunningServer;

/** {@link SpawnsApiContract} on a fresh PostgreSQL database, dropped afterwards. */
class PostgresSpawnsApiTest extends SpawnsApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server.onFreshPostgres();
    }
}
