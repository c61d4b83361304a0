package dev.overlord.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server: a short body whole, a long one cut at the bound, an endless one too. */
class BoundedBodyTest {
    private HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong endlessWritten = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/short", x -> {
            byte[] body = "héllo".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/endless", x -> {
            x.sendResponseHeaders(200, 0); // chunked, no end
            byte[] chunk = new byte[8192];
            try (OutputStream out = x.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) { // 800 MB if the client read it all
                    out.write(chunk);
                    endlessWritten.addAndGet(chunk.length);
                }
            } catch (IOException expected) {
                // the client stopped reading and closed the connection
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aBodyWithinTheBoundIsReadWhole() throws Exception {
        HttpResponse<BoundedBody.Body> r =
                client.send(HttpRequest.newBuilder(uri("/short")).build(), BoundedBody.handler(1024));
        assertFalse(r.body().truncated());
        assertEquals("héllo", r.body().text());
        assertEquals(
                "héllo",
                client.send(HttpRequest.newBuilder(uri("/short")).build(), BoundedBody.text(1024))
                        .body());
    }

    @Test
    void aLongerBodyIsCutAtTheBound() throws Exception {
        HttpResponse<BoundedBody.Body> r =
                client.send(HttpRequest.newBuilder(uri("/short")).build(), BoundedBody.handler(3));
        assertTrue(r.body().truncated());
        assertArrayEquals("hé".getBytes(StandardCharsets.UTF_8), r.body().bytes());
    }

    @Test
    void anEndlessBodyEndsAtTheBoundAndIsNotReadOn() throws Exception {
        HttpResponse<BoundedBody.Body> r =
                client.send(HttpRequest.newBuilder(uri("/endless")).build(), BoundedBody.handler(100_000));
        assertTrue(r.body().truncated());
        assertEquals(100_000, r.body().bytes().length);
        // the server could write at most what the socket buffers held past the bound
        assertTrue(endlessWritten.get() < 100_000_000L, "the server wrote " + endlessWritten.get() + " bytes");
    }
}
