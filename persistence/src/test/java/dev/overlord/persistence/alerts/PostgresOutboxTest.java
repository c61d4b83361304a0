package dev.overlord.persistence.alerts;

import dev.overlord.persistence.Vendor;

class PostgresOutboxTest extends OutboxContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
