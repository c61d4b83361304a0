package dev.overlord.http.rares;

import dev.overlord.persistence.Vendor;

/** {@link RareRoutesContract} on a fresh H2 database. */
class H2RareRoutesTest extends RareRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
