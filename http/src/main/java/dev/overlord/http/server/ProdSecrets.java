package dev.overlord.http.server;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;

/**
 * What production accepts as {@code SHARED_SECRET} and {@code SECRET_KEY}: not blank, not a value
 * copied from an example or a tutorial, and a signing key of at least {@value #MIN_KEY_BYTES}
 * bytes. Messages name the variable and the rule, never the value.
 *
 * <p>A short shared secret is only warned about: plugins already in the field carry the operator's
 * secret, and refusing it would cut every one of them off at the upgrade. The session key is ours
 * alone (browsers just log in again), so a weak one is refused.
 */
final class ProdSecrets {
    /** HMAC-SHA256 keys shorter than its block of output add no strength beyond their own length. */
    static final int MIN_KEY_BYTES = 32;

    /** Below this a shared secret is warned about (not refused; see the class comment). */
    static final int SHARED_SECRET_WARN_BYTES = 16;

    static final String HOW_TO_MAKE_ONE = "generate one with: openssl rand -base64 48";

    // Compared after lower-casing and dropping everything but letters and digits, so
    // "Change_Me", "change-me!" and "CHANGEME" are all caught.
    private static final Set<String> PLACEHOLDERS = Set.of(
            "changeme",
            "changemetoo",
            "changemeplease",
            "changethis",
            "secret",
            "secretkey",
            "sharedsecret",
            "mysecret",
            "supersecret",
            "password",
            "passw0rd",
            "example",
            "test",
            "testing",
            "default",
            "dev",
            "devsecret",
            "overlord",
            "replaceme",
            "todo",
            "xxx",
            "xxxxxxxx",
            "12345678",
            "123456",
            "none",
            "null");

    private ProdSecrets() {}

    /**
     * Refuses (with {@link IllegalStateException}) what production must not run with, and warns
     * about a short shared secret.
     */
    static void check(String sharedSecret, String secretKey, Logger log) {
        if (sharedSecret.isBlank())
            throw new IllegalStateException("SHARED_SECRET is required in prod mode (OVERLORD_MODE=prod)");
        if (secretKey.isBlank())
            throw new IllegalStateException("SECRET_KEY is required in prod mode (OVERLORD_MODE=prod)");
        if (isPlaceholder(sharedSecret))
            throw new IllegalStateException("SHARED_SECRET is a placeholder value from an example or a tutorial; "
                    + "prod needs a secret of its own: " + HOW_TO_MAKE_ONE);
        if (isPlaceholder(secretKey))
            throw new IllegalStateException("SECRET_KEY is a placeholder value from an example or a tutorial; "
                    + "anyone could sign a session cookie with it: " + HOW_TO_MAKE_ONE);
        int keyBytes = secretKey.getBytes(StandardCharsets.UTF_8).length;
        if (keyBytes < MIN_KEY_BYTES)
            throw new IllegalStateException("SECRET_KEY is too short (" + keyBytes + " bytes); prod needs at least "
                    + MIN_KEY_BYTES + " bytes: " + HOW_TO_MAKE_ONE);
        if (sharedSecret.equals(secretKey))
            throw new IllegalStateException("SHARED_SECRET and SECRET_KEY are the same value: every plugin would "
                    + "hold the key that signs session cookies; " + HOW_TO_MAKE_ONE);
        int sharedBytes = sharedSecret.getBytes(StandardCharsets.UTF_8).length;
        if (sharedBytes < SHARED_SECRET_WARN_BYTES) {
            log.warn(
                    "SHARED_SECRET is short ({} bytes); plugins keep working, but consider a longer one ({}) "
                            + "or per-plugin tokens",
                    sharedBytes,
                    HOW_TO_MAKE_ONE);
        }
    }

    static boolean isPlaceholder(String secret) {
        String folded = secret.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return folded.isEmpty()
                || PLACEHOLDERS.contains(folded)
                || folded.chars().distinct().count() == 1;
    }
}
