package dev.overlord.persistence.journal;

import dev.overlord.persistence.Vendor;

class H2JacksonEventsTest extends JacksonEventsContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
