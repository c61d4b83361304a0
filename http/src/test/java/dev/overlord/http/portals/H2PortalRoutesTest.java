package dev.overlord.http.portals;

import dev.overlord.persistence.Vendor;

/** {@link PortalRoutesContract} on a fresh H2 database. */
class H2PortalRoutesTest extends PortalRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
