package dev.overlord.http.reliability;

import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the time-series writer from outside: one plugin sends a telemetry frame for
 * {@value #CHARACTER} at a steady pace, each carrying its number in {@code kills}, and a poller
 * reads the highest number stored in {@code telemetry_events} (PostgreSQL, its own connection).
 * The writer writes in order, so when number {@code k} is stored all before it are: the latency
 * of frame {@code k} is from its send to the first poll that sees it.
 */
final class WriterCanary implements AutoCloseable {
    static final String CHARACTER = "Canary";

    private final SocketClient plugin;
    private final Connection connection;
    private final ScheduledExecutorService pace = Executors.newScheduledThreadPool(2);
    private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private volatile Timings timings = new Timings();

    private WriterCanary(SocketClient plugin, Connection connection) {
        this.plugin = plugin;
        this.connection = connection;
    }

    /** Starts sending every {@code every} to {@code overlord}, whose database is {@code database}. */
    static WriterCanary start(RunningServer overlord, DatabaseSettings database, Duration every) {
        try {
            WriterCanary c = new WriterCanary(overlord.plugin(), TestDatabases.connect(database.url()));
            c.pace.scheduleAtFixedRate(c::sendOne, 0, every.toMillis(), TimeUnit.MILLISECONDS);
            c.pace.scheduleWithFixedDelay(c::poll, 20, 20, TimeUnit.MILLISECONDS);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sendOne() {
        long n = sent.get() + 1;
        sentAt.put(n, System.nanoTime());
        plugin.send(Frames.telemetry(CHARACTER, 10 + n * 0.001, 20, n));
        sent.set(n);
    }

    private void poll() {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COALESCE(MAX(kills), 0) FROM telemetry_events WHERE character_name = ?")) {
            ps.setString(1, CHARACTER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long now = System.nanoTime();
                long max = rs.getLong(1);
                Timings t = timings;
                for (long k = stored.get() + 1; k <= max; k++) {
                    Long at = sentAt.remove(k);
                    if (at != null) t.addNanos(now - at);
                }
                stored.accumulateAndGet(max, Math::max);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a new set of latencies (e.g. for the next phase) and returns the last one. */
    Timings nextPhase() {
        Timings last = timings;
        timings = new Timings();
        return last;
    }

    long sent() {
        return sent.get();
    }

    long stored() {
        return stored.get();
    }

    /** Stops sending and waits (up to {@code atMost}) for every frame sent to be stored. */
    void stopAndAwaitStored(Duration atMost) {
        pace.shutdownNow();
        try {
            pace.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long target = sent.get();
        SocketClient.waiting("every canary frame to be stored")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    poll();
                    return stored.get() >= target;
                });
    }

    @Override
    public void close() {
        pace.shutdownNow();
        plugin.close();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
