package dev.overlord.http.portals;

import dev.overlord.persistence.Vendor;

/** {@link PortalRoutesContract} on a fresh Postgres database. */
class PostgresPortalRoutesTest extends PortalRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
