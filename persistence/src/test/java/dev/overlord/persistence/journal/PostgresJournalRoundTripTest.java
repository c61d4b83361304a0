package dev.overlord.persistence.journal;

import dev.overlord.persistence.Vendor;

class PostgresJournalRoundTripTest extends JournalRoundTripContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
