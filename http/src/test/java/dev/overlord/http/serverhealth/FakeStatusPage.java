package dev.overlord.http.serverhealth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A game server's status page on loopback: answers each request with the next scripted reply, and
 * with the standing reply once the script is used up. A {@link #HANG} reply never answers until
 * the page closes.
 */
final class FakeStatusPage implements AutoCloseable {
    /** One answer: a status and a body. */
    record Reply(int status, byte[] body) {
        static Reply json(int status, String body) {
            return new Reply(status, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    static final Reply HANG = new Reply(-1, new byte[0]);

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Reply> standing;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    FakeStatusPage(Reply standing) {
        this.standing = new AtomicReference<>(standing);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/status", exchange -> {
            requests.incrementAndGet();
            Reply r = script.poll();
            if (r == null) r = this.standing.get();
            if (r == HANG) {
                try {
                    closing.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(r.body());
            } catch (IOException e) {
                // The client stopped reading (a page past its bound): fine.
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    /** Queues replies for the next requests, in order. */
    FakeStatusPage then(Reply... replies) {
        script.addAll(java.util.List.of(replies));
        return this;
    }

    /** The reply once the script is used up. */
    void standing(Reply reply) {
        standing.set(reply);
    }

    int requests() {
        return requests.get();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/status");
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
