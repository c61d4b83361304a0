package dev.overlord.persistence.journal;

import dev.overlord.persistence.Vendor;

class H2JournalRoundTripTest extends JournalRoundTripContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
