package dev.overlord.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.overlord.http.connections.ClientAddress;
import dev.overlord.http.server.SecurityHeaders;
import dev.overlord.http.server.Server;
import dev.overlord.http.server.ServerSettings;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What must still work once access is closed down (the refusals are in {@code AuthBypassTest}): in
 * prod the read API opens to a login, the API token and a trusted client behind the configured proxy;
 * the public origin logs in; probes stay public; every answer carries the security headers; dev
 * keeps an open read API on loopback and answers {@code Origin: null} with 403, not 500.
 */
class AccessTest {
    static final String PUBLIC_ORIGIN = "https://overlord.example";
    static final String PROXY = "127.0.0.9";
    static final String API_TOKEN = "read-token-" + UUID.randomUUID();

    @RegisterExtension
    static final RunningServer prod = RunningServer.create()
            .with("overlord.mode = prod")
            .with("overlord.auth.public-origins = \"https://other.example, " + PUBLIC_ORIGIN + "\"")
            .with("overlord.auth.api-token = \"" + API_TOKEN + "\"")
            .with("overlord.auth.proxies = \"" + PROXY + "\"")
            .with("overlord.auth.trusted-networks = [\"203.0.113.0/24\"]");

    @RegisterExtension
    static final RunningServer dev = RunningServer.create();

    @Test
    void refusalsAreCounted() {
        long readBefore = prod.metric("overlord_access_refused_total", "reason", "read_api");
        long originBefore = prod.metric("overlord_access_refused_total", "reason", "origin");
        assertEquals(401, prod.get("/trails").statusCode());
        assertEquals(403, prod.postJson("/login", "{}", "Origin", "null").statusCode());
        assertEquals(readBefore + 1, prod.metric("overlord_access_refused_total", "reason", "read_api"));
        assertEquals(originBefore + 1, prod.metric("overlord_access_refused_total", "reason", "origin"));
    }

    @Test
    void startUpWarnsOfAProxyInATrustedNetworkAndOtherRegrets() {
        AccessSettings settings = new AccessSettings(List.of(), List.of("10.0.0.2"), "short", true);
        List<String> warnings = settings.warnings(
                true, ClientAddress.ofProxies(settings.proxies()), new TrustedNetworks(List.of("10.0.0.0/8")));
        assertEquals(4, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("trusted networks contain the proxy 10.0.0.2"), warnings.get(0));
        AccessSettings fine = new AccessSettings(List.of(PUBLIC_ORIGIN), List.of("10.0.0.2"), API_TOKEN, false);
        assertEquals(
                List.of(),
                fine.warnings(
                        true, ClientAddress.ofProxies(fine.proxies()), new TrustedNetworks(List.of("192.168.0.0/16"))));
    }

