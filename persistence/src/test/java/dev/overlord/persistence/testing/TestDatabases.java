package dev.overlord.persistence.testing;

import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.Vendor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates empty databases for tests: an H2 file database in a temp dir, or a fresh PostgreSQL
 * database that is dropped again on close.
 *
 * <p>PostgreSQL is found at {@value #DEFAULT_POSTGRES_URL} unless {@value #POSTGRES_URL_ENV} says
 * otherwise (any database on the server will do; it is only used to create and drop others), as
 * user {@value #POSTGRES_USER_ENV} (default {@code postgres}) with password
 * {@value #POSTGRES_PASSWORD_ENV} (default empty). If the server cannot be reached the tests fail:
 * they never skip, so a green build always means both databases were exercised.
 */
public final class TestDatabases {

    public static final String POSTGRES_URL_ENV = "OVERLORD_TEST_PG_URL";
    public static final String POSTGRES_USER_ENV = "OVERLORD_TEST_PG_USER";
    public static final String POSTGRES_PASSWORD_ENV = "OVERLORD_TEST_PG_PASSWORD";
    public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    /** Tests do not need the production pool size; a small one keeps PostgreSQL's connection count low. */
    private static final int TEST_POOL_SIZE = 4;

    private TestDatabases() {}

    /** An empty database of the given vendor; {@code tempDir} is used only for H2. */
    public static TestDatabase create(Vendor vendor, Path tempDir) {
        return switch (vendor) {
            case H2 -> h2(tempDir);
            case POSTGRESQL -> freshPostgres();
        };
    }

    /**
     * A new H2 file database in its own subdirectory of {@code tempDir}, so several may share one
     * temp dir. The files stay until the temp dir is deleted.
     */
    public static TestDatabase h2(Path tempDir) {
        Path dir = tempDir.resolve("h2-" + randomSuffix());
        DatabaseSettings settings = DatabaseSettings.h2File(dir).withMaxPoolSize(TEST_POOL_SIZE);
        return new TestDatabase(settings, () -> {});
    }

    /**
     * A new, empty PostgreSQL database {@code overlord_test_<random>}, dropped on close (forcibly,
     * so pools a failed test left open do not block the drop).
     *
     * @throws IllegalStateException if the PostgreSQL server cannot be reached
     */
    public static TestDatabase freshPostgres() {
        String adminUrl = postgresAdminUrl();
        String name = "overlord_test_" + randomSuffix();
        execute(adminUrl, "CREATE DATABASE " + name);
        DatabaseSettings settings = new DatabaseSettings(
                withDatabaseName(adminUrl, name), postgresUser(), postgresPassword(), TEST_POOL_SIZE);
        return new TestDatabase(settings, () -> execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    /** The PostgreSQL URL used to create and drop test databases. */
    public static String postgresAdminUrl() {
        String fromEnv = System.getenv(POSTGRES_URL_ENV);
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_POSTGRES_URL : fromEnv.trim();
    }

    private static String postgresUser() {
        String fromEnv = System.getenv(POSTGRES_USER_ENV);
        return fromEnv == null || fromEnv.isBlank() ? "postgres" : fromEnv;
    }

    private static String postgresPassword() {
        String fromEnv = System.getenv(POSTGRES_PASSWORD_ENV);
        return fromEnv == null ? "" : fromEnv;
    }

    /** Replaces the database name in {@code jdbc:postgresql://host[:port][/db][?params]}. */
    static String withDatabaseName(String url, String database) {
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException(POSTGRES_URL_ENV + " must start with " + prefix);
        }
        int query = url.indexOf('?');
        String params = query < 0 ? "" : url.substring(query);
        String beforeParams = query < 0 ? url : url.substring(0, query);
        int slash = beforeParams.indexOf('/', prefix.length());
        String hostPart = slash < 0 ? beforeParams : beforeParams.substring(0, slash);
        return hostPart + "/" + database + params;
    }

    private static void execute(String url, String sql) {
        try (Connection c = connect(url);
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL tests could not run '" + sql + "' on " + url + " as "
                            + postgresUser() + " (" + e.getMessage() + "). Start PostgreSQL there or point "
                            + POSTGRES_URL_ENV + " (and " + POSTGRES_USER_ENV + "/" + POSTGRES_PASSWORD_ENV
                            + ") at a server where this user may create databases.",
                    e);
        }
    }

    /** A plain connection to {@code url} with the test PostgreSQL credentials. */
    public static Connection connect(String url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", postgresUser());
        props.setProperty("password", postgresPassword());
        // Fail within seconds, not the driver's default minutes, when nothing listens.
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "10");
        return DriverManager.getConnection(url, props);
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
