package dev.overlord.http.server;

import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link JournalRecoveryContract} on a fresh PostgreSQL database, dropped afterwards. */
class PostgresJournalRecoveryTest extends JournalRecoveryContract {
    static TestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabases.freshPostgres();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) db.close();
    }

    @Override
    protected DatabaseSettings database() {
        return db.settings();
    }
}
