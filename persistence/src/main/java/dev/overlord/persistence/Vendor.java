package dev.overlord.persistence;

import java.util.Locale;

/** The database products Overlord supports, each with its own migration folder. */
public enum Vendor {
    H2("jdbc:h2:", "org.h2.Driver"),
    POSTGRESQL("jdbc:postgresql:", "org.postgresql.Driver");

    private final String urlPrefix;
    private final String driverClassName;

    Vendor(String urlPrefix, String driverClassName) {
        this.urlPrefix = urlPrefix;
        this.driverClassName = driverClassName;
    }

    /** The JDBC driver class, for libraries (Slick) that insist on naming it. */
    public String driverClassName() {
        return driverClassName;
    }

    /** Name of the vendor-specific Flyway folder under {@code db/migration/}. */
    public String migrationFolder() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds the vendor of a JDBC URL.
     *
     * @throws IllegalArgumentException for any other database; the message quotes only the URL
     *     scheme because the rest of a URL may carry credentials
     */
    public static Vendor fromUrl(String jdbcUrl) {
        for (Vendor v : values()) {
            if (jdbcUrl.regionMatches(true, 0, v.urlPrefix, 0, v.urlPrefix.length())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unsupported database URL '" + scheme(jdbcUrl)
                + "...': only jdbc:h2: and jdbc:postgresql: are supported");
    }

    private static String scheme(String url) {
        int first = url.indexOf(':');
        int second = first < 0 ? -1 : url.indexOf(':', first + 1);
        return second < 0 ? "<no scheme>" : url.substring(0, second + 1);
    }
}
