package dev.overlord.persistence.users;

import dev.overlord.persistence.Vendor;

class PostgresAdminBootstrapTest extends AdminBootstrapContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
