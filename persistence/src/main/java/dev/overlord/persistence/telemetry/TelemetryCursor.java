package dev.overlord.persistence.telemetry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of telemetry ended: the {@code (ts, character_name)} of its last row; the next page
 * starts strictly after it.
 *
 * <p>{@link #encode()} gives an opaque URL-safe token so clients do not build cursors themselves.
 */
public record TelemetryCursor(Instant ts, String characterName) {

    public TelemetryCursor {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(characterName, "characterName");
    }

    /** A URL-safe token for this cursor. */
    public String encode() {
        String plain = ts + "\n" + characterName;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token made by {@link #encode()}.
     *
     * @throws IllegalArgumentException if the token was not made by {@link #encode()}
     */
    public static TelemetryCursor decode(String token) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor returned as 'next'");
        }
        int nl = plain.indexOf('\n');
        if (nl < 0) {
            throw new IllegalArgumentException("not a cursor returned as 'next'");
        }
        try {
            return new TelemetryCursor(Instant.parse(plain.substring(0, nl)), plain.substring(nl + 1));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a cursor returned as 'next'");
        }
    }
}
