package dev.overlord.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSettingsTest {

    @TempDir
    Path tempDir;

    @Test
    void readsPostgresSection() {
        Config c = ConfigFactory.parseMap(Map.of(
                "overlord.database.url", "jdbc:postgresql://db.internal:5432/overlord",
                "overlord.database.user", "overlord",
                "overlord.database.password", "s3cret-pw",
                "overlord.database.max-pool-size", 7));
        DatabaseSettings s = DatabaseSettings.from(c);
        assertEquals(
                new DatabaseSettings("jdbc:postgresql://db.internal:5432/overlord", "overlord", "s3cret-pw", 7), s);
        assertEquals(Vendor.POSTGRESQL, s.vendor());
    }

    @Test
    void emptyUrlMeansH2FileUnderDataDir() {
        Config c = ConfigFactory.parseMap(Map.of(
                "overlord.data-dir",
                tempDir.toString(),
                "overlord.database.url",
                "",
                "overlord.database.max-pool-size",
                3));
        DatabaseSettings s = DatabaseSettings.from(c);
        assertEquals(Vendor.H2, s.vendor());
        assertEquals(DatabaseSettings.h2File(tempDir).url(), s.url());
        assertEquals(DatabaseSettings.H2_DEFAULT_USER, s.user());
        assertEquals(3, s.maxPoolSize());
    }

    @Test
    void h2FileUrlIsAbsoluteAndKeepsDatabaseOpenUntilPoolsClose() {
        DatabaseSettings s = DatabaseSettings.h2File(Path.of("relative", "dir"));
        String expectedPath = Path.of("relative", "dir")
                .toAbsolutePath()
                .normalize()
                .resolve("overlord")
                .toString()
                .replace('\\', '/');
        assertEquals("jdbc:h2:file:" + expectedPath + ";DB_CLOSE_ON_EXIT=FALSE", s.url());
    }

    @Test
    void vendorComesFromUrl() {
        assertEquals(Vendor.H2, Vendor.fromUrl("jdbc:h2:mem:x"));
        assertEquals(Vendor.POSTGRESQL, Vendor.fromUrl("jdbc:postgresql://127.0.0.1/x"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new DatabaseSettings("jdbc:mysql://host/db?password=leak", "u", "", 1));
        assertTrue(e.getMessage().contains("jdbc:mysql:"), e.getMessage());
        assertFalse(e.getMessage().contains("leak"), e.getMessage());
    }

    @Test
    void toStringMasksPasswords() {
        DatabaseSettings s =
                new DatabaseSettings("jdbc:postgresql://h/db?user=u&password=inurl-pw&ssl=true", "u", "field-pw", 5);
        String text = s.toString();
        assertFalse(text.contains("field-pw"), text);
        assertFalse(text.contains("inurl-pw"), text);
        assertTrue(text.contains("ssl=true"), text);
    }

    @Test
    void leakDetectionIsOffUnlessSetAndThenAtLeastTheTwoSecondsThePoolAccepts() {
        Config base = ConfigFactory.parseMap(Map.of("overlord.database.url", "jdbc:h2:mem:x"));
        assertEquals(Duration.ZERO, DatabaseSettings.from(base).leakDetection());
        Config set = ConfigFactory.parseMap(Map.of("overlord.database.leak-detection-threshold", "30s"))
                .withFallback(base);
        assertEquals(Duration.ofSeconds(30), DatabaseSettings.from(set).leakDetection());
        assertEquals(
                Duration.ofSeconds(30),
                DatabaseSettings.from(set).withMaxPoolSize(3).leakDetection());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new DatabaseSettings("jdbc:h2:mem:x", "sa", "", 1, Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("leak-detection-threshold"), e.getMessage());
    }

    @Test
    void rejectsEmptyPool() {
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings("jdbc:h2:mem:x", "sa", "", 0));
    }
}
