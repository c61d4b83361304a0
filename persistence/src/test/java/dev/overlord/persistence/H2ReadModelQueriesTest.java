package dev.overlord.persistence;


class H2ReadModelQueriesTest extends ReadModelQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
