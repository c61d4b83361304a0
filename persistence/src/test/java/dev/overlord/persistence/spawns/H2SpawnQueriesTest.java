package dev.overlord.persistence.spawns;

import dev.overlord.persistence.Vendor;

class H2SpawnQueriesTest extends SpawnQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
