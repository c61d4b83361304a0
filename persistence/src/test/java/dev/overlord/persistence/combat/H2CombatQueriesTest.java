package dev.overlord.persistence.combat;

import dev.overlord.persistence.Vendor;

class H2CombatQueriesTest extends CombatQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
