package dev.overlord.http.combat;

import dev.overlord.persistence.Vendor;

/** {@link CombatRoutesContract} on a fresh Postgres database. */
class PostgresCombatRoutesTest extends CombatRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
