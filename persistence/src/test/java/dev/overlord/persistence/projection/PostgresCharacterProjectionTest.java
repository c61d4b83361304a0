package dev.overlord.persistence.projection;

import dev.overlord.persistence.Vendor;

class PostgresCharacterProjectionTest extends CharacterProjectionContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
