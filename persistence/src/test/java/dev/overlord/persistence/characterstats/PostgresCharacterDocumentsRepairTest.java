package dev.overlord.persistence.characterstats;

import dev.overlord.persistence.Vendor;

class PostgresCharacterDocumentsRepairTest extends CharacterDocumentsRepairContract {
    @Override
    Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
