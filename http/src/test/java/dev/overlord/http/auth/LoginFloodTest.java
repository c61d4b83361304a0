package dev.overlord.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.http.testing.RunningServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flood of logins with random names meets the password-check gate: one check at a time and no
 * queue here, so the rest are refused at once with 503 and Retry-After, and the server still
 * answers everything else.
 */
class LoginFloodTest {
    static final int FLOOD = 24;

    @RegisterExtension
    static final RunningServer overlord = RunningServer.create()
            // Real-cost hashes, so checks overlap; one at a time, nothing waits.
            .with("overlord.users.bcrypt-cost = 10")
            .with("overlord.auth.login { concurrency = 1, queue = 0 }");

    @Test
    void beyondTheGateLoginsAre503AtOnceWithRetryAfter() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < FLOOD; i++) {
            all.add(client.sendAsync(
                    HttpRequest.newBuilder(overlord.http("/login"))
                            .header("Content-Type", "application/json")
                            .timeout(RunningServer.HTTP_TIMEOUT)
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"username\":\"flood-" + i + "\",\"password\":\"guess-" + i + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int unauthorized = 0;
        int busy = 0;
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 401) unauthorized++;
            else if (r.statusCode() == 503) {
                busy++;
                assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
                assertTrue(r.body().contains("too many logins at once"), r.body());
            } else throw new AssertionError("unexpected " + r.statusCode() + " " + r.body());
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "login flood: %d logins, %d checked, %d refused 503, %d ms%n", FLOOD, unauthorized, busy, tookMs);
        assertTrue(busy > 0, "the gate refused some");
        assertTrue(unauthorized >= 1, "the gate let some through");
        assertEquals(busy, overlord.metric("overlord_logins_total", "outcome", "busy"));
        assertEquals(200, overlord.get("/health").statusCode());
    }
}
