package dev.overlord.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the server's live feed for the standalone bot: subscribes to {@code rare} and {@code chat}
 * only (as the reference's bot does), hands each message to a consumer, and reconnects with backoff
 * when the socket closes, resuming after the last sequence number seen so nothing is missed across
 * a short outage. A message is assembled up to a bound; a larger one is skipped whole.
 */
public final class LiveFeedClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveFeedClient.class);

    static final String SUBSCRIBE = "{\"type\":\"subscribe\",\"message_types\":[\"rare\",\"chat\"]}";
    /** A connection that lasted this long was a good one: the next failure starts the backoff over. */
    static final Duration STABLE = Duration.ofSeconds(30);

    private final URI url;
    private final String apiToken;
    private final int maxMessageChars;
    private final Consumer<String> feed;
    private final Backoff backoff;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService timer;
    private final AtomicLong lastSeq = new AtomicLong(-1);
    private final AtomicLong skipped = new AtomicLong();
    private volatile WebSocket socket;
    private volatile boolean closed;

    /**
     * @param apiToken sent as {@code Authorization: Bearer} when not blank (the server's
     *     OVERLORD_API_TOKEN; reading the feed is all it allows)
     */
    public LiveFeedClient(
            URI url,
            String apiToken,
            int maxMessageChars,
            Duration backoffMin,
            Duration backoffMax,
            Consumer<String> feed) {
        this.url = url;
        this.apiToken = apiToken == null ? "" : apiToken.trim();
        this.maxMessageChars = maxMessageChars;
        this.feed = feed;
        this.backoff = new Backoff(backoffMin, backoffMax);
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-feed-reconnect");
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects now (and again whenever the socket closes) until {@link #close}. */
    public void start() {
        timer.execute(this::connect);
    }

    /** Messages skipped for being larger than the bound. */
    public long skipped() {
        return skipped.get();
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        WebSocket s = socket;
        if (s != null) s.abort();
    }

    private void connect() {
        if (closed) return;
        long seq = lastSeq.get();
        URI target = seq >= 0 ? URI.create(url + (url.getRawQuery() == null ? "?" : "&") + "last_seq=" + seq) : url;
        WebSocket.Builder b = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (!apiToken.isEmpty()) b.header("Authorization", "Bearer " + apiToken);
        long opened = System.nanoTime();
        b.buildAsync(target, new Listener(opened)).whenComplete((ws, error) -> {
            if (error != null) {
                // The cause's class only: an HTTP refusal's message may quote the request.
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                retry("could not connect (" + cause.getClass().getSimpleName() + ")", opened);
            } else {
                socket = ws;
                log.info("Live feed connected: {}", url.getHost() + ":" + url.getPort() + url.getPath());
                ws.sendText(SUBSCRIBE, true);
            }
        });
    }

    private void retry(String why, long opened) {
        if (closed) return;
        if (Duration.ofNanos(System.nanoTime() - opened).compareTo(STABLE) >= 0) backoff.reset();
        Duration after = backoff.next();
        log.warn("Live feed {}; reconnecting in {} ms", why, after.toMillis());
        try {
            timer.schedule(this::connect, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final long opened;
        private final StringBuilder parts = new StringBuilder();
        private boolean skipping;
        private boolean done;

        Listener(long opened) {
            this.opened = opened;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!skipping) {
                if (parts.length() + data.length() > maxMessageChars) {
                    skipping = true;
                    parts.setLength(0);
                } else {
                    parts.append(data);
                }
            }
            if (last) {
                if (skipping) skipped.incrementAndGet();
                else deliver(parts.toString());
                skipping = false;
                parts.setLength(0);
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
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            ended("closed (" + status + ")");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ended("failed (" + error.getClass().getSimpleName() + ")");
        }

        private synchronized void ended(String why) {
            if (done) return;
            done = true;
            retry(why, opened);
        }
    }

    private void deliver(String text) {
        try {
            JsonNode n = json.readTree(text);
            if (n != null && n.path("seq").canConvertToLong())
                lastSeq.set(n.path("seq").asLong());
            if (n != null && "gap".equals(n.path("type").asText())) {
                // Events were missed and are no longer held: start from now next time.
                lastSeq.set(-1);
            }
        } catch (Exception e) {
            // not JSON: the bot ignores it too
        }
        try {
            feed.accept(text);
        } catch (RuntimeException e) {
            log.warn("Live feed message not handled: {}", e.getClass().getSimpleName());
        }
    }
}
