package dev.overlord.http.inventory;

import dev.overlord.persistence.Vendor;

class PostgresInventoryRoutesTest extends InventoryRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
