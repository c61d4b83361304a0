package dev.overlord.persistence.projection;

import dev.overlord.persistence.Vendor;

class PostgresProjectionSetAsideTest extends ProjectionSetAsideContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
