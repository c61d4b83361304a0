package dev.overlord.http.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;

/**
 * A real WebSocket client over loopback (the JDK's), for either side of the server: it collects
 * every text message it receives, in order, into a thread-safe list, and waits for what a test
 * expects with a deadline.
 */
public final class SocketClient implements AutoCloseable {
    public static final Duration DEADLINE = Duration.ofSeconds(15);
    /** Messages arrive within milliseconds over loopback: poll often, give up at the deadline. */
    public static ConditionFactory waiting(String what) {
        return await(what).atMost(DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final List<ByteBuffer> binaries = new CopyOnWriteArrayList<>();
    /** The close code the server sent, or -1 when the connection failed without one. */
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private volatile String closeReason = "";
    private WebSocket socket;

    private SocketClient(URI uri) {
        this.uri = uri;
    }

    /** Opens a socket; fails with {@link WebSocketHandshakeException} (as cause) when refused. */
    public static SocketClient connect(URI uri, Map<String, String> headers) {
        SocketClient c = new SocketClient(uri);
        WebSocket.Builder b = CLIENT.newWebSocketBuilder().connectTimeout(DEADLINE);
        headers.forEach(b::header);
        try {
            c.socket = b.buildAsync(uri, c.new Listener()).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("could not open " + uri, e);
        }
        return c;
    }

    /** The HTTP status of an attempt to open a socket: 101 when upgraded (the socket is then closed). */
    public static int handshakeStatus(URI uri, Map<String, String> headers) {
        try (SocketClient c = connect(uri, headers)) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h)
                return h.getResponse().statusCode();
            throw e;
        }
    }

    // ---- sending ----

    public synchronized SocketClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public SocketClient send(JsonNode json) {
        return send(json.toString());
    }

    /** Sends one text message as several WebSocket frames (a streamed message on the server). */
    public synchronized SocketClient sendFragments(String... parts) {
        for (int i = 0; i < parts.length; i++)
            socket.sendText(parts[i], i == parts.length - 1).join();
        return this;
    }

    /**
     * Sends one message (in fragments when given several parts) that the server may refuse by
     * closing the socket before the client is done writing: false when that happened.
     */
    public boolean sendExpectingRefusal(String... parts) {
        try {
            sendFragments(parts);
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException) return false;
            throw e;
        }
    }

    /** Starts a fragmented text message and never finishes it. */
    public synchronized SocketClient sendFirstFragmentOnly(String part) {
        socket.sendText(part, false).join();
        return this;
    }

    public synchronized SocketClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    // ---- what arrived ----

    /** Every text message received so far, in order. */
    public List<String> texts() {
        return List.copyOf(texts);
    }

    /** Every text message received so far, parsed. */
    public List<JsonNode> json() {
        return texts.stream().map(SocketClient::parse).toList();
    }

    /** The live-feed events received so far: the messages that carry a {@code seq}, in order. */
    public List<JsonNode> events() {
        return json().stream()
                .filter(j -> j.has("seq") && !j.path("type").asText().equals("snapshot"))
                .toList();
    }

    /** The first message matching {@code p}, waiting for it up to the deadline. */
    public JsonNode awaitJson(Predicate<JsonNode> p) {
        return waiting("a message on " + uri)
                .until(() -> json().stream().filter(p).findFirst(), Optional::isPresent)
                .get();
    }

    /** The first message of this type. */
    public JsonNode awaitType(String type) {
        return awaitJson(j -> type.equals(j.path("type").asText()));
    }

    /** Waits until {@code n} messages match {@code p} and returns them in order. */
    public List<JsonNode> awaitCount(Predicate<JsonNode> p, int n) {
        return waiting(n + " messages on " + uri)
                .until(() -> json().stream().filter(p).toList(), l -> l.size() >= n);
    }

    /** Waits until the server closes the socket; the close code, or -1 when it just went away. */
    public int awaitClosed() {
        return waiting("close of " + uri).until(() -> closed.getNow(null), c -> c != null);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public String closeReason() {
        return closeReason;
    }

    public List<ByteBuffer> binaries() {
        return List.copyOf(binaries);
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("server sent something that is not JSON: " + text, e);
        }
    }

    /** Closes politely, and hard if the server does not answer within a few seconds. */
    @Override
    public void close() {
        if (socket == null) return;
        if (!closed.isDone() && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done").get(5, TimeUnit.SECONDS);
                closed.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // The server did not answer the close in time: drop the connection.
            }
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            binaries.add(data);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeReason = error.toString();
            closed.complete(-1);
        }
    }
}
