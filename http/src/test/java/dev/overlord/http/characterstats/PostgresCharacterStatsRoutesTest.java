package dev.overlord.http.characterstats;

import dev.overlord.persistence.Vendor;

/** {@link CharacterStatsRoutesContract} on a fresh Postgres database. */
class PostgresCharacterStatsRoutesTest extends CharacterStatsRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
