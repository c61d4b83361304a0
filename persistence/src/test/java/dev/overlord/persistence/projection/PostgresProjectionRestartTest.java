package dev.overlord.persistence.projection;

import dev.overlord.persistence.Vendor;

class PostgresProjectionRestartTest extends ProjectionRestartContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
