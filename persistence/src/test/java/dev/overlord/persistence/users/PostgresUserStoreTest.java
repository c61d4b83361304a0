package dev.overlord.persistence.users;

import dev.overlord.persistence.Vendor;

class PostgresUserStoreTest extends UserStoreContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
