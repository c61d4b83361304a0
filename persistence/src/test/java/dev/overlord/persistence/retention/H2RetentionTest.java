package dev.overlord.persistence.retention;

import dev.overlord.persistence.Vendor;

class H2RetentionTest extends RetentionContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
