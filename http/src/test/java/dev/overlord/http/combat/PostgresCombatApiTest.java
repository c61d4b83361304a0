package dev.overlord.http.combat;

import dev.overlord.http.testing.RunningServer;

/** {@link CombatApiContract} on a fresh PostgreSQL database, dropped afterwards. */
class PostgresCombatApiTest extends CombatApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server.onFreshPostgres();
    }
}
