package dev.overlord.persistence.inventory;

import dev.overlord.persistence.Vendor;

class PostgresInventorySearchTest extends InventorySearchContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
