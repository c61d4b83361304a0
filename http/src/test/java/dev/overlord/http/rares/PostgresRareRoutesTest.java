package dev.overlord.http.rares;

import dev.overlord.persistence.Vendor;

/** {@link RareRoutesContract} on a fresh Postgres database. */
class PostgresRareRoutesTest extends RareRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
