package dev.overlord.persistence.digest;

import dev.overlord.persistence.Vendor;

class H2DigestQueriesTest extends DigestQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
