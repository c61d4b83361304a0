package dev.overlord.persistence.users;

import dev.overlord.persistence.Vendor;

class H2UserStoreTest extends UserStoreContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
