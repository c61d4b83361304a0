package dev.overlord.persistence.rares;

import dev.overlord.persistence.Vendor;

class H2RareQueriesTest extends RareQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
