package dev.overlord.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Production refuses the secrets of the example file and other placeholders, and a session key too
 * short to sign with; it says which variable and why, and never prints the value.
 */
class ProdSecretsTest {
    static final String GOOD_SHARED = "plugin-secret-9f3c1e0a7b2d4c6e8f";
    static final String GOOD_KEY = "k3Yf0r-Sess10ns-0123456789abcdefghijklmnopqrstuv";

    @TempDir
    Path dataDir;

    private Config prod(String sharedSecret, String secretKey) {
        Map<String, Object> m = new HashMap<>();
        m.put("overlord.mode", "prod");
        m.put("overlord.http.host", "127.0.0.1");
        m.put("overlord.http.port", 0);
        m.put("overlord.data-dir", dataDir.toString());
        m.put("overlord.shared-secret", sharedSecret);
        m.put("overlord.secret-key", secretKey);
        m.put("overlord.admin-password", "an-admin-password-for-tests");
        m.put("overlord.users.bcrypt-cost", 4);
        m.put("overlord.database.url", "");
        m.put("pekko.coordinated-shutdown.exit-jvm", "off");
        m.put("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        return Server.config(ConfigFactory.parseMap(m));
    }

    private static IllegalStateException refused(Config config) {
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return assertThrows(
                IllegalStateException.class, () -> Server.start(config, console).close());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"change-me", "CHANGE_ME", "changeme", "secret", "password", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void aPlaceholderSharedSecretIsRefused(String placeholder) {
        IllegalStateException e = refused(prod(placeholder, GOOD_KEY));
        assertTrue(e.getMessage().startsWith("SHARED_SECRET is a placeholder"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl rand"), e.getMessage());
        assertFalse(Files.exists(dataDir.resolve("dev-secrets.properties")), "nothing was generated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"change-me-too", "Change-Me-Too!", "secret-key", "00000000000000000000000000000000000"})
    void aPlaceholderSecretKeyIsRefused(String placeholder) {
        IllegalStateException e = refused(prod(GOOD_SHARED, placeholder));
        assertTrue(e.getMessage().startsWith("SECRET_KEY is a placeholder"), e.getMessage());
        assertFalse(e.getMessage().contains(placeholder), "the value is never printed");
    }

    @Test
    void theExampleFilesPairIsRefused() {
        IllegalStateException e = refused(prod("change-me", "change-me-too"));
        assertTrue(e.getMessage().startsWith("SHARED_SECRET is a placeholder"), e.getMessage());
    }

    @Test
    void aSecretKeyShorterThan32BytesIsRefusedWithoutPrintingIt() {
        String shortKey = "Zq8v-31-bytes-long-key-abcdefgh";
        assertEquals(31, shortKey.length());
        IllegalStateException e = refused(prod(GOOD_SHARED, shortKey));
        assertEquals(
                "SECRET_KEY is too short (31 bytes); prod needs at least 32 bytes: generate one with: "
                        + "openssl rand -base64 48",
                e.getMessage());
    }

    @Test
    void theSameValueForBothIsRefused() {
        IllegalStateException e = refused(prod(GOOD_KEY, GOOD_KEY));
        assertTrue(e.getMessage().startsWith("SHARED_SECRET and SECRET_KEY are the same value"), e.getMessage());
    }

    @Test
    void aShortButRealSharedSecretOnlyWarnsAndAStrongPairStarts() {
        // Plugins in the field already carry the operator's secret: a short one is warned about, not refused.
        ProdSecrets.check("f7Kq2p", GOOD_KEY, org.slf4j.LoggerFactory.getLogger(ProdSecretsTest.class));
        try (Server server = startOrFail(prod(GOOD_SHARED, GOOD_KEY))) {
            assertTrue(server.port() > 0);
        }
    }

    private static Server startOrFail(Config config) {
        try {
            return Server.start(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("a strong pair of secrets must start: " + e.getMessage(), e);
        }
    }
}
