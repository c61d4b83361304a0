package dev.overlord.persistence;

class H2KnownCharactersTest extends KnownCharactersContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
