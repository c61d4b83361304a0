package dev.overlord.http.spawns;

import dev.overlord.persistence.Vendor;

/** {@link SpawnRoutesContract} on a fresh Postgres database. */
class PostgresSpawnRoutesTest extends SpawnRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
