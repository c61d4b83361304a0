package dev.overlord.http.characterstats;

import dev.overlord.http.testing.RunningServer;

/** {@link CharacterStatsApiContract} on a fresh PostgreSQL database, dropped afterwards. */
class PostgresCharacterStatsApiTest extends CharacterStatsApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server.onFreshPostgres();
    }
}
