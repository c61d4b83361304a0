package dev.overlord.persistence;

class PostgresDatabaseTest extends DatabaseContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
