package dev.overlord.http.inventory;

import dev.overlord.http.testing.RunningServer;

class PostgresInventoryApiTest extends InventoryApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server.onFreshPostgres();
    }
}
