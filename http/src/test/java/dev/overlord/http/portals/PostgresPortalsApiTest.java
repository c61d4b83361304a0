package dev.overlord.http.portals;

import dev.overlord.http.testing.RunningServer;

/** {@link PortalsApiContract} on a fresh PostgreSQL database, dropped afterwards. */
class PostgresPortalsApiTest extends PortalsApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server.onFreshPostgres();
    }
}
