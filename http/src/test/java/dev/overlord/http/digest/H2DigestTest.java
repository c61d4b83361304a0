package dev.overlord.http.digest;

import dev.overlord.http.testing.RunningServer;

/** {@link DigestContract} on the server's default H2 database. */
class H2DigestTest extends DigestContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server;
    }
}
