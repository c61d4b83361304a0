package dev.overlord.http.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Simulator-like load from plugin sockets: every tick each character sends telemetry (with a
 * growing kill count), every 4th tick a chat line and every 8th a rare with a name never sent
 * before. What was sent, and when, is recorded so a suite can check what the server kept.
 * Sending stops for good at the first failed send (the server went away) or at {@link #close()}.
 */
final class FleetLoad implements AutoCloseable {
    /** A telemetry frame sent: its character, its timestamp (the row's key) and when it left. */
    record Sent(String character, Instant timestamp, long sentNanos) {}

    private final List<String> characters;
    private final List<SocketClient> sockets = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, AtomicLong> counters;
    private final List<Sent> telemetry = new CopyOnWriteArrayList<>();
    private final Map<String, Long> rares = new ConcurrentHashMap<>();
    private final AtomicLong ticks = new AtomicLong();
    private final Timings tickSends = new Timings();
    private final AtomicLong frames = new AtomicLong();
    private volatile boolean stopped;
    private volatile Throwable failure;

    /**
     * @param counters per character, the kill count and rare number to go on from (shared by the
     *     loads of one suite, so counts grow across restarts and every rare name is new)
     */
    private FleetLoad(List<String> characters, Map<String, AtomicLong> counters) {
        this.characters = List.copyOf(characters);
        this.counters = counters;
    }

    /** Opens {@code socketCount} plugin sockets and ticks every {@code tickMillis}. */
    static FleetLoad start(
            List<String> characters,
            Map<String, AtomicLong> counters,
            int socketCount,
            Supplier<SocketClient> plugin,
            long tickMillis) {
        FleetLoad load = new FleetLoad(characters, counters);
        for (int i = 0; i < socketCount; i++) load.sockets.add(plugin.get());
        load.ticker.scheduleAtFixedRate(load::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
        return load;
    }

    private void tick() {
        if (stopped) return;
        long t = ticks.get();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < characters.size(); i++) {
                String c = characters.get(i);
                SocketClient socket = sockets.get(i % sockets.size());
                long n = counters.computeIfAbsent(c, k -> new AtomicLong()).incrementAndGet();
                ObjectNode f = Frames.telemetry(c, 10 + n % 50, -20 - n % 30, n);
                f.put("session_id", "sess-" + c);
                Instant ts = Instant.parse(f.get("timestamp").asText());
                socket.send(f);
                telemetry.add(new Sent(c, ts, System.nanoTime()));
                frames.incrementAndGet();
                if ((t + i) % 4 == 0) {
                    socket.send(Frames.chat(c, "chat " + n));
                    frames.incrementAndGet();
                }
                if ((t + i) % 8 == 0) {
                    String name = "Rare of " + c + " #" + n;
                    socket.send(Frames.rare(c, name));
                    rares.put(name, System.nanoTime());
                    frames.incrementAndGet();
                }
            }
            tickSends.addNanos(System.nanoTime() - started);
            ticks.incrementAndGet();
        } catch (RuntimeException e) {
            failure = e;
            stopped = true;
        }
    }

    long ticks() {
        return ticks.get();
    }

    /** How long each tick's sends took: a socket the server stops reading makes them wait. */
    Timings tickSends() {
        return tickSends;
    }

    long frames() {
        return frames.get();
    }

    List<Sent> telemetry() {
        return List.copyOf(telemetry);
    }

    /** Rare names sent, with the {@link System#nanoTime()} each left. */
    Map<String, Long> rares() {
        return Map.copyOf(rares);
    }

    List<SocketClient> sockets() {
        return List.copyOf(sockets);
    }

    /** Whether a send failed (the server went away); the load has stopped then. */
    boolean failed() {
        return failure != null;
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        stopped = true;
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketClient s : sockets) {
            try {
                s.close();
            } catch (RuntimeException e) {
                // The server may be gone already: its socket is closed either way.
            }
        }
    }

    /** {@code character@timestamp} of the telemetry rows stored since the first of {@code sent}. */
    static Set<String> storedTelemetry(TestDatabase db, List<Sent> sent) throws SQLException {
        Set<String> out = new HashSet<>();
        if (sent.isEmpty()) return out;
        Instant from =
                sent.stream().map(Sent::timestamp).min(Instant::compareTo).orElseThrow();
        try (Connection c = TestDatabases.connect(db.settings().url());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT character_name, ts FROM telemetry_events WHERE ts >= '" + from + "'::timestamptz")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "@"
                        + rs.getObject(2, OffsetDateTime.class).toInstant());
            }
        }
        return out;
    }

    /** The first column of every row {@code sql} returns, as text. */
    static List<String> strings(TestDatabase db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestDatabases.connect(db.settings().url());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
