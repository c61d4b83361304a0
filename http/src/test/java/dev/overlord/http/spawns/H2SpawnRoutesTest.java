package dev.overlord.http.spawns;

import dev.overlord.persistence.Vendor;

/** {@link SpawnRoutesContract} on a fresh H2 database. */
class H2SpawnRoutesTest extends SpawnRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
