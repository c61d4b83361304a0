package dev.overlord.agent.sql;

import com.typesafe.config.Config;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code query_telemetry_db} reaches the database and how much one query may take.
 *
 * <p>Read from {@code overlord.agent.sql { url, user, password, statement-timeout, max-rows,
 * max-result-bytes, max-query-chars, pool-size }}. An empty {@code url} means the server's own
 * database ({@code overlord.database.url}); a {@code postgresql://user:password@host:port/db} URL
 * (the reference's {@code AGENT_DB_DSN}) is turned into a JDBC URL, its user and password used when
 * {@code user}/{@code password} are not set. An empty password on the server's own database means
 * the server sets a random one on the role at start-up ({@link #managedPassword()}).
 *
 * <p>The password never appears in {@link #toString()}.
 */
public record SqlSettings(
        String url,
        String user,
        String password,
        Duration statementTimeout,
        int maxRows,
        long maxResultBytes,
        int maxQueryChars,
        int poolSize) {

    /** The role migration V16 creates. */
    public static final String DEFAULT_USER = "overlord_agent_ro";

    public SqlSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isBlank()) {
            throw new IllegalArgumentException("overlord.agent.sql.user must not be empty");
        }
        if (statementTimeout.toMillis() < 100 || statementTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(
                    "statement-timeout must be 100 ms .. 10 minutes, got " + statementTimeout);
        }
        if (maxRows < 1 || maxRows > 100_000) {
            throw new IllegalArgumentException("max-rows must be 1..100000, got " + maxRows);
        }
        if (maxResultBytes < 1024 || maxResultBytes > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("max-result-bytes must be 1 KiB .. 64 MiB, got " + maxResultBytes);
        }
        if (maxQueryChars < 100 || maxQueryChars > 1_000_000) {
            throw new IllegalArgumentException("max-query-chars must be 100..1000000, got " + maxQueryChars);
        }
        if (poolSize < 1 || poolSize > 32) {
            throw new IllegalArgumentException("pool-size must be 1..32, got " + poolSize);
        }
    }

    /** Reads {@code overlord.agent.sql}. */
    public static SqlSettings from(Config config) {
        Config c = config.getConfig("overlord.agent.sql");
        String url = c.getString("url").trim();
        String user = c.getString("user").trim();
        String password = c.getString("password");
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            Dsn dsn = Dsn.parse(url);
            url = dsn.jdbcUrl();
            if (!dsn.user().isEmpty() && (user.isEmpty() || user.equals(DEFAULT_USER))) {
                user = dsn.user();
            }
            if (password.isEmpty()) {
                password = dsn.password();
            }
        }
        return new SqlSettings(
                url,
                user.isEmpty() ? DEFAULT_USER : user,
                password,
                c.getDuration("statement-timeout"),
                c.getInt("max-rows"),
                c.getBytes("max-result-bytes"),
                c.getInt("max-query-chars"),
                c.getInt("pool-size"));
    }

    /** Whether the server sets the role's password itself: its own database and no password given. */
    public boolean managedPassword() {
        return url.isEmpty() && password.isEmpty();
    }

    /** A copy with another URL, user and password (tests, or an operator's second database). */
    public SqlSettings withLogin(String url, String user, String password) {
        return new SqlSettings(url, user, password, statementTimeout, maxRows, maxResultBytes, maxQueryChars, poolSize);
    }

    /** A copy with other limits. */
    public SqlSettings withLimits(Duration statementTimeout, int maxRows, long maxResultBytes) {
        return new SqlSettings(url, user, password, statementTimeout, maxRows, maxResultBytes, maxQueryChars, poolSize);
    }

    @Override
    public String toString() {
        return "SqlSettings[url=" + url.replaceAll("(?i)(password=)[^&;]*", "$1****")
                + ", user=" + user
                + ", password=" + (password.isEmpty() ? "<empty>" : "****")
                + ", statementTimeout=" + statementTimeout
                + ", maxRows=" + maxRows
                + ", maxResultBytes=" + maxResultBytes
                + ", maxQueryChars=" + maxQueryChars
                + ", poolSize=" + poolSize + "]";
    }

    /** A {@code postgresql://user:password@host:port/db?params} connection string, as libpq reads it. */
    record Dsn(String jdbcUrl, String user, String password) {
        static Dsn parse(String dsn) {
            URI uri;
            try {
                uri = URI.create(dsn.replaceFirst("^postgres(ql)?://", "postgresql://"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("AGENT_DB_DSN is not a valid postgresql:// URL");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("AGENT_DB_DSN names no host");
            }
            String user = "";
            String password = "";
            String info = uri.getRawUserInfo();
            if (info != null) {
                int colon = info.indexOf(':');
                user = decode(colon < 0 ? info : info.substring(0, colon));
                password = colon < 0 ? "" : decode(info.substring(colon + 1));
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path
                    + query;
            return new Dsn(jdbc, user, password);
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Dsn[" + jdbcUrl + ", user=" + user + "]";
        }
    }
}
