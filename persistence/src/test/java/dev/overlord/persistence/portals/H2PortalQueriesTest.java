package dev.overlord.persistence.portals;

import dev.overlord.persistence.Vendor;

class H2PortalQueriesTest extends PortalQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
