package dev.overlord.persistence;


class PostgresReadModelQueriesTest extends ReadModelQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
