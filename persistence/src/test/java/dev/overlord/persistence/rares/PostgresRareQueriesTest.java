package dev.overlord.persistence.rares;

import dev.overlord.persistence.Vendor;

class PostgresRareQueriesTest extends RareQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
