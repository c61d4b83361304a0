package dev.overlord.persistence.characterstats;

import dev.overlord.persistence.Vendor;

class H2CharacterDocumentsRepairTest extends CharacterDocumentsRepairContract {
    @Override
    Vendor vendor() {
        return Vendor.H2;
    }
}
