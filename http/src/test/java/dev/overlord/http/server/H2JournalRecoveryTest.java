package dev.overlord.http.server;

import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link JournalRecoveryContract} on an H2 file database in a temp dir. */
class H2JournalRecoveryTest extends JournalRecoveryContract {
    @TempDir
    Path tempDir;

    TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabases.h2(tempDir);
    }

    @Override
    protected DatabaseSettings database() {
        return db.settings();
    }
}
