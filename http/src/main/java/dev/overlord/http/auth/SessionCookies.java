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
 * Browser session tokens: {@code base64url(user).expiry.base64url(HMAC-SHA256)} signed with
 * {@code SECRET_KEY}. Stateless, so any node of a cluster with the same key accepts them.
 */
public final class SessionCookies {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    private final Duration ttl;
    private final Clock clock;

    public SessionCookies(String secretKey, Duration ttl, Clock clock) {
        if (secretKey == null || secretKey.isEmpty()) throw new IllegalArgumentException("empty SECRET_KEY");
        this.key = secretKey.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    public String issue(String username) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String payload = B64.encodeToString(username.getBytes(StandardCharsets.UTF_8)) + "." + expiry;
        return payload + "." + B64.encodeToString(sign(payload));
    }

    /** The user a token names, when its signature holds and it has not expired. */
    public Optional<String> verify(String token) {
        if (token == null) return Optional.empty();
        int last = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first <= 0 || last <= first) return Optional.empty();
        String payload = token.substring(0, last);
        byte[] given;
        try {
            given = B64D.decode(token.substring(last + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(sign(payload), given)) return Optional.empty();
        try {
            long expiry = Long.parseLong(token.substring(first + 1, last));
            if (Instant.ofEpochSecond(expiry).isBefore(clock.instant())) return Optional.empty();
            return Optional.of(new String(B64D.decode(token.substring(0, first)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
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
