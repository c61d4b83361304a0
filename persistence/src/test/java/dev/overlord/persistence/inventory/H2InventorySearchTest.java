package dev.overlord.persistence.inventory;

import dev.overlord.persistence.Vendor;

class H2InventorySearchTest extends InventorySearchContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
