package dev.overlord.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.load.Bulkhead;
import dev.overlord.http.testing.JUnit5RouteTest;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.testing.TestDatabases;
import dev.overlord.persistence.users.UserStore;
import dev.overlord.persistence.users.UserStoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Cookie;
import org.apache.pekko.http.javadsl.model.headers.HttpCookie;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.SameSite;
import org.apache.pekko.http.javadsl.model.headers.SetCookie;
import org.apache.pekko.http.javadsl.testkit.TestRoute;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /login}, {@code POST /logout} and {@code GET /me} with the route testkit: the
 * {@link AuthRoutes} route alone, over a real H2 user store, no socket.
 */
class AuthRoutesTest extends JUnit5RouteTest {
    static final String USER = "keeper";
    static final String PASSWORD = "correct horse battery";
    static final String COOKIE = "overlord_session";
    static final Duration TTL = Duration.ofDays(7);
    static final int MAX_FAILURES = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Database database;
    private SessionCookies cookies;
    private TestRoute route;

    @BeforeAll
    void openUserStore(@TempDir Path dir) {
        database = TestDatabases.h2(dir).open();
        UserStore users = new UserStore(database.dataSource(), new UserStoreSettings(4));
        users.create(USER, PASSWORD.toCharArray());
        cookies = new SessionCookies("route-test-key-0123456789abcdef", TTL, Clock.systemUTC());
        BrowserAuth auth = new BrowserAuth(cookies, COOKIE, List.of(), new TrustedNetworks(List.of()));
        LoginThrottle throttle = new LoginThrottle(
                new LoginThrottle.Rules(
                        MAX_FAILURES,
                        Duration.ofMinutes(5),
                        100,
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(15),
                        1000,
                        Duration.ofDays(30)),
                Clock.systemUTC());
        Metrics metrics = new Metrics();
        Bulkhead gate = Bulkhead.onOwnThreads(Adapter.toTyped(system()), "login", new Bulkhead.Settings(2, 8), metrics);
        route = testRoute(
                new AuthRoutes(users, auth, system().dispatcher(), throttle, gate, Duration.ofSeconds(5), 4096, metrics)
                        .route());
    }

    @AfterAll
    void closeUserStore() {
        if (database != null) database.close();
    }

    static RequestEntity json(String body) {
        return HttpEntities.create(ContentTypes.APPLICATION_JSON, body);
    }

    static RequestEntity form(String body) {
        return HttpEntities.create(MediaTypes.APPLICATION_X_WWW_FORM_URLENCODED.toContentType(), body);
    }

    static String credentials(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    static JsonNode body(TestRouteResult r) {
        r.assertContentType(ContentTypes.APPLICATION_JSON);
        try {
            return JSON.readTree(r.entityString());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.entityString(), e);
        }
    }

    static HttpCookie setCookie(TestRouteResult r) {
        HttpCookie c = r.header(SetCookie.class).cookie();
        assertEquals(COOKIE, c.name());
        return c;
    }

    static boolean setsACookie(TestRouteResult r) {
        return r.response().getHeader(SetCookie.class).isPresent();
    }

    TestRouteResult login(RequestEntity entity) {
        return route.run(HttpRequest.POST("/login").withEntity(entity));
    }

    @Test
    void aJsonLoginWithTheRightPasswordSetsAStrictHttpOnlySessionCookieForAWeek() {
        TestRouteResult r = login(json(credentials(USER, PASSWORD))).assertStatusCode(StatusCodes.OK);

        assertEquals(JSON.createObjectNode().put("ok", true).put("username", USER), body(r));
        HttpCookie c = setCookie(r);
        assertEquals(USER, cookies.verify(c.value()).orElseThrow(), "the cookie names the user");
        assertTrue(c.httpOnly());
        assertFalse(c.secure(), "plain HTTP: no Secure");
        assertEquals("/", c.getPath().orElseThrow());
        assertEquals(SameSite.Strict, c.getSameSite().orElseThrow());
        assertEquals(TTL.toSeconds(), c.getMaxAge().getAsLong());
    }

    @Test
    void aFormLoginWorksToo() {
        TestRouteResult r = login(form("username=" + USER + "&password=" + PASSWORD.replace(" ", "+")))
                .assertStatusCode(StatusCodes.OK);

        assertEquals(USER, body(r).path("username").asText());
        assertEquals(USER, cookies.verify(setCookie(r).value()).orElseThrow());
    }

