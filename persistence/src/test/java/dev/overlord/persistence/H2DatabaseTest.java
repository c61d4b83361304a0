package dev.overlord.persistence;

class H2DatabaseTest extends DatabaseContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
