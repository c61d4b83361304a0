package dev.overlord.http.rares;

import dev.overlord.http.testing.RunningServer;

/** {@link RaresApiContract} on a fresh PostgreSQL database, dropped afterwards. */
class PostgresRaresApiTest extends RaresApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server.onFreshPostgres();
    }
}
