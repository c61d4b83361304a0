package dev.overlord.http.digest;

import dev.overlord.http.testing.RunningServer;

/** {@link DigestContract} on a fresh PostgreSQL database, dropped afterwards. */
class PostgresDigestTest extends DigestContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server.onFreshPostgres();
    }
}
