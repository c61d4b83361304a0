package dev.overlord.http.inventory;

import dev.overlord.persistence.Vendor;

class H2InventoryRoutesTest extends InventoryRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
