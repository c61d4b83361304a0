package dev.overlord.persistence.users;

import dev.overlord.persistence.Vendor;

class H2AdminBootstrapTest extends AdminBootstrapContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
