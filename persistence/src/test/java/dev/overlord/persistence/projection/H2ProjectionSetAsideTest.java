package dev.overlord.persistence.projection;

import dev.overlord.persistence.Vendor;

class H2ProjectionSetAsideTest extends ProjectionSetAsideContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
