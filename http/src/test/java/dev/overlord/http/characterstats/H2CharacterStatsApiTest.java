package dev.overlord.http.characterstats;

import dev.overlord.http.testing.RunningServer;

/** {@link CharacterStatsApiContract} on the server's default H2 database. */
class H2CharacterStatsApiTest extends CharacterStatsApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server;
    }
}
