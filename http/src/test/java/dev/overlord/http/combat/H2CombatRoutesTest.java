package dev.overlord.http.combat;

import dev.overlord.persistence.Vendor;

/** {@link CombatRoutesContract} on a fresh H2 database. */
class H2CombatRoutesTest extends CombatRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
