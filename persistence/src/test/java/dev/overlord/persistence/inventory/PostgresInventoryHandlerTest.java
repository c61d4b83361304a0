package dev.overlord.persistence.inventory;

import dev.overlord.persistence.Vendor;

class PostgresInventoryHandlerTest extends InventoryHandlerContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
