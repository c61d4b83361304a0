package dev.overlord.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.http.auth.SessionCookies;
import dev.overlord.http.plugin.PluginSocketRoute;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.persistence.users.PluginTokenStore;
import dev.overlord.persistence.users.UserCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attempts to get past the server's access checks, against a real server in prod mode on
 * PostgreSQL: plugin-secret variants, tampered and replayed session cookies, Origin tricks, header
 * smuggling, path tricks, the read API without a login, plugin tokens used beyond their grant, and
 * oversize logins. Each attempt names the exact answer it must get (status and a phrase of the
 * reason), so a reader can audit the list below line by line. A summary count is printed at the end.
 *
 * <p>The server: public origin {@value #PUBLIC_ORIGIN}, an API token, one reverse proxy at
 * {@value #PROXY} (a loopback address no other client uses) and the trusted network
 * {@value #TRUSTED_NET}, which the tests' own address is not in.
 */
class AuthBypassTest {
    static final String PUBLIC_ORIGIN = "https://overlord.example";
    static final String PROXY = "127.0.0.9";
    static final String TRUSTED_NET = "203.0.113.0/24";
    static final String TRUSTED_CLIENT = "203.0.113.7";
    static final String API_TOKEN = "read-token-" + UUID.randomUUID();
    static final String OTHER_USER = "mallory";
    static final String OTHER_PASSWORD = "mallory-password-1";

    @RegisterExtension
    @Order(1)
    static final RunningServer overlord = RunningServer.create()
            .onFreshPostgres()
            .with("overlord.mode = prod")
            .with("overlord.auth.session-refresh = 200 ms")
            .with("overlord.auth.public-origins = \"" + PUBLIC_ORIGIN + "\"")
            .with("overlord.auth.api-token = \"" + API_TOKEN + "\"")
            .with("overlord.auth.proxies = \"" + PROXY + "\"")
            .with("overlord.auth.trusted-networks = [\"" + TRUSTED_NET + "\"]");

    /** A second server that accepts only per-plugin tokens on {@code /ws/position}. */
    @RegisterExtension
    @Order(2)
    static final RunningServer tokensOnly =
            RunningServer.create().with("overlord.mode = prod").with("overlord.plugin.require-tokens = on");

    // The refusals, as the server words them.
    static final String BAD_SECRET = "invalid or missing plugin secret";
    static final String TOKENS_ONLY = "invalid or missing plugin token (this server requires per-plugin tokens)";
    static final String BAD_SESSION = "session expired or invalid: log in again";
    static final String NO_SESSION = "not logged in";
    static final String READ_API = "the read API needs a login, an API token";
    static final String BAD_TOKEN = "invalid API token";
    static final String FOREIGN_ORIGIN =
            "is not allowed; the server's public origin is set with OVERLORD_PUBLIC_ORIGIN";
    static final String NOT_AN_ORIGIN = "Origin header is not an origin";
    static final String NULL_ORIGIN = "Origin: null";
    // A path no route takes: the web app's files answer GET only, or nothing is there.
    static final String NOT_ALLOWED = "HTTP method not allowed, supported methods: GET";
    static final String NOT_FOUND = "The requested resource could not be found.";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(RunningServer.HTTP_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final AtomicInteger attempted = new AtomicInteger();
    private static final AtomicInteger refused = new AtomicInteger();

    /** What came back: a status (101 for a socket that opened) and the body, or the socket's error frame. */
    record Answer(int status, String body) {}

    /** What the server must answer: this status, with this phrase in the reason. */
    record Refusal(int status, String reason) {}

    /** One bypass attempt. */
    record Attempt(String name, Supplier<Answer> run, Refusal expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void isRefused(Attempt attempt) {
        attempted.incrementAndGet();
        Answer got = attempt.run().get();
        assertEquals(attempt.expected().status(), got.status(), attempt.name() + " answered: " + got.body());
        assertTrue(
                got.body().contains(attempt.expected().reason()),
                attempt.name() + ": expected a reason with '"
                        + attempt.expected().reason() + "', got: " + got.body());
        refused.incrementAndGet();
    }

    @AfterAll
    static void summary() {
        System.out.printf(
                "AuthBypassTest: %d of %d bypass attempts refused with the expected answer%n",
                refused.get(), attempted.get());
    }

    static Stream<Attempt> attempts() {
        return Stream.of(
                        sharedSecret(),
                        cookies(),
                        replay(),
                        origins(),
                        smuggling(),
                        paths(),
                        readApi(),
                        pluginTokens(),
                        logins())
                .flatMap(List::stream);
    }

    // ---- plugin shared secret on /ws/position ----

    static List<Attempt> sharedSecret() {
        Refusal r = new Refusal(401, BAD_SECRET);
        return List.of(
                new Attempt("secret: none at all", () -> upgrade("/ws/position"), r),
                new Attempt("secret: empty in the query", () -> upgrade("/ws/position?secret="), r),
                new Attempt("secret: empty header", () -> upgrade("/ws/position", "X-Plugin-Secret:"), r),
                new Attempt(
                        "secret: case changed",
                        () -> upgrade("/ws/position", "X-Plugin-Secret: " + secret().toUpperCase()),
                        r),
                new Attempt("secret: trailing space", () -> upgrade("/ws/position?secret=" + secret() + "%20"), r),
                new Attempt("secret: leading space", () -> upgrade("/ws/position?secret=%20" + secret()), r),
                new Attempt("secret: trailing NUL", () -> upgrade("/ws/position?secret=" + secret() + "%00"), r),
                new Attempt(
                        "secret: a prefix of it",
                        () -> upgrade("/ws/position?secret=" + secret().substring(0, secret().length() - 1)),
                        r),
                new Attempt("secret: with a suffix", () -> upgrade("/ws/position?secret=" + secret() + "0"), r),
                new Attempt("secret: twice over", () -> upgrade("/ws/position?secret=" + secret() + secret()), r),
                new Attempt(
                        "secret: under another query name", () -> upgrade("/ws/position?shared_secret=" + secret()), r),
                new Attempt(
                        "secret: in Authorization",
                        () -> upgrade("/ws/position", "Authorization: Bearer " + secret()),
                        r),
                new Attempt(
                        "secret: in another header", () -> upgrade("/ws/position", "X-Shared-Secret: " + secret()), r),
                new Attempt("secret: in a cookie", () -> upgrade("/ws/position", "Cookie: secret=" + secret()), r),
                new Attempt(
                        "secret: wrong header beside the right query (the header decides)",
                        () -> upgrade("/ws/position?secret=" + secret(), "X-Plugin-Secret: wrong"),
                        r));
    }

    // ---- session cookies on GET /me ----

    static List<Attempt> cookies() {
        Refusal r = new Refusal(401, BAD_SESSION);
        return List.of(
                new Attempt(
                        "cookie: a byte of the signature flipped", () -> me(flip(admin(), admin().length() - 3)), r),
                new Attempt("cookie: a byte of the user flipped", () -> me(flip(admin(), 1)), r),
                new Attempt(
                        "cookie: signed with another key",
                        () -> me(new SessionCookies("another-key-of-32-bytes-or-more!!", Duration.ofDays(7), utc())
                                .issue(RunningServer.ADMIN)),
                        r),
                new Attempt("cookie: another user's name under admin's signature", () -> me(withUser(admin())), r),
                new Attempt(
                        "cookie: truncated by one character", () -> me(admin().substring(0, admin().length() - 1)), r),
                new Attempt(
                        "cookie: signature cut off", () -> me(admin().substring(0, admin().lastIndexOf('.') + 1)), r),
                new Attempt("cookie: only three parts", () -> me(admin().substring(0, admin().lastIndexOf('.'))), r),
                new Attempt("cookie: a JWT with alg none", () -> me(algNone()), r),
                new Attempt("cookie: expiry pushed out, old signature", () -> me(part(admin(), 2, "99999999999")), r),
                new Attempt("cookie: version lowered, old signature", () -> me(part(admin(), 1, "-1")), r),
                new Attempt(
                        "cookie: expired (signed right, 9 days old)",
                        () -> me(new SessionCookies(
                                        overlord.secretKey(),
                                        Duration.ofDays(7),
                                        Clock.fixed(Instant.now().minus(Duration.ofDays(9)), ZoneOffset.UTC))
                                .issue(RunningServer.ADMIN)),
                        r),
                new Attempt(
                        "cookie: signed right, a version never issued",
                        () -> {
                            SessionCookies forger = new SessionCookies(overlord.secretKey(), Duration.ofDays(7), utc());
                            forger.versions().observe(RunningServer.ADMIN, 1_000);
                            return me(forger.issue(RunningServer.ADMIN));
                        },
                        r),
                new Attempt("cookie: 600 characters", () -> me(admin() + "A".repeat(600)), r),
                new Attempt(
                        "cookie: the token as a bearer header instead",
                        () -> http("GET", "/me", "", "Authorization", "Bearer " + admin()),
                        new Refusal(401, NO_SESSION)));
    }

    // ---- replay ----

    static List<Attempt> replay() {
        return List.of(
                new Attempt(
                        "replay: cookie after logout, on /me", () -> me(loggedOut()), new Refusal(401, BAD_SESSION)),
                new Attempt(
                        "replay: cookie after logout, on /ws/live",
                        () -> upgrade("/ws/live", "Cookie: " + overlord.cookieHeader(loggedOut())),
                        new Refusal(401, BAD_SESSION)),
                new Attempt(
                        "replay: cookie after logout, on the read API",
                        () -> http("GET", "/live", "", "Cookie", overlord.cookieHeader(loggedOut())),
                        new Refusal(401, READ_API)),
                new Attempt(
                        "replay: cookie after set-password",
                        AuthBypassTest::afterSetPassword,
                        new Refusal(401, BAD_SESSION)));
    }

    // ---- Origin ----

    static List<Attempt> origins() {
        Refusal foreign = new Refusal(403, FOREIGN_ORIGIN);
        return List.of(
                new Attempt("origin: null on login", () -> login("null"), new Refusal(403, NULL_ORIGIN)),
                new Attempt(
                        "origin: null on /ws/live with a valid cookie",
                        () -> upgrade("/ws/live", "Cookie: " + overlord.cookieHeader(admin()), "Origin: null"),
                        new Refusal(403, NULL_ORIGIN)),
                new Attempt(
                        "origin: null on logout",
                        () -> http("POST", "/logout", "", "Cookie", overlord.cookieHeader(admin()), "Origin", "null"),
                        new Refusal(403, NULL_ORIGIN)),
                new Attempt(
                        "origin: DNS rebinding, Host matching the page, on login",
                        AuthBypassTest::rebindLogin,
                        foreign),
                new Attempt(
                        "origin: DNS rebinding, Host matching the page, on /ws/live",
                        () -> {
                            String page = "rebind.example:" + overlord.port();
                            return raw(
                                    "127.0.0.1",
                                    upgradeText(
                                            "/ws/live",
                                            page,
                                            "Origin: http://" + page,
                                            "Cookie: " + overlord.cookieHeader(admin())));
                        },
                        foreign),
                new Attempt("origin: suffix domain", () -> login(PUBLIC_ORIGIN + ".evil.example"), foreign),
                new Attempt("origin: prefix domain", () -> login("https://evil-overlord.example"), foreign),
                new Attempt("origin: scheme changed to http", () -> login("http://overlord.example"), foreign),
                new Attempt("origin: port changed", () -> login(PUBLIC_ORIGIN + ":8443"), foreign),
                new Attempt(
                        "origin: loopback on another port",
                        () -> login("http://127.0.0.1:" + (overlord.port() + 1)),
                        foreign),
                new Attempt(
                        "origin: localhost as a subdomain",
                        () -> login("http://localhost." + "evil.example:" + overlord.port()),
                        foreign),
                new Attempt(
                        "origin: user info before a foreign host",
                        () -> login("https://overlord.example@evil.example"),
                        new Refusal(403, NOT_AN_ORIGIN)),
                new Attempt("origin: with a path", () -> login(PUBLIC_ORIGIN + "/x"), new Refusal(403, NOT_AN_ORIGIN)),
                new Attempt(
                        "origin: port glued to a foreign name",
                        () -> login("http://127.0.0.1:" + overlord.port() + ".evil.example"),
                        new Refusal(403, NOT_AN_ORIGIN)));
    }

    // ---- header smuggling and forwarded addresses ----

    static List<Attempt> smuggling() {
        String body = loginJson(RunningServer.ADMIN, "x");
        return List.of(
                new Attempt(
                        "smuggling: two Content-Length headers",
                        () -> raw(
                                "127.0.0.1",
                                "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        + "Content-Type: application/json\r\nContent-Length: " + body.length()
                                        + "\r\nContent-Length: 5\r\n\r\n" + body),
                        new Refusal(400, "Content-Length")),
                new Attempt(
                        "smuggling: Content-Length and Transfer-Encoding",
                        () -> raw(
                                "127.0.0.1",
                                "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        + "Content-Type: application/json\r\nContent-Length: 4\r\n"
                                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                        new Refusal(400, "Content-Length")),
                new Attempt(
                        "smuggling: X-Forwarded-For from a non-proxy, read API",
                        () -> http("GET", "/live", "", "X-Forwarded-For", TRUSTED_CLIENT),
                        new Refusal(401, READ_API)),
                new Attempt(
                        "smuggling: X-Forwarded-For from a non-proxy, /ws/live",
                        () -> upgrade("/ws/live", "X-Forwarded-For: " + TRUSTED_CLIENT),
                        new Refusal(401, NO_SESSION)),
                new Attempt(
                        "smuggling: X-Real-IP from a non-proxy",
                        () -> upgrade("/ws/live", "X-Real-IP: " + TRUSTED_CLIENT),
                        new Refusal(401, NO_SESSION)),
                new Attempt(
                        "smuggling: Forwarded: for= from a non-proxy",
                        () -> http("GET", "/live", "", "Forwarded", "for=" + TRUSTED_CLIENT),
                        new Refusal(401, READ_API)),
                new Attempt(
                        "smuggling: a trusted address as an earlier hop through the proxy",
                        () -> raw(
                                PROXY,
                                upgradeText(
                                        "/ws/live",
                                        "127.0.0.1",
                                        "X-Forwarded-For: " + TRUSTED_CLIENT + ", 198.51.100.1")),
                        new Refusal(401, NO_SESSION)),
                new Attempt(
                        "smuggling: a trusted address in a second X-Forwarded-For header through the proxy",
                        () -> raw(
                                PROXY,
                                upgradeText(
                                        "/ws/live",
                                        "127.0.0.1",
                                        "X-Forwarded-For: " + TRUSTED_CLIENT,
                                        "X-Forwarded-For: 198.51.100.1")),
                        new Refusal(401, NO_SESSION)));
    }

    // ---- path tricks, without a login ----

    static List<Attempt> paths() {
        Refusal read = new Refusal(401, READ_API);
        return List.of(
                new Attempt("path: //live", () -> http("GET", "//live", ""), read),
                new Attempt("path: /live/", () -> http("GET", "/live/", ""), read),
                new Attempt("path: /LIVE", () -> http("GET", "/LIVE", ""), read),
                new Attempt("path: /%6Cive (encoded letter)", () -> http("GET", "/%6Cive", ""), read),
                new Attempt("path: /metrics/", () -> http("GET", "/metrics/", ""), read),
                new Attempt("path: /./live", () -> http("GET", "/./live", ""), read),
                new Attempt(
                        "path: /admin/retention",
                        () -> http("POST", "/admin/retention", ""),
                        new Refusal(401, NO_SESSION)),
                new Attempt(
                        "path: //admin/retention",
                        () -> http("POST", "//admin/retention", ""),
                        new Refusal(405, NOT_ALLOWED)),
                new Attempt(
                        "path: /admin/retention/",
                        () -> http("POST", "/admin/retention/", ""),
                        new Refusal(405, NOT_ALLOWED)),
                new Attempt(
                        "path: /admin%2Fretention (encoded slash)",
                        () -> http("POST", "/admin%2Fretention", ""), new Refusal(405, NOT_ALLOWED)),
                new Attempt(
                        "path: /ADMIN/retention",
                        () -> http("POST", "/ADMIN/retention", ""),
                        new Refusal(405, NOT_ALLOWED)),
                new Attempt(
                        "path: /plugins/contested",
                        () -> http("GET", "/plugins/contested", ""),
                        new Refusal(401, NO_SESSION)),
                new Attempt(
                        "path: %2e%2e out of the web app",
                        () -> raw(
                                "127.0.0.1",
                                "GET /assets/%2e%2e/%2e%2e/application.conf HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
                        new Refusal(404, NOT_FOUND)));
    }

    // ---- the read API in prod, without a login ----

    static List<Attempt> readApi() {
        Refusal r = new Refusal(401, READ_API);
        return List.of(
                new Attempt("read API: /live", () -> http("GET", "/live", ""), r),
                new Attempt("read API: /history", () -> http("GET", "/history?from=2026-01-01T00:00:00Z", ""), r),
                new Attempt("read API: /trails", () -> http("GET", "/trails", ""), r),
                new Attempt("read API: /rares", () -> http("GET", "/rares", ""), r),
                new Attempt("read API: /portals", () -> http("GET", "/portals", ""), r),
                new Attempt("read API: /spawns/heatmap", () -> http("GET", "/spawns/heatmap", ""), r),
                new Attempt("read API: /combat-stats", () -> http("GET", "/combat-stats/Bob", ""), r),
                new Attempt("read API: /character-stats", () -> http("GET", "/character-stats/Bob", ""), r),
                new Attempt("read API: /quests", () -> http("GET", "/quests/Bob", ""), r),
                new Attempt("read API: /metrics", () -> http("GET", "/metrics", ""), r),
                new Attempt("read API: /ws/live", () -> upgrade("/ws/live"), new Refusal(401, NO_SESSION)),
                new Attempt(
                        "read API: a wrong bearer token",
                        () -> http("GET", "/live", "", "Authorization", "Bearer " + API_TOKEN + "x"),
                        new Refusal(401, BAD_TOKEN)),
                new Attempt(
                        "read API: the token in another case",
                        () -> http("GET", "/live", "", "Authorization", "Bearer " + API_TOKEN.toUpperCase()),
                        new Refusal(401, BAD_TOKEN)),
                new Attempt(
                        "read API: the token as Basic credentials",
                        () -> http(
                                "GET",
                                "/live",
                                "",
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(("api:" + API_TOKEN).getBytes(StandardCharsets.UTF_8))),
                        new Refusal(401, "only Authorization: Bearer")),
                new Attempt("read API: the token in the query", () -> http("GET", "/live?token=" + API_TOKEN, ""), r),
                new Attempt(
                        "read API: a wrong bearer token on /ws/live",
                        () -> upgrade("/ws/live", "Authorization: Bearer " + API_TOKEN + "x"),
                        new Refusal(401, NO_SESSION)),
                new Attempt(
                        "read API: a command on /ws/live opened with the read-only token",
                        AuthBypassTest::commandWithReadToken,
                        new Refusal(101, "commands need a login or a trusted network")),
                new Attempt(
                        "read API: the plugin secret as a bearer token",
                        () -> http("GET", "/live", "", "Authorization", "Bearer " + secret()),
                        new Refusal(401, BAD_TOKEN)));
    }

    // ---- plugin tokens ----

    static List<Attempt> pluginTokens() {
        return List.of(
                new Attempt(
                        "plugin token: for Ann, speaking for Bob",
                        AuthBypassTest::speakForAnother,
                        new Refusal(101, "\"reason\":\"character_not_allowed\"")),
                new Attempt("plugin token: revoked", AuthBypassTest::revokedToken, new Refusal(401, BAD_SECRET)),
                new Attempt(
                        "plugin token: the prefix alone",
                        () -> upgrade("/ws/position?secret=" + PluginTokenStore.PREFIX),
                        new Refusal(401, BAD_SECRET)),
                new Attempt(
                        "plugin token: shared secret where tokens are required (header)",
                        () -> upgradeOn(tokensOnly, "/ws/position", "X-Plugin-Secret: " + tokensOnly.sharedSecret()),
                        new Refusal(401, TOKENS_ONLY)),
                new Attempt(
                        "plugin token: shared secret where tokens are required (query)",
                        () -> upgradeOn(tokensOnly, "/ws/position?secret=" + tokensOnly.sharedSecret()),
                        new Refusal(401, TOKENS_ONLY)));
    }

    // ---- logins ----

    static List<Attempt> logins() {
        return List.of(
                new Attempt(
                        "login: a 5 KiB body",
                        () -> http(
                                "POST",
                                "/login",
                                loginJson(RunningServer.ADMIN, "x".repeat(5 * 1024)),
                                "Content-Type",
                                "application/json"),
                        new Refusal(413, "login body larger than")),
                new Attempt(
                        "login: 100 MB announced, nothing sent",
                        () -> raw(
                                "127.0.0.1",
                                "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        + "Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n"),
                        new Refusal(413, "login body larger than")),
                new Attempt(
                        "login: a 65-character name",
                        () -> http(
                                "POST", "/login", loginJson("a".repeat(65), "x"), "Content-Type", "application/json"),
                        new Refusal(400, "user name longer than 64 characters")),
                new Attempt(
                        "login: CR LF in the name",
                        () -> http(
                                "POST",
                                "/login",
                                loginJson("admin\\r\\nINFO forged", "x"),
                                "Content-Type",
                                "application/json"),
                        new Refusal(400, "control or invisible characters")),
                new Attempt(
                        "login: a malformed %-escape in a form",
                        () -> http(
                                "POST",
                                "/login",
                                "username=admin&password=%zz",
                                "Content-Type",
                                "application/x-www-form-urlencoded"),
                        new Refusal(400, "malformed %-escape")),
                new Attempt(
                        "login: the right name, a wrong password",
                        () -> http(
                                "POST",
                                "/login",
                                loginJson(OTHER_USER, "not-the-password"),
                                "Content-Type",
                                "application/json"),
                        new Refusal(401, "invalid username or password")));
    }

    // ---- the attacks' moving parts ----

    private static String secret() {
        return overlord.sharedSecret();
    }

    private static Clock utc() {
        return Clock.systemUTC();
    }

    /** A fresh admin session token (its own login, so a test that logs out spoils no other). */
    private static String admin() {
        return overlord.sessionCookie();
    }

    private static String freshLogin(String user, String password) {
        Answer a = http("POST", "/login", loginJson(user, password), "Content-Type", "application/json");
        if (a.status() != 200) throw new IllegalStateException("login failed: " + a);
        return lastCookie.get();
    }

    private static final AtomicReference<String> lastCookie = new AtomicReference<>();

    private static String loggedOut() {
        ensureOtherUser();
        String token = freshLogin(OTHER_USER, OTHER_PASSWORD);
        Answer out = http("POST", "/logout", "", "Cookie", overlord.cookieHeader(token));
        if (out.status() != 200) throw new IllegalStateException("logout failed: " + out);
        return token;
    }

    private static Answer afterSetPassword() {
        String user = "setpw-" + UUID.randomUUID().toString().substring(0, 8);
        cli("add-user", user, "first-password-123");
        String token = freshLogin(user, "first-password-123");
        if (me(token).status() != 200) throw new IllegalStateException("the fresh session does not work");
        cli("set-password", user, "second-password-456");
        // Another process changed the table: this node learns it at its next refresh (200 ms here).
        SocketClient.waiting("the old cookie refused").until(() -> me(token).status() != 200);
        return me(token);
    }

    private static volatile boolean otherUserMade;

    private static synchronized void ensureOtherUser() {
        if (!otherUserMade) {
            cli("add-user", OTHER_USER, OTHER_PASSWORD);
            otherUserMade = true;
        }
    }

    private static void cli(String command, String user, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = UserCli.run(
                new String[] {command, user},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                overlord.config(),
                Map.of(UserCli.PASSWORD_ENV, password));
        if (code != UserCli.OK) throw new IllegalStateException(command + " failed: " + out);
    }

    private static Answer me(String token) {
        return http("GET", "/me", "", "Cookie", overlord.cookieHeader(token));
    }

    private static String flip(String token, int at) {
        char c = token.charAt(at);
        char other = c == 'A' ? 'B' : 'A';
        return token.substring(0, at) + other + token.substring(at + 1);
    }

    /** The token with part {@code i} (0 user, 1 version, 2 expiry, 3 signature) replaced. */
    private static String part(String token, int i, String value) {
        String[] p = token.split("\\.");
        p[i] = value;
        return String.join(".", p);
    }

    private static String withUser(String token) {
        return part(token, 0, b64(OTHER_USER));
    }

    private static String algNone() {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"admin\"}") + ".";
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String loginJson(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    /** The admin's right credentials, from a page of {@code origin}: only the origin is wrong. */
    private static Answer login(String origin) {
        return http(
                "POST",
                "/login",
                loginJson(RunningServer.ADMIN, overlord.adminPassword()),
                "Content-Type",
                "application/json",
                "Origin",
                origin);
    }

    private static Answer rebindLogin() {
        String page = "rebind.example:" + overlord.port();
        String body = loginJson(RunningServer.ADMIN, overlord.adminPassword());
        return raw(
                "127.0.0.1",
                "POST /login HTTP/1.1\r\nHost: " + page + "\r\nOrigin: http://" + page
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    }

    private static Answer speakForAnother() {
        String token = new PluginTokenStore(overlord.server().database().dataSource())
                .create("ann-" + UUID.randomUUID().toString().substring(0, 8), List.of("Ann"));
        awaitToken(token, true);
        try (SocketClient plugin =
                SocketClient.connect(overlord.ws("/ws/position"), Map.of(PluginSocketRoute.SECRET_HEADER, token))) {
            plugin.send(Frames.chat("Bob", "speaking for Bob"));
            return new Answer(101, plugin.awaitType("error").toString());
        }
    }

    private static Answer commandWithReadToken() {
        try (SocketClient bot =
                SocketClient.connect(overlord.ws("/ws/live"), Map.of("Authorization", "Bearer " + API_TOKEN))) {
            bot.send("{\"player_name\":\"Ann\",\"command\":\"/radar start\"}");
            return new Answer(101, bot.awaitType("error").toString());
        }
    }

    private static Answer revokedToken() {
        String label = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        PluginTokenStore store =
                new PluginTokenStore(overlord.server().database().dataSource());
        String token = store.create(label, List.of("Ann"));
        awaitToken(token, true);
        store.revoke(label);
        awaitToken(token, false);
        return upgrade("/ws/position", "X-Plugin-Secret: " + token);
    }

    /** Waits until the server has reread its tokens and {@code token} is known (or no longer known). */
    private static void awaitToken(String token, boolean known) {
        SocketClient.waiting("plugin token " + (known ? "known" : "revoked"))
                .until(() -> (SocketClient.handshakeStatus(
                                        overlord.ws("/ws/position"), Map.of(PluginSocketRoute.SECRET_HEADER, token))
                                != 401)
                        == known);
    }

    // ---- transport ----

    private static Answer http(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(overlord.origin() + path))
                .timeout(RunningServer.HTTP_TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            RunningServer.cookieValue(r, overlord.cookieName()).ifPresent(lastCookie::set);
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Answer upgrade(String path, String... headerLines) {
        return upgradeOn(overlord, path, headerLines);
    }

    private static Answer upgradeOn(RunningServer server, String path, String... headerLines) {
        try (RawConnection c = RawConnection.open("127.0.0.1", server.port())) {
            RawConnection.Answer a = c.upgrade(path, headerLines);
            return new Answer(a.status(), a.body());
        }
    }

    /** A WebSocket handshake written by hand, with its own Host. */
    private static String upgradeText(String path, String host, String... headerLines) {
        List<String> lines = new ArrayList<>(List.of(
                "GET " + path + " HTTP/1.1",
                "Host: " + host,
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version: 13"));
        lines.addAll(List.of(headerLines));
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    private static Answer raw(String from, String request) {
        try (RawConnection c = RawConnection.open(from, overlord.port())) {
            RawConnection.Answer a = c.send(request);
            return new Answer(a.status(), a.body());
        }
    }
}
