package dev.overlord.persistence.users;

import dev.overlord.persistence.Vendor;

class PostgresUserCliTest extends UserCliContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
