package dev.overlord.http.inventory;

import dev.overlord.http.testing.RunningServer;

class H2InventoryApiTest extends InventoryApiContract {
    @Override
    protected RunningServer onDatabase(RunningServer server) {
        return server;
    }
}
