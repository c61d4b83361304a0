package dev.overlord.persistence.timeseries;

import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL goes away by refusing connections to the test database and terminating its backends. */
class PostgresWriterOutageTest extends WriterOutageContract {

    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }

    @Override
    String writerUrl() {
        return settings().url();
    }

    private String databaseName() {
        String url = settings().url();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Override
    void takeDatabaseAway() {
        admin(
                "ALTER DATABASE " + databaseName() + " WITH ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + databaseName() + "'");
    }

    @Override
    void bringDatabaseBack() {
        admin("ALTER DATABASE " + databaseName() + " WITH ALLOW_CONNECTIONS true");
    }

    private static void admin(String... statements) {
        try (Connection c = TestDatabases.connect(TestDatabases.postgresAdminUrl());
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new DataAccessException("admin statement failed", e);
        }
    }
}
