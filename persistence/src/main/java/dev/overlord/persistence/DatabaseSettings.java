package dev.overlord.persistence;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the database is and how big our connection pool may grow.
 *
 * <p>Read from {@code overlord.database { url, user, password, max-pool-size,
 * leak-detection-threshold }}. When {@code url}
 * is empty (the shipped default) the server uses the development default: an embedded H2 file
 * database {@code jdbc:h2:file:<dataDir>/overlord;DB_CLOSE_ON_EXIT=FALSE}, where {@code dataDir} is
 * {@code overlord.data-dir} if set, else {@code ./data}. Production points {@code url} at PostgreSQL
 * (for example through {@code OVERLORD_DATABASE_URL}).
 *
 * <p>The password never appears in {@link #toString()}.
 */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize, Duration leakDetection) {

    /** User the H2 development database is created with; H2 needs some name. */
    public static final String H2_DEFAULT_USER = "sa";

    static final int DEFAULT_MAX_POOL_SIZE = 10;

    /** The shortest leak-detection threshold the pool accepts. */
    static final Duration MIN_LEAK_DETECTION = Duration.ofSeconds(2);

    // JDBC URLs may carry a password parameter; toString() must not print it either.
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Vendor.fromUrl(url); // fail at startup, not at first connection
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("max-pool-size must be at least 1, got " + maxPoolSize);
        }
        Objects.requireNonNull(leakDetection, "leakDetection");
        if (!leakDetection.isZero() && leakDetection.compareTo(MIN_LEAK_DETECTION) < 0) {
            throw new IllegalArgumentException(
                    "leak-detection-threshold must be 0 (off) or at least 2 s, got " + leakDetection);
        }
    }

    /** Settings without leak detection. */
    public DatabaseSettings(String url, String user, String password, int maxPoolSize) {
        this(url, user, password, maxPoolSize, Duration.ZERO);
    }

    /** Reads {@code overlord.database}; see the class comment for the defaults. */
    public static DatabaseSettings from(Config c) {
        Config db = c.getConfig("overlord.database");
        int maxPoolSize = db.hasPath("max-pool-size") ? db.getInt("max-pool-size") : DEFAULT_MAX_POOL_SIZE;
        String url = db.hasPath("url") ? db.getString("url").trim() : "";
        String user = db.hasPath("user") ? db.getString("user") : "";
        String password = db.hasPath("password") ? db.getString("password") : "";
        Duration leakDetection =
                db.hasPath("leak-detection-threshold") ? db.getDuration("leak-detection-threshold") : Duration.ZERO;
        if (url.isEmpty()) {
            Path dataDir = Path.of(c.hasPath("overlord.data-dir") ? c.getString("overlord.data-dir") : "data");
            DatabaseSettings dev = h2File(dataDir);
            return new DatabaseSettings(
                    dev.url(), user.isEmpty() ? dev.user() : user, password, maxPoolSize, leakDetection);
        }
        return new DatabaseSettings(url, user, password, maxPoolSize, leakDetection);
    }

    /**
     * The development default: an H2 file database {@code <dataDir>/overlord.mv.db}.
     *
     * <p>The path is made absolute because H2 refuses implicitly relative file paths.
     * {@code DB_CLOSE_ON_EXIT=FALSE} leaves closing to our pools rather than H2's own shutdown
     * hook, which would otherwise race the journal's final writes.
     */
    public static DatabaseSettings h2File(Path dataDir) {
        String base = dataDir.toAbsolutePath()
                .normalize()
                .resolve("overlord")
                .toString()
                .replace('\\', '/');
        return new DatabaseSettings(
                "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE", H2_DEFAULT_USER, "", DEFAULT_MAX_POOL_SIZE);
    }

    /** Which database product the URL names. */
    public Vendor vendor() {
        return Vendor.fromUrl(url);
    }

    /** A copy with another pool size. */
    public DatabaseSettings withMaxPoolSize(int size) {
        return new DatabaseSettings(url, user, password, size, leakDetection);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + URL_PASSWORD.matcher(url).replaceAll("$1****")
                + ", user=" + user
                + ", password=" + (password.isEmpty() ? "<empty>" : "****")
                + ", maxPoolSize=" + maxPoolSize
                + (leakDetection.isZero() ? "" : ", leakDetection=" + leakDetection) + "]";
    }
}