    @Test
    void behindATlsProxyTheCookieIsSecure() {
        TestRouteResult r = route.run(HttpRequest.POST("/login")
                .withEntity(json(credentials(USER, PASSWORD)))
                .addHeader(RawHeader.create("X-Forwarded-Proto", "https")));

        r.assertStatusCode(StatusCodes.OK);
        assertTrue(setCookie(r).secure());
    }

    @Test
    void aWrongPasswordIs401WithoutACookie() {
        for (RequestEntity wrong : List.of(
                json(credentials(USER, "not the password")),
                form("username=" + USER + "&password=wrong-one"),
                json(credentials("nobody", PASSWORD)))) {
            TestRouteResult r = login(wrong).assertStatusCode(StatusCodes.UNAUTHORIZED);
            assertEquals(JSON.createObjectNode().put("error", "invalid username or password"), body(r));
            assertFalse(setsACookie(r));
        }
    }

    @Test
    void missingFieldsOrABodyThatIsNotJsonAre400() {
        for (RequestEntity bad : List.of(
                json("{\"username\":\"" + USER + "\"}"),
                json("{\"password\":\"x\"}"),
                json("not json"),
                form("username=" + USER))) {
            TestRouteResult r = login(bad).assertStatusCode(StatusCodes.BAD_REQUEST);
            assertTrue(body(r).path("error").isTextual(), r.entityString());
            assertFalse(setsACookie(r));
        }
    }

    @Test
    void repeatedFailuresForOneNameAreThrottledWithRetryAfter() {
        String name = "throttled";
        for (int i = 0; i < MAX_FAILURES; i++) {
            login(json(credentials(name, "guess-" + i))).assertStatusCode(StatusCodes.UNAUTHORIZED);
        }
        TestRouteResult r =
                login(json(credentials(name, "guess-again"))).assertStatusCode(StatusCodes.TOO_MANY_REQUESTS);

        r.assertHeaderKindExists("Retry-After");
        assertTrue(body(r).path("error").asText().startsWith("too many failed logins"), r.entityString());
        login(json(credentials(USER, PASSWORD))).assertStatusCode(StatusCodes.OK);
    }

    @Test
    void logoutClearsTheCookieAndRevokesTheSession() {
        String token = setCookie(login(json(credentials(USER, PASSWORD))).assertStatusCode(StatusCodes.OK))
                .value();
        route.run(HttpRequest.GET("/me").addHeader(Cookie.create(COOKIE, token)))
                .assertStatusCode(StatusCodes.OK);

        TestRouteResult r = route.run(HttpRequest.POST("/logout").addHeader(Cookie.create(COOKIE, token)))
                .assertStatusCode(StatusCodes.OK);

        route.run(HttpRequest.GET("/me").addHeader(Cookie.create(COOKIE, token)))
                .assertStatusCode(StatusCodes.UNAUTHORIZED);

        assertEquals(JSON.createObjectNode().put("ok", true), body(r));
        HttpCookie c = setCookie(r);
        assertEquals("", c.value());
        assertEquals(0, c.getMaxAge().getAsLong());
        assertEquals("/", c.getPath().orElseThrow());
    }

    @Test
    void meNamesTheUserOfAValidCookieAndRefusesOthers() {
        String token = setCookie(login(json(credentials(USER, PASSWORD))).assertStatusCode(StatusCodes.OK))
                .value();

        TestRouteResult me = route.run(HttpRequest.GET("/me").addHeader(Cookie.create(COOKIE, token)))
                .assertStatusCode(StatusCodes.OK);
        assertEquals(JSON.createObjectNode().put("username", USER), body(me));

        route.run(HttpRequest.GET("/me")).assertStatusCode(StatusCodes.UNAUTHORIZED);
        route.run(HttpRequest.GET("/me").addHeader(Cookie.create(COOKIE, token + "x")))
                .assertStatusCode(StatusCodes.UNAUTHORIZED);
        route.run(HttpRequest.GET("/me")
                        .addHeader(Cookie.create(COOKIE, token))
                        .addHeader(RawHeader.create("Origin", "http://evil.example")))
                .assertStatusCode(StatusCodes.FORBIDDEN);
    }
}
