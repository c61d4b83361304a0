package dev.overlord.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may open {@code /ws/live}: a browser with a valid session cookie from the server's own
 * origin or an allowed one, or a client on a trusted network; everyone else is refused before the
 * upgrade.
 */
class BrowserAuthTest {
    static final String ALLOWED_ORIGIN = "https://overlord.example";

    @RegisterExtension
    static final RunningServer overlord = RunningServer.create()
            .with("overlord.auth.allowed-origins = [\"" + ALLOWED_ORIGIN + "\"]")
            // A trusted network that is not loopback: the tests' own clients are not in it.
            .with("overlord.auth.trusted-networks = [\"203.0.113.0/24\"]");

    private static int status(Map<String, String> headers) {
        return SocketClient.handshakeStatus(overlord.ws("/ws/live"), headers);
    }

    private static Map<String, String> withCookie(String token) {
        return Map.of("Cookie", overlord.cookieHeader(token));
    }

    @Test
    void aLoggedInBrowserIsAdmitted() {
        assertEquals(101, status(withCookie(overlord.sessionCookie())));
    }

    @Test
    void withoutACookieTheAnswerIs401() {
        assertEquals(401, status(Map.of()));
        var refused = overlord.get("/ws/live");
        assertEquals(401, refused.statusCode());
        assertEquals("not logged in", refused.body());
    }

    @Test
    void aTamperedCookieIs401() {
        String token = overlord.sessionCookie();
        // Claim to be someone else under admin's signature.
        String otherUser =
                Base64.getUrlEncoder().withoutPadding().encodeToString("root".getBytes(StandardCharsets.UTF_8));
        String forged = otherUser + token.substring(token.indexOf('.'));
        assertEquals(401, status(withCookie(forged)));
        // Or push the expiry out.
        String[] parts = token.split("\\.");
        String later = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
        assertEquals(401, status(withCookie(later)));
        assertEquals(401, status(withCookie("garbage")));
    }

    @Test
    void anExpiredCookieIs401() {
        Clock nineDaysAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(9)), ZoneOffset.UTC);
        String expired =
                new SessionCookies(overlord.secretKey(), Duration.ofDays(7), nineDaysAgo).issue(RunningServer.ADMIN);
        assertEquals(401, status(withCookie(expired)));

        var refused = overlord.get("/ws/live", "Cookie", overlord.cookieHeader(expired));
        assertEquals("session expired or invalid: log in again", refused.body());
    }

    @Test
    void aCookieSignedWithAnotherKeyIs401() {
        String foreign =
                new SessionCookies("another-key", Duration.ofDays(7), Clock.systemUTC()).issue(RunningServer.ADMIN);
        assertEquals(401, status(withCookie(foreign)));
    }

    @Test
    void aForeignOriginIs403EvenWithAValidCookie() {
        assertEquals(
                403,
                status(Map.of(
                        "Cookie", overlord.cookieHeader(overlord.sessionCookie()), "Origin", "https://evil.example")));
        assertEquals(
                403,
                status(Map.of(
                        "Cookie",
                        overlord.cookieHeader(overlord.sessionCookie()),
                        "Origin",
                        "http://127.0.0.1:" + (overlord.port() + 1))));
    }

    @Test
    void theServersOwnOriginIsAdmitted() {
        assertEquals(
                101,
                status(Map.of("Cookie", overlord.cookieHeader(overlord.sessionCookie()), "Origin", overlord.origin())));
    }

    @Test
    void anAllowedOriginIsAdmitted() {
        assertEquals(
                101,
                status(Map.of("Cookie", overlord.cookieHeader(overlord.sessionCookie()), "Origin", ALLOWED_ORIGIN)));
    }

    @Test
    void aForwardedForHeaderDoesNotMakeAClientTrusted() {
        // The address that counts is the connection's: anyone can write X-Forwarded-For.
        assertEquals(401, status(Map.of("X-Real-IP", "203.0.113.7")));
        assertEquals(401, status(Map.of("X-Forwarded-For", "203.0.113.7")));
    }

    @Test
    void aClientOnATrustedNetworkNeedsNoCookie() {
        try (RunningServer trusting = RunningServer.create()
                .with("overlord.auth.trusted-networks = [\"127.0.0.0/8\"]")
                .start()) {
            assertEquals(101, SocketClient.handshakeStatus(trusting.ws("/ws/live"), Map.of()));
            // The origin check still applies.
            assertEquals(
                    403,
                    SocketClient.handshakeStatus(trusting.ws("/ws/live"), Map.of("Origin", "https://evil.example")));
        }
    }
}
