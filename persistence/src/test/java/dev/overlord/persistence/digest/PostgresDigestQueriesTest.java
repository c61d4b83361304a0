package dev.overlord.persistence.digest;

import dev.overlord.persistence.Vendor;

class PostgresDigestQueriesTest extends DigestQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
