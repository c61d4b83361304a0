package dev.overlord.http.characterstats;

import dev.overlord.persistence.Vendor;

/** {@link CharacterStatsRoutesContract} on a fresh H2 database. */
class H2CharacterStatsRoutesTest extends CharacterStatsRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
