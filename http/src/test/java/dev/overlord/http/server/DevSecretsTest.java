package dev.overlord.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev secrets file is owner-only from its first byte, and is closed to others when found open. */
class DevSecretsTest {
    @TempDir
    Path dataDir;

    private String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aNewFileIsOwnerOnlyAndNoTemporaryFileIsLeft() throws Exception {
        DevSecrets created = DevSecrets.loadOrCreate(dataDir);

        assertEquals("rw-------", permissions(created.file()));
        try (Stream<Path> files = Files.list(dataDir)) {
            assertEquals(1, files.count(), "only the secrets file itself");
        }
        DevSecrets again = DevSecrets.loadOrCreate(dataDir);
        assertEquals(created.sharedSecret(), again.sharedSecret(), "kept across restarts");
        assertEquals(created.secretKey(), again.secretKey());
    }

    @Test
    void anExistingFileReadableByOthersIsMadeOwnerOnlyAndItsSecretsKept() throws Exception {
        Path file = dataDir.resolve(DevSecrets.FILE);
        Files.writeString(file, "shared-secret=kept-shared\nsecret-key=kept-key\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        DevSecrets loaded = DevSecrets.loadOrCreate(dataDir);

        assertEquals("rw-------", permissions(file));
        assertEquals("kept-shared", loaded.sharedSecret());
        assertEquals("kept-key", loaded.secretKey());
    }

    @Test
    void aFileMissingOneSecretIsCompletedInPlaceStillOwnerOnly() throws Exception {
        Path file = dataDir.resolve(DevSecrets.FILE);
        Files.writeString(file, "shared-secret=kept-shared\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        DevSecrets loaded = DevSecrets.loadOrCreate(dataDir);

        assertEquals("kept-shared", loaded.sharedSecret());
        assertFalse(loaded.secretKey().isEmpty());
        assertEquals("rw-------", permissions(file));
        assertTrue(Files.readString(file).contains("secret-key="));
    }
}
