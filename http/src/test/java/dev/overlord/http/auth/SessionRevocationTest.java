package dev.overlord.http.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.overlord.http.testing.RunningServer;
import dev.overlord.persistence.users.UserCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions end when they should: logout revokes the cookie it was called with (and the user's other
 * sessions), and {@code set-password} from the command line revokes every older cookie within the
 * session refresh. On PostgreSQL, which the command line and the server share.
 */
class SessionRevocationTest {
    static final String USER = "revoker";
    static final String PASSWORD = "first-password-123";

    @RegisterExtension
    static final RunningServer overlord =
            RunningServer.create().onFreshPostgres().with("overlord.auth.session-refresh = 200 ms");

    private static String login(String user, String password) {
        HttpResponse<String> r =
                overlord.postJson("/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return RunningServer.cookieValue(r, overlord.cookieName()).orElseThrow();
    }

    private static int me(String token) {
        return overlord.get("/me", "Cookie", overlord.cookieHeader(token)).statusCode();
    }

    private static int cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = UserCli.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                overlord.config(),
                Map.of(UserCli.PASSWORD_ENV, args[0].equals("add-user") ? PASSWORD : "second-password-456"));
        assertEquals(UserCli.OK, code, out.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    void logoutRevokesTheCookieItWasCalledWithAndTheUsersOtherSessions() {
        String first = login(RunningServer.ADMIN, overlord.adminPassword());
        String second = login(RunningServer.ADMIN, overlord.adminPassword());
        assertEquals(200, me(first));

        HttpResponse<String> out = overlord.postJson("/logout", "", "Cookie", overlord.cookieHeader(first));
        assertEquals(200, out.statusCode());

        assertEquals(401, me(first), "replaying the cookie after logout");
        assertEquals(401, me(second), "logout ends every session of the user");
        String again = login(RunningServer.ADMIN, overlord.adminPassword());
        assertNotEquals(first, again);
        assertEquals(200, me(again));
    }

    @Test
    void setPasswordOnTheCommandLineRevokesOlderCookies() {
        cli("add-user", USER);
        String before = login(USER, PASSWORD);
        assertEquals(200, me(before));

        cli("set-password", USER);

        // Another process changed the table: this node learns it at its next refresh (200 ms here).
        await().atMost(Duration.ofSeconds(10)).until(() -> me(before) == 401);
        assertEquals(
                401,
                overlord.postJson("/login", "{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}")
                        .statusCode());
        assertEquals(200, me(login(USER, "second-password-456")));
    }

    @Test
    void aTokenOfTheOldFormatOrWithAnotherVersionIsRefused() {
        SessionCookies other =
                new SessionCookies(overlord.secretKey(), Duration.ofHours(1), java.time.Clock.systemUTC());
        other.versions().observe(RunningServer.ADMIN, 1_000);
        assertEquals(401, me(other.issue(RunningServer.ADMIN)), "signed with the key but a version never issued");
    }
}
