package dev.overlord.persistence.query;

import dev.overlord.persistence.Vendor;

class PostgresHistoryQueriesTest extends HistoryQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
