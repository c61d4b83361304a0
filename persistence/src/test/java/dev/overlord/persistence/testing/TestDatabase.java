package dev.overlord.persistence.testing;

import dev.overlord.persistence.Database;
import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.Vendor;

/** A throwaway database for one test class: its settings, and cleanup on {@link #close()}. */
public final class TestDatabase implements AutoCloseable {

    private final DatabaseSettings settings;
    private final Runnable cleanup;
    private boolean closed;

    TestDatabase(DatabaseSettings settings, Runnable cleanup) {
        this.settings = settings;
        this.cleanup = cleanup;
    }

    /** Settings pointing at this database; hand them to {@link Database#open} or {@code JournalConfig}. */
    public DatabaseSettings settings() {
        return settings;
    }

    public Vendor vendor() {
        return settings.vendor();
    }

    /** Opens a pool on this database and migrates it; the caller closes it before closing this. */
    public Database open() {
        return Database.open(settings);
    }

    /** Drops the database (PostgreSQL) or leaves its files to the temp dir's owner (H2); idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            cleanup.run();
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + settings + "]";
    }
}
