package dev.overlord.persistence.portals;

import dev.overlord.persistence.Vendor;

class PostgresPortalQueriesTest extends PortalQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