    @Test
    void inProdTheReadApiOpensToALoginAndTheApiToken() {
        assertEquals(401, prod.get("/live").statusCode());
        assertEquals(
                200,
                prod.get("/live", "Cookie", prod.cookieHeader(prod.sessionCookie()))
                        .statusCode());
        assertEquals(
                200, prod.get("/live", "Authorization", "Bearer " + API_TOKEN).statusCode());
        HttpResponse<String> metrics = prod.get("/metrics", "Authorization", "bearer " + API_TOKEN);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("overlord_"), "Prometheus text");
    }

    @Test
    void theApiTokenReadsTheLiveFeed() {
        try (SocketClient bot =
                SocketClient.connect(prod.ws("/ws/live"), Map.of("Authorization", "Bearer " + API_TOKEN))) {
            bot.send("{\"type\":\"subscribe\",\"message_types\":[\"rare\"]}");
            assertEquals(
                    "rare",
                    bot.awaitType("subscribed").path("message_types").path(0).asText());
        }
    }

    @Test
    void aTrustedClientBehindTheConfiguredProxyNeedsNoLogin() {
        String forwarded = "X-Forwarded-For: 198.51.100.1, 203.0.113.7";
        assertEquals(200, rawGet(PROXY, prod.port(), "/live", forwarded), "the proxy's last hop is trusted");
        assertEquals(401, rawGet("127.0.0.1", prod.port(), "/live", forwarded), "the same header from a non-proxy");
        assertEquals(401, rawGet(PROXY, prod.port(), "/live"), "the proxy itself is not a trusted client");
    }

    @Test
    void probesStayPublicInProd() {
        assertEquals(200, prod.get("/health").statusCode());
        assertEquals(200, prod.get("/ready").statusCode());
        assertEquals(200, prod.get("/api-version").statusCode());
        assertEquals(200, prod.get("/").statusCode(), "the web app's page, to log in from");
    }

    @Test
    void thePublicOriginLogsInAndOpensTheFeed() {
        String body = "{\"username\":\"admin\",\"password\":\"" + prod.adminPassword() + "\"}";
        assertEquals(200, prod.postJson("/login", body, "Origin", PUBLIC_ORIGIN).statusCode());
        assertEquals(
                200,
                prod.postJson("/login", body, "Origin", "HTTPS://Overlord.Example:443/")
                        .statusCode());
        assertEquals(
                200,
                prod.postJson("/login", body, "Origin", "http://localhost:" + prod.port())
                        .statusCode());
        assertEquals(
                101,
                SocketClient.handshakeStatus(
                        prod.ws("/ws/live"),
                        Map.of("Cookie", prod.cookieHeader(prod.sessionCookie()), "Origin", PUBLIC_ORIGIN)));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (String path : List.of("/", "/health", "/live", "/no-such-page", "/ws/live")) {
            HttpResponse<String> r = prod.get(path);
            String what = path + " (" + r.statusCode() + ")";
            assertEquals(
                    SecurityHeaders.CONTENT_SECURITY_POLICY,
                    r.headers().firstValue("Content-Security-Policy").orElse(""),
                    what);
            assertEquals(
                    "nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), what);
            assertEquals(
                    "no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), what);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), what);
        }
    }

    @Test
    void theWebAppRunsUnderThePolicyNoInlineScriptOrStyle() {
        String page = prod.get("/").body();
        Matcher scripts =
                Pattern.compile("<script\\b[^>]*>", Pattern.CASE_INSENSITIVE).matcher(page);
        int n = 0;
        while (scripts.find()) {
            n++;
            assertTrue(scripts.group().contains(" src="), "an inline script: " + scripts.group());
        }
        assertTrue(n > 0, "the page loads its script: " + page);
        assertFalse(page.toLowerCase().contains("<style"), "an inline style block");
        assertFalse(
                Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE)
                        .matcher(page)
                        .find(),
                "an inline handler");
    }

    @Test
    void inDevTheReadApiStaysOpenAndOriginNullIs403NotA500() {
        assertEquals(200, dev.get("/live").statusCode());
        String body = "{\"username\":\"admin\",\"password\":\"" + dev.adminPassword() + "\"}";
        HttpResponse<String> nullOrigin = dev.postJson("/login", body, "Origin", "null");
        assertEquals(403, nullOrigin.statusCode());
        assertTrue(nullOrigin.body().startsWith("Origin: null"), nullOrigin.body());
        assertEquals(
                200,
                dev.postJson("/login", body, "Origin", "http://127.0.0.1:" + dev.port())
                        .statusCode());
        assertEquals(
                403,
                dev.postJson("/login", body, "Origin", "http://localhost:" + (dev.port() + 1))
                        .statusCode());
    }

    @Test
    void devBindsLoopbackAndProdEveryInterfaceUnlessTold() {
        assertEquals("127.0.0.1", hostFor("dev", ""));
        assertEquals("0.0.0.0", hostFor("prod", ""));
        assertEquals("192.0.2.10", hostFor("dev", "192.0.2.10"));
    }

    @Test
    void proxiesAreAddressesNeverNamesToLookUp() {
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.ofProxies(List.of("proxy.example")));
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.ofProxies(List.of("999.1.1.1")));
        assertEquals(
                2,
                ClientAddress.ofProxies(List.of("10.0.0.2", " ::1 ")).proxies().size());
    }

    private static String hostFor(String mode, String host) {
        return ServerSettings.from(Server.config(
                        ConfigFactory.parseMap(Map.of("overlord.mode", mode, "overlord.http.host", host))))
                .host();
    }

    /** A GET from a chosen loopback address (the JDK's client cannot pick one); the status. */
    private static int rawGet(String from, int port, String path, String... headerLines) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(10_000);
            StringBuilder r =
                    new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String h : headerLines) r.append(h).append("\r\n");
            s.getOutputStream().write(r.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
