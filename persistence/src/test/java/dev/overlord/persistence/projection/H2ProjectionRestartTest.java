package dev.overlord.persistence.projection;

import dev.overlord.persistence.Vendor;

class H2ProjectionRestartTest extends ProjectionRestartContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
