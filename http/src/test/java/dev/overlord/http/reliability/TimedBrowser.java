package dev.overlord.http.reliability;

import dev.overlord.http.testing.RunningServer;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A logged-in browser on {@code /ws/live} that times every message carrying {@code t=<nanoTime>}
 * (stamped by the sending plugin in this same JVM) from send to receipt, into the current phase's
 * {@link Timings}, without keeping the messages.
 */
final class TimedBrowser implements AutoCloseable {
    private static final Pattern STAMP = Pattern.compile("t=(\\d+)");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final AtomicLong received = new AtomicLong();
    private volatile Timings timings = new Timings();
    private WebSocket socket;

    static TimedBrowser open(RunningServer overlord) {
        TimedBrowser b = new TimedBrowser();
        try {
            b.socket = CLIENT.newWebSocketBuilder()
                    .header("Cookie", overlord.cookieHeader(overlord.sessionCookie()))
                    .buildAsync(overlord.ws("/ws/live"), b.new Listener())
                    .get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not open /ws/live", e);
        }
        return b;
    }

    /** Stamped messages received so far. */
    long received() {
        return received.get();
    }

    /** Starts a new set of latencies and returns the last one. */
    Timings nextPhase() {
        Timings last = timings;
        timings = new Timings();
        return last;
    }

    @Override
    public void close() {
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
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                Matcher m = STAMP.matcher(partial);
                if (m.find()) {
                    timings.addNanos(now - Long.parseLong(m.group(1)));
                    received.incrementAndGet();
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
