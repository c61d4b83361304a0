package dev.overlord.persistence.testing;

import dev.overlord.persistence.Database;
import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.Vendor;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base for tests that must pass on every vendor: write the tests once in an abstract subclass,
 * then add one tiny concrete class per {@link Vendor} that only overrides {@link #vendor()}.
 *
 * <p>Each concrete class gets its own empty, migrated database for all its test methods, so tests
 * that need a clean table clear it themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTestBase {

    /** A temp dir that lives as long as the test class; H2 keeps its files here. */
    protected Path tempDir;

    private TestDatabase testDatabase;
    private Database database;

    /** The vendor this concrete class runs against. */
    protected abstract Vendor vendor();

    @BeforeAll
    final void openTestDatabase(@TempDir Path classTempDir) {
        // A parameter, not a @TempDir field: with PER_CLASS, fields are not yet injected here.
        tempDir = classTempDir;
        testDatabase = TestDatabases.create(vendor(), tempDir);
        database = testDatabase.open();
    }

    @AfterAll
    final void closeTestDatabase() {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            if (testDatabase != null) {
                testDatabase.close();
            }
        }
    }

    /** Settings of this class's database, e.g. for a second pool or the journal. */
    protected DatabaseSettings settings() {
        return testDatabase.settings();
    }

    /** This class's database, open and migrated. */
    protected Database database() {
        return database;
    }
}
