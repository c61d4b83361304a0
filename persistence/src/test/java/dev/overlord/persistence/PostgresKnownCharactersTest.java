package dev.overlord.persistence;

class PostgresKnownCharactersTest extends KnownCharactersContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
