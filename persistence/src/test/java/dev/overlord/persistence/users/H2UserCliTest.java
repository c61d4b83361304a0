package dev.overlord.persistence.users;

import dev.overlord.persistence.Vendor;

class H2UserCliTest extends UserCliContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
