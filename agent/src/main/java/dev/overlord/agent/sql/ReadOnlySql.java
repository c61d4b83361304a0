package dev.overlord.agent.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.Vendor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code query_telemetry_db} over its own small pool, logged in as the read-only role: the guard
 * ({@link SqlGuard}), then the role's grants, then a read-only transaction with a statement
 * timeout (rolled back afterwards), then the row and size caps. Blocking; thread-safe.
 */
public final class ReadOnlySql implements TelemetrySql, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReadOnlySql.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Bytes of a binary value shown (as hex) before it is cut. */
    static final int MAX_BINARY_BYTES = 64;

    private final SqlSettings settings;
    private final Vendor vendor;
    private final SqlGuard guard;
    private final HikariDataSource pool;

    private ReadOnlySql(SqlSettings settings, Vendor vendor, HikariDataSource pool) {
        this.settings = settings;
        this.vendor = vendor;
        this.guard = new SqlGuard(settings.maxQueryChars());
        this.pool = pool;
    }

    /**
     * Opens the tool's pool. With {@link SqlSettings#managedPassword()} the role's password is first
     * set to a fresh random one through {@code database} (the server's own, privileged pool), kept
     * in memory only; on PostgreSQL only its SCRAM verifier is sent, so no log sees it.
     *
     * @param settings {@code overlord.agent.sql}
     * @param databaseSettings {@code overlord.database}: the URL used when {@code settings.url()} is empty
     * @param database the server's migrated database (migration V16 made the role)
     * @throws IllegalStateException if the role cannot log in or its password cannot be set
     */
    public static ReadOnlySql open(SqlSettings settings, DatabaseSettings databaseSettings, Database database) {
        String url = settings.url().isEmpty() ? databaseSettings.url() : settings.url();
        Vendor vendor = Vendor.fromUrl(url);
        String password = settings.password();
        if (settings.managedPassword()) {
            password = randomPassword();
            setPassword(database, vendor, settings.user(), password);
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("overlord-agent-sql");
        hc.setJdbcUrl(url);
        hc.setUsername(settings.user());
        hc.setPassword(password);
        hc.setMaximumPoolSize(settings.poolSize());
        hc.setMinimumIdle(0);
        hc.setAutoCommit(false);
        hc.setReadOnly(true);
        hc.setInitializationFailTimeout(1);
        hc.setConnectionTimeout(10_000);
        try {
            HikariDataSource pool = new HikariDataSource(hc);
            log.info("query_telemetry_db ready as {} ({})", settings.user(), vendor);
            return new ReadOnlySql(settings, vendor, pool);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "query_telemetry_db cannot log in as " + settings.user() + ": " + e.getMessage(), e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void setPassword(Database database, Vendor vendor, String role, String password) {
        try (Connection c = database.dataSource().getConnection()) {
            switch (vendor) {
                case POSTGRESQL -> c.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), null);
                case H2 -> {
                    try (PreparedStatement ps = c.prepareStatement("ALTER USER " + quoted(role) + " SET PASSWORD ?")) {
                        ps.setString(1, password);
                        ps.execute();
                    }
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not set the password of role " + role + " (" + e.getMessage()
                            + "); set overlord.agent.sql.password (AGENT_DB_PASSWORD) and the role's password yourself",
                    e);
        }
    }

    private static String quoted(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("role name must be a plain identifier: " + name);
        }
        return name.toUpperCase(Locale.ROOT);
    }

    @Override
    public ObjectNode query(String sql) {
        return execute(guard.check(sql));
    }

    /** Walls two to four without the guard: for tests that show the other walls hold alone. */
    ObjectNode execute(String sql) {
        try (Connection c = pool.getConnection()) {
            try {
                return run(c, sql);
            } finally {
                reset(c);
            }
        } catch (SQLException e) {
            throw refusal(e);
        }
    }

    private ObjectNode run(Connection c, String sql) throws SQLException {
        c.setReadOnly(true);
        c.setAutoCommit(false);
        long timeoutMs = settings.statementTimeout().toMillis();
        try (Statement st = c.createStatement()) {
            switch (vendor) {
                case POSTGRESQL -> {
                    st.execute("SET TRANSACTION READ ONLY");
                    st.execute("SET LOCAL statement_timeout = " + timeoutMs);
                    st.execute("SET LOCAL idle_in_transaction_session_timeout = " + (timeoutMs + 5_000));
                    // A first snapshot: from here on the transaction can no longer be made read-write.
                    st.execute("SELECT 1");
                }
                case H2 -> st.execute("SET QUERY_TIMEOUT " + timeoutMs);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            // The driver's own timer too, a little later than the server's, in case the server's is lost.
            ps.setQueryTimeout((int) Math.max(1, (timeoutMs + 1999) / 1000));
            ps.setMaxRows(settings.maxRows() + 1);
            ps.setFetchSize(Math.min(100, settings.maxRows() + 1));
            boolean hasRows = ps.execute();
            if (!hasRows) {
                throw new SqlRefused("the statement returned no rows (only SELECT is allowed)");
            }
            try (ResultSet rs = ps.getResultSet()) {
                return read(rs);
            }
        }
    }

    private ObjectNode read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        ArrayNode columns = NODES.arrayNode();
        long bytes = 2;
        for (int i = 1; i <= n; i++) {
            String label = md.getColumnLabel(i);
            columns.add(label);
            bytes += label.getBytes(StandardCharsets.UTF_8).length + 3;
        }
        ArrayNode rows = NODES.arrayNode();
        String truncated = null;
        while (rs.next()) {
            if (rows.size() >= settings.maxRows()) {
                truncated = "rows";
                break;
            }
            ArrayNode row = NODES.arrayNode();
            for (int i = 1; i <= n; i++) {
                row.add(value(rs, md, i));
            }
            long rowBytes = size(row) + 1;
            if (bytes + rowBytes > settings.maxResultBytes()) {
                truncated = "bytes";
                break;
            }
            bytes += rowBytes;
            rows.add(row);
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("columns", columns);
        answer.set("rows", rows);
        answer.put("row_count", rows.size());
        answer.put("truncated", truncated != null);
        if (truncated == null) {
            answer.putNull("truncated_reason");
        } else {
            answer.put("truncated_reason", truncated);
        }
        return answer;
    }

    private static long size(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node).length;
        } catch (Exception e) {
            return Long.MAX_VALUE / 4;
        }
    }

    /** One value as JSON: numbers as numbers, times as ISO-8601 text, binary as a short hex preview. */
    private static JsonNode value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        int type = md.getColumnType(i);
        JsonNode v = switch (type) {
            case Types.BOOLEAN, Types.BIT -> {
                boolean b = rs.getBoolean(i);
                yield NODES.booleanNode(b);
            }
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> NODES.numberNode(rs.getLong(i));
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                double d = rs.getDouble(i);
                yield Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                BigDecimal d = rs.getBigDecimal(i);
                yield d == null ? NODES.nullNode() : NODES.numberNode(d);
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> text(rs.getObject(i, OffsetDateTime.class));
            case Types.TIMESTAMP -> timestamp(rs, md, i);
            case Types.DATE -> text(rs.getObject(i, LocalDate.class));
            case Types.TIME -> text(rs.getObject(i, LocalTime.class));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> binary(rs.getBytes(i));
            default -> {
                String s = rs.getString(i);
                yield s == null ? NODES.nullNode() : NODES.textNode(s);
            }
        };
        return rs.wasNull() ? NODES.nullNode() : v;
    }

    private static JsonNode timestamp(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        // PostgreSQL reports timestamptz as TIMESTAMP; its type name tells them apart.
        if ("timestamptz".equalsIgnoreCase(md.getColumnTypeName(i))) {
            return text(rs.getObject(i, OffsetDateTime.class));
        }
        return text(rs.getObject(i, LocalDateTime.class));
    }

    private static JsonNode text(Object o) {
        return o == null ? NODES.nullNode() : NODES.textNode(o.toString());
    }

    private static JsonNode binary(byte[] b) {
        if (b == null) {
            return NODES.nullNode();
        }
        int shown = Math.min(b.length, MAX_BINARY_BYTES);
        String hex = "\\x" + HexFormat.of().formatHex(b, 0, shown);
        return NODES.textNode(shown < b.length ? hex + "... (" + b.length + " bytes)" : hex);
    }

    /** Rolls back whatever the query did and drops what outlives a transaction (advisory locks). */
    private void reset(Connection c) throws SQLException {
        c.rollback();
        if (vendor == Vendor.POSTGRESQL) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_unlock_all()");
            }
            c.rollback();
        }
    }

    private static RuntimeException refusal(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = firstLine(e.getMessage());
        if (state.equals("57014")) {
            return new SqlRefused("the query was stopped: it ran past the statement timeout");
        }
        if (state.startsWith("08")) {
            return new IllegalStateException("the telemetry database is unreachable: " + message, e);
        }
        return new SqlRefused("the database refused the query (" + state + "): " + message);
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** The limits in force, for the tool's description. */
    public SqlSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        pool.close();
    }
}
