package dev.overlord.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.testing.RunningServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /login} against a real server: what is refused before any password is checked (size,
 * shape, name), and the throttle per (name, client address), with clients on two loopback addresses.
 */
class LoginLimitsTest {
    static final int FREE = 3;

    @RegisterExtension
    static final RunningServer overlord = RunningServer.create()
            .with("overlord.auth.login { free-attempts = " + FREE + ", name-free-attempts = 50 }");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String error(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body()).path("error").asText();
    }

    private static String credentials(String user, String password) {
        return JSON.createObjectNode()
                .put("username", user)
                .put("password", password)
                .toString();
    }

    private static HttpResponse<String> post(HttpClient client, String contentType, String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(overlord.http("/login"))
                        .header("Content-Type", contentType)
                        .timeout(RunningServer.HTTP_TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient from(String address) throws Exception {
        return HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(address))
                .connectTimeout(RunningServer.HTTP_TIMEOUT)
                .build();
    }

    @Test
    void aNameLongerThan64CharactersIs400BeforeAnyCheck() throws Exception {
        long failedBefore = overlord.metric("overlord_logins_total", "outcome", "failed");
        HttpResponse<String> r = overlord.postJson("/login", credentials("a".repeat(65), "whatever-password"));

        assertEquals(400, r.statusCode());
        assertEquals("user name longer than 64 characters", error(r));
        assertEquals(failedBefore, overlord.metric("overlord_logins_total", "outcome", "failed"), "no password check");
    }

    @Test
    void aNameWithControlCharactersIs400() throws Exception {
        for (String name : List.of("admin\r\nforged: line", "ad\u0000min", "admin\u202e", "\u0007")) {
            HttpResponse<String> r = overlord.postJson("/login", credentials(name, "whatever-password"));
            assertEquals(400, r.statusCode(), name);
            assertEquals("user name holds control or invisible characters", error(r));
        }
    }

    @Test
    void aBodyLargerThanTheLimitIs413() throws Exception {
        String big = credentials("admin", "p".repeat(64 * 1024));
        HttpResponse<String> r = overlord.postJson("/login", big);

        assertEquals(413, r.statusCode());
        assertTrue(error(r).startsWith("login body larger than 4096 bytes"), r.body());
    }

    @Test
    void aMegabyteBodyGetsIts413InsteadOfAResetConnection() throws Exception {
        // Read and discarded up to the swallow limit, so a client still sending sees the answer.
        String huge = credentials("n".repeat(1 << 20), "wrong");
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            answers.add(client.sendAsync(
                    HttpRequest.newBuilder(overlord.http("/login"))
                            .header("Content-Type", "application/json")
                            .timeout(RunningServer.HTTP_TIMEOUT)
                            .POST(HttpRequest.BodyPublishers.ofString(huge))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> a : answers)
            assertEquals(413, a.get().statusCode());
    }

    @Test
    void aBodyDeclaredBeyondTheSwallowLimitIsRefusedWithoutReadingIt() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", overlord.port())) {
            socket.setSoTimeout((int) RunningServer.HTTP_TIMEOUT.toMillis());
            socket.getOutputStream()
                    .write(("POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + "Content-Length: "
                                    + (AuthRoutes.SWALLOW_BYTES + 1) + "\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(
                            socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                    .readLine();
            assertTrue(status.startsWith("HTTP/1.1 413 "), status);
        }
    }

    @Test
    void aChunkedBodyLargerThanTheLimitIs413Too() throws Exception {
        byte[] big = credentials("admin", "p".repeat(16 * 1024)).getBytes();
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(overlord.http("/login"))
                                .header("Content-Type", "application/json")
                                .timeout(RunningServer.HTTP_TIMEOUT)
                                // A stream of unknown length goes chunked: no Content-Length to judge by.
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(big)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode());
    }

    @Test
    void aMalformedPercentEscapeInAFormIs400WithAReason() throws Exception {
        for (String body : List.of("username=admin&password=%zz", "username=%&password=x", "username=a%2&password=x")) {
            HttpResponse<String> r = post(HttpClient.newHttpClient(), "application/x-www-form-urlencoded", body);
            assertEquals(400, r.statusCode(), body);
            assertEquals("malformed %-escape in the form body: write % as %25", error(r));
        }
    }

    @Test
    void aGuesserIsSlowedWhileTheOwnerOnAnotherAddressLogsIn() throws Exception {
        String name = "target-user";
        HttpClient guesser = from("127.0.0.2");
        for (int i = 0; i < FREE; i++) {
            assertEquals(
                    401,
                    post(guesser, "application/json", credentials(name, "guess-" + i))
                            .statusCode());
        }
        HttpResponse<String> slowed = post(guesser, "application/json", credentials(name, "guess-again"));
        assertEquals(429, slowed.statusCode());
        assertEquals("1", slowed.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(error(slowed).startsWith("too many failed logins"), slowed.body());

        // The same name from another address is not locked out: it gets its own free attempts.
        HttpClient owner = from("127.0.0.3");
        assertEquals(
                401,
                post(owner, "application/json", credentials(name, "owner-typo")).statusCode());
        // And the admin logs in from the guesser's neighbour untouched.
        assertEquals(
                200,
                post(owner, "application/json", credentials(RunningServer.ADMIN, overlord.adminPassword()))
                        .statusCode());
    }

    @Test
    void parallelGuessesCannotGetMoreThanTheFreeAttempts() throws Exception {
        String name = "parallel-target";
        HttpClient guesser = from("127.0.0.4");
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(guesser.sendAsync(
                    HttpRequest.newBuilder(overlord.http("/login"))
                            .header("Content-Type", "application/json")
                            .timeout(RunningServer.HTTP_TIMEOUT)
                            .POST(HttpRequest.BodyPublishers.ofString(credentials(name, "guess-" + i)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long checked = 0;
        for (CompletableFuture<HttpResponse<String>> f : all) {
            int status = f.get().statusCode();
            assertTrue(status == 401 || status == 429 || status == 503, "status " + status);
            if (status == 401) checked++;
        }
        assertTrue(checked <= FREE, "at most the free attempts were checked: " + checked);
        assertTrue(checked >= 1, "some were checked");
    }
}
