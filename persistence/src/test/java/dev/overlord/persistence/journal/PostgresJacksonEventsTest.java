package dev.overlord.persistence.journal;

import dev.overlord.persistence.Vendor;

class PostgresJacksonEventsTest extends JacksonEventsContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
