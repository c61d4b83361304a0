package dev.overlord.persistence.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.Database;
import dev.overlord.persistence.Vendor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDatabasesTest {

    @TempDir
    Path tempDir;

    @Test
    void replacesPostgresDatabaseName() {
        assertEquals(
                "jdbc:postgresql://h:5432/t", TestDatabases.withDatabaseName("jdbc:postgresql://h:5432/postgres", "t"));
        assertEquals(
                "jdbc:postgresql://h/t?ssl=false",
                TestDatabases.withDatabaseName("jdbc:postgresql://h/x?ssl=false", "t"));
        assertEquals("jdbc:postgresql://h:1/t", TestDatabases.withDatabaseName("jdbc:postgresql://h:1", "t"));
    }

    @Test
    void freshPostgresIsCreatedEmptyAndDroppedOnClose() throws SQLException {
        String name;
        try (TestDatabase db = TestDatabases.freshPostgres()) {
            assertEquals(Vendor.POSTGRESQL, db.vendor());
            name = db.settings().url().substring(db.settings().url().lastIndexOf('/') + 1);
            assertTrue(databaseExists(name));
            try (Database open = db.open()) {
                assertTrue(open.isReachable(Duration.ofSeconds(5)));
            }
        }
        assertFalse(databaseExists(name));
    }

    @Test
    void twoH2DatabasesInOneTempDirAreSeparate() {
        try (TestDatabase a = TestDatabases.h2(tempDir);
                TestDatabase b = TestDatabases.h2(tempDir)) {
            assertEquals(Vendor.H2, a.vendor());
            assertFalse(a.settings().url().equals(b.settings().url()));
        }
    }

    private static boolean databaseExists(String name) throws SQLException {
        try (Connection c = TestDatabases.connect(TestDatabases.postgresAdminUrl());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            return rs.next();
        }
    }
}
