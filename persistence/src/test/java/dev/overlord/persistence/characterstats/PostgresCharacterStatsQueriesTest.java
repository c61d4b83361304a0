package dev.overlord.persistence.characterstats;

import dev.overlord.persistence.Vendor;

class PostgresCharacterStatsQueriesTest extends CharacterStatsQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
