package dev.overlord.persistence.characterstats;

import dev.overlord.persistence.Vendor;

class H2CharacterStatsQueriesTest extends CharacterStatsQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
