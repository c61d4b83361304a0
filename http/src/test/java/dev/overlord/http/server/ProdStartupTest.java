package dev.overlord.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Production mode never makes up secrets: without them the server refuses to start, and says why. */
class ProdStartupTest {
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
        m.put("overlord.database.url", "");
        m.put("pekko.coordinated-shutdown.exit-jvm", "off");
        return Server.config(ConfigFactory.parseMap(m));
    }

    private static IllegalStateException refused(Config config) {
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return assertThrows(
                IllegalStateException.class, () -> Server.start(config, console).close());
    }

    @Test
    void withoutASharedSecretItDoesNotStart() throws Exception {
        IllegalStateException e = refused(prod("", "a-real-key"));
        assertEquals("SHARED_SECRET is required in prod mode (OVERLORD_MODE=prod)", e.getMessage());
        assertTrue(Files.notExists(dataDir.resolve("dev-secrets.properties")), "no secret was generated");
    }

    @Test
    void withoutASecretKeyItDoesNotStart() {
        IllegalStateException e = refused(prod("a-real-secret", ""));
        assertEquals("SECRET_KEY is required in prod mode (OVERLORD_MODE=prod)", e.getMessage());
    }
}
