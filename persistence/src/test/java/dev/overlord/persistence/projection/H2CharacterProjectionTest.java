package dev.overlord.persistence.projection;

import dev.overlord.persistence.Vendor;

class H2CharacterProjectionTest extends CharacterProjectionContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
