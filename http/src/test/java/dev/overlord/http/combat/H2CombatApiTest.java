package dev.overlord.http.combat;

import dev.overlord.http.testing.RunningServer;

/** {@link CombatApiContract} on the server's default H2 database. */
class H2CombatApiTest extends CombatApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server;
    }
}
