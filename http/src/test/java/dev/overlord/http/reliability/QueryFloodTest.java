package dev.overlord.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.http.testing.Proof;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Hole 2: a flood of wide {@code /trails} and {@code /history} requests is bounded by the query
 * gate (503 with Retry-After at once when full), while the time-series writer, on its own
 * dispatcher, keeps writing telemetry at its usual latency and {@code /ready} keeps answering
 * quickly on its own path. On PostgreSQL, with a day of telemetry for 60 characters to query.
 */
class QueryFloodTest {
    static final int CHARACTERS = 60;
    static final int ROWS = Proof.pick(300_000, 1_000_000);
    static final Duration FLOOD = Proof.pick(Duration.ofSeconds(20), Duration.ofMinutes(3));
    static final Duration CALM = Duration.ofSeconds(5);
    static final int FLOODERS = 24;
    static final int MAX_RUNNING = 2;
    static final int MAX_WAITING = 6;

    /** Generous on a shared 2-core machine; the figures measured are printed and recorded. */
    static final Duration WRITER_BOUND = Duration.ofSeconds(5);

    static final Duration READY_BOUND = Duration.ofSeconds(2);
    static final Duration REFUSAL_BOUND = Duration.ofSeconds(1);

    @Test
    void aQueryFloodIsRefusedFastWhileTelemetryKeepsBeingWrittenAndReadyAnswers() throws Exception {
        try (TestDatabase db = TestDatabases.freshPostgres();
                RunningServer overlord = RunningServer.create()
                        .database(db.settings())
                        .with("overlord.database.max-pool-size = 6")
                        .with("overlord.http.queries { max-running = " + MAX_RUNNING + ", max-waiting = " + MAX_WAITING
                                + " }")
                        .start()) {
            seed(db);
            try (WriterCanary canary = WriterCanary.start(overlord, db.settings(), Duration.ofMillis(200))) {
                // The calm before: the writer's latency with nothing else going on.
                SocketClient.waiting("the first canary frames").until(() -> canary.stored() >= 5);
                canary.nextPhase();
                long calmUntil = canary.sent() + CALM.toMillis() / 200;
                SocketClient.waiting("a calm phase of canary frames")
                        .atMost(CALM.multipliedBy(3))
                        .until(() -> canary.stored() >= calmUntil);
                Timings calm = canary.nextPhase();

                Flood flood = new Flood(overlord);
                Timings ready = new Timings();
                List<Integer> readyStatuses = new ArrayList<>();
                flood.run(FLOOD, () -> {
                    long start = System.nanoTime();
                    HttpResponse<String> r = overlord.get("/ready");
                    ready.addNanos(System.nanoTime() - start);
                    synchronized (readyStatuses) {
                        readyStatuses.add(r.statusCode());
                    }
                });
                Timings flooded = canary.nextPhase();
                canary.stopAndAwaitStored(Duration.ofSeconds(30));

                long dropped =
                        overlord.server().metrics().value("overlord_timeseries_dropped_total", "reason", "buffer_full");
                String figures = String.format(
                        "rows=%d flooders=%d gate=%d+%d flood=%ds%n"
                                + "  writer latency calm:    %s%n"
                                + "  writer latency flooded: %s%n"
                                + "  /ready during flood:    %s statuses=%s%n"
                                + "  flood answers: %s%n"
                                + "  503 answer time: %s%n  200 answer time: %s",
                        ROWS,
                        FLOODERS,
                        MAX_RUNNING,
                        MAX_WAITING,
                        FLOOD.toSeconds(),
                        calm.summary(),
                        flooded.summary(),
                        ready.summary(),
                        readyStatuses.stream().distinct().toList(),
                        flood.statuses,
                        flood.refused.summary(),
                        flood.served.summary());
                System.out.println("QueryFloodTest figures:\n  " + figures);

                assertTrue(flooded.count() >= FLOOD.toSeconds() * 3, "the canary kept sending: " + figures);
                assertTrue(flooded.max().compareTo(WRITER_BOUND) <= 0, "the writer was starved: " + figures);
                assertEquals(0, dropped, "no telemetry dropped for a full buffer");
                assertTrue(readyStatuses.stream().allMatch(s -> s == 200), "/ready stayed ready: " + figures);
                assertTrue(ready.max().compareTo(READY_BOUND) <= 0, "/ready was slow: " + figures);
                assertTrue(
                        flood.statuses.getOrDefault(503, new AtomicLong()).get() > 0,
                        "the gate refused some: " + figures);
                assertTrue(flood.statuses.getOrDefault(200, new AtomicLong()).get() > 0, "and served some: " + figures);
                assertEquals(Map.of(), flood.others(), "nothing but 200 and 503: " + figures);
                assertEquals(0, flood.missingRetryAfter.get(), "every 503 says when to retry");
                assertTrue(flood.refused.percentile(99).compareTo(REFUSAL_BOUND) <= 0, "refusals are fast: " + figures);
            }
        }
    }

    /** A day of telemetry for {@value #CHARACTERS} characters, written straight into the table. */
    private static void seed(TestDatabase db) throws Exception {
        try (Connection c = TestDatabases.connect(db.settings().url());
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO telemetry_events (character_name, ts, ew, ns, z, kills, vt_state, raw)"
                    + " SELECT 'Char' || (i % " + CHARACTERS + "), now() - (i * interval '1 second') * 86000 / " + ROWS
                    + ", random() * 100, random() * 100, 0, i, 'Combat', '{}'"
                    + " FROM generate_series(1, " + ROWS + ") AS i");
            st.execute("ANALYZE telemetry_events");
        }
    }

    /** {@value #FLOODERS} clients asking for the widest trails and history pages, as fast as they are answered. */
    private static final class Flood {
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final Timings refused = new Timings();
        final Timings served = new Timings();
        final AtomicLong missingRetryAfter = new AtomicLong();
        private final RunningServer overlord;
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        Flood(RunningServer overlord) {
            this.overlord = overlord;
        }

        /** Floods for {@code length}, running {@code probe} every 250 ms meanwhile. */
        void run(Duration length, Runnable probe) throws Exception {
            long end = System.nanoTime() + length.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(FLOODERS);
            ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor();
            try {
                probes.scheduleAtFixedRate(probe, 0, 250, TimeUnit.MILLISECONDS);
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < FLOODERS; i++) {
                    int n = i;
                    all.add(pool.submit(() -> {
                        while (System.nanoTime() < end) ask(n);
                        return null;
                    }));
                }
                for (Future<?> f : all) f.get();
            } finally {
                probes.shutdownNow();
                probes.awaitTermination(15, TimeUnit.SECONDS);
                pool.shutdownNow();
            }
        }

        private void ask(int n) throws Exception {
            String path = n % 2 == 0
                    ? "/trails?minutes=1440&points=2000"
                    : "/history?from=" + Instant.now().minus(Duration.ofHours(23)) + "&limit=10000";
            long start = System.nanoTime();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(overlord.origin() + path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            statuses.computeIfAbsent(r.statusCode(), s -> new AtomicLong()).incrementAndGet();
            if (r.statusCode() == 503) {
                refused.addNanos(took);
                if (r.headers().firstValue("retry-after").isEmpty()) missingRetryAfter.incrementAndGet();
            } else if (r.statusCode() == 200) {
                served.addNanos(took);
            }
        }

        Map<Integer, Long> others() {
            Map<Integer, Long> out = new TreeMap<>();
            statuses.forEach((s, n) -> {
                if (s != 200 && s != 503) out.put(s, n.get());
            });
            return out;
        }
    }
}
