package dev.overlord.persistence.combat;

import dev.overlord.persistence.Vendor;

class PostgresCombatQueriesTest extends CombatQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
