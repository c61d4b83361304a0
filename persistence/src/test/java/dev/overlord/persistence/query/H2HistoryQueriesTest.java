package dev.overlord.persistence.query;

import dev.overlord.persistence.Vendor;

class H2HistoryQueriesTest extends HistoryQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
