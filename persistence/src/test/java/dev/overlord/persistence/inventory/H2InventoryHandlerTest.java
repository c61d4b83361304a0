package dev.overlord.persistence.inventory;

import dev.overlord.persistence.Vendor;

class H2InventoryHandlerTest extends InventoryHandlerContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
