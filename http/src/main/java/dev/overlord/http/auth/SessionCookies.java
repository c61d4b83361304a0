package dev.overlord.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Browser session tokens: {@code base64url(user).version.expiry.base64url(HMAC-SHA256)} signed with
 * {@code SECRET_KEY}. Any node of a cluster with the same key accepts them; a token is refused once
 * its user's {@link SessionVersions version} has moved past the one it carries (logout, password
 * change), which costs a map lookup, no database round trip.
 */
public final class SessionCookies {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** Longer tokens are not ours; refused before any decoding or signing. */
    static final int MAX_TOKEN_LENGTH = 512;

    private final byte[] key;
    private final Duration ttl;
    private final Clock clock;
    private final SessionVersions versions;

    public SessionCookies(String secretKey, Duration ttl, Clock clock, SessionVersions versions) {
        if (secretKey == null || secretKey.isEmpty()) throw new IllegalArgumentException("empty SECRET_KEY");
        this.key = secretKey.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.clock = clock;
        this.versions = versions;
    }

    /** With a version table of its own, for tests of the token alone. */
    public SessionCookies(String secretKey, Duration ttl, Clock clock) {
        this(secretKey, ttl, clock, new SessionVersions());
    }

    public Duration ttl() {
        return ttl;
    }

    public SessionVersions versions() {
        return versions;
    }

    /** A token for {@code username} at their current version. */
    public String issue(String username) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String payload = B64.encodeToString(username.getBytes(StandardCharsets.UTF_8)) + "."
                + versions.current(username) + "." + expiry;
        return payload + "." + B64.encodeToString(sign(payload));
    }

    /** The user a token names, when its signature holds, it has not expired and it was not revoked. */
    public Optional<String> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) return Optional.empty();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] given;
        try {
            given = B64D.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(sign(payload), given)) return Optional.empty();
        try {
            long version = Long.parseLong(parts[1]);
            long expiry = Long.parseLong(parts[2]);
            if (Instant.ofEpochSecond(expiry).isBefore(clock.instant())) return Optional.empty();
            String user = new String(B64D.decode(parts[0]), StandardCharsets.UTF_8);
            return version == versions.current(user) ? Optional.of(user) : Optional.empty();
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
