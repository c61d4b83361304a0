package dev.overlord.persistence.alerts;

import dev.overlord.persistence.Vendor;

class H2OutboxTest extends OutboxContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
