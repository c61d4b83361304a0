package dev.overlord.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * One benchmark browser on {@code /ws/live}: counts the plugin frames it receives and, while the
 * run is measuring, records each one's latency (now minus the frame's {@code bench_ts}; the
 * plugins run in this JVM, so their nanoTime is comparable). Notices when the server cuts it off.
 *
 * <p>Browsers use the JDK's WebSocket client rather than Pekko's: it reads a message for a few
 * hundred nanoseconds where Pekko's client materializes a sub-stream per message, so the load
 * generator leaves more of the machine to the server under test. For the same reason it only counts
 * what it receives, where the http tests' {@code SocketClient} keeps and parses every message.
 */
public final class BrowserClient {
    private final LongAdder delivered = new LongAdder();
    private final LongAdder other = new LongAdder();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final LatencyHistogram latency;
    private final BooleanSupplier measuring;
    private volatile boolean cutOff;
    private volatile WebSocket socket;

    private BrowserClient(LatencyHistogram latency, BooleanSupplier measuring) {
        this.latency = latency;
        this.measuring = measuring;
    }

    /** Connects; completes when the server accepted the upgrade. */
    public static CompletionStage<BrowserClient> connect(
            HttpClient http, String url, LatencyHistogram latency, BooleanSupplier measuring) {
        BrowserClient b = new BrowserClient(latency, measuring);
        return http.newWebSocketBuilder()
                .buildAsync(URI.create(url), b.new Listener())
                .thenApply(ws -> {
                    b.socket = ws;
                    return b;
                });
    }

    private final class Listener implements WebSocket.Listener {
        private StringBuilder partial;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (last && partial == null) {
                onMessage(data.toString());
            } else {
                if (partial == null) partial = new StringBuilder();
                partial.append(data);
                if (last) {
                    onMessage(partial.toString());
                    partial = null;
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(null);
        }
    }

    private void onMessage(String text) {
        long ts = Frames.timestampOf(text);
        if (ts != Frames.NO_TS) {
            long now = System.nanoTime();
            delivered.increment();
            if (measuring.getAsBoolean()) latency.record(now - ts);
        } else {
            other.increment();
            if (text.contains("\"slow_consumer\"")) cutOff = true;
        }
    }

    /** Plugin frames received so far. */
    public long delivered() {
        return delivered.sum();
    }

    /** Other messages (snapshots, gaps, notices) received so far. */
    public long others() {
        return other.sum();
    }

    /** True once the server said this browser fell too far behind. */
    public boolean cutOff() {
        return cutOff;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes the socket from this side. */
    public void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").exceptionally(e -> null);
        }
        if (ws != null) ws.abort();
    }
}
