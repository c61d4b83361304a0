package dev.overlord.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.persistence.users.UserStore;
import dev.overlord.persistence.users.UserStoreSettings;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /login}, {@code GET /me} and {@code POST /logout} with the session cookie. */
class LoginTest {
    @RegisterExtension
    static final RunningServer overlord = RunningServer.create();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertTrue(
                r.headers().firstValue("content-type").orElse("").startsWith("application/json"),
                r.headers().toString());
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> login(String user, String password) {
        return overlord.postJson("/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void theRightPasswordSetsAnHttpOnlySessionCookie() throws Exception {
        HttpResponse<String> r = login(RunningServer.ADMIN, overlord.adminPassword());

        assertEquals(200, r.statusCode());
        assertEquals(RunningServer.ADMIN, json(r).path("username").asText());
        assertTrue(json(r).path("ok").asBoolean());
        String setCookie = r.headers().allValues("set-cookie").stream()
                .filter(h -> h.startsWith("overlord_session="))
                .findFirst()
                .orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
    }

    @Test
    void aWrongPasswordIs401WithAJsonError() throws Exception {
        HttpResponse<String> r = login(RunningServer.ADMIN, "not-the-password");

        assertEquals(401, r.statusCode());
        assertEquals("invalid username or password", json(r).path("error").asText());
        assertTrue(r.headers().allValues("set-cookie").isEmpty());
    }

    @Test
    void anUnknownUserIs401Too() throws Exception {
        HttpResponse<String> r = login("nobody", overlord.adminPassword());
        assertEquals(401, r.statusCode());
        assertEquals("invalid username or password", json(r).path("error").asText());
    }

    @Test
    void aLoginWithoutCredentialsIs400() throws Exception {
        HttpResponse<String> r = overlord.postJson("/login", "{\"username\":\"admin\"}");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).has("error"));
    }

    @Test
    void meNamesTheLoggedInUser() throws Exception {
        HttpResponse<String> r = overlord.get("/me", "Cookie", overlord.cookieHeader(overlord.sessionCookie()));
        assertEquals(200, r.statusCode());
        assertEquals(RunningServer.ADMIN, json(r).path("username").asText());
    }

    @Test
    void meWithoutACookieIs401() {
        assertEquals(401, overlord.get("/me").statusCode());
    }

    @Test
    void logoutClearsTheCookie() throws Exception {
        // Logout ends every session of its user: a user of its own keeps the shared admin cookie alive.
        new UserStore(overlord.server().database().dataSource(), new UserStoreSettings(4))
                .create("leaver", "leaver-password".toCharArray());
        String token = RunningServer.cookieValue(login("leaver", "leaver-password"), "overlord_session")
                .orElseThrow();
        HttpResponse<String> r = overlord.postJson("/logout", "", "Cookie", overlord.cookieHeader(token));

        assertEquals(200, r.statusCode());
        assertTrue(json(r).path("ok").asBoolean());
        String setCookie = r.headers().allValues("set-cookie").stream()
                .filter(h -> h.startsWith("overlord_session="))
                .findFirst()
                .orElseThrow();
        assertEquals("", RunningServer.cookieValue(r, "overlord_session").orElseThrow());
        assertTrue(setCookie.contains("Max-Age=0"), setCookie);
    }
}
