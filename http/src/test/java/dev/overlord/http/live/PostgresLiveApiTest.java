package dev.overlord.http.live;

import dev.overlord.http.testing.RunningServer;

/** {@link LiveApiContract} on a fresh PostgreSQL database, dropped afterwards. */
class PostgresLiveApiTest extends LiveApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server.onFreshPostgres();
    }
}
