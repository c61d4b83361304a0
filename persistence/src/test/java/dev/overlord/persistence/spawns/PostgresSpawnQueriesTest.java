package dev.overlord.persistence.spawns;

import dev.overlord.persistence.Vendor;

class PostgresSpawnQueriesTest extends SpawnQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
