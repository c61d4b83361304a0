package dev.overlord.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.http.plugin.PluginSocketRoute;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.Proof;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Exhaustion: floods of idle connections and WebSocket upgrades, of logins with random and huge
 * names, and thousands of distinct characters over plugin sockets. Through all of it the server
 * keeps serving a browser and a plugin from another address, the time-series writer's latency
 * (a {@link WriterCanary}) and the heap after GC stay within the bounds stated here.
 */
class ExhaustionTest {
    static final int IDLE_CONNECTIONS = Proof.pick(300, 1_000);
    static final int UPGRADES = Proof.pick(200, 1_000);
    static final int LOGINS = Proof.pick(2_000, 20_000);
    static final int HUGE_NAMES = Proof.pick(50, 200);
    static final int HUGE_NAME_BYTES = 1 << 20;
    static final int CHARACTERS = Proof.pick(2_000, 20_000);
    static final int PLUGINS = 10;

    /** Bounds stated for docs/reliability.md; generous on a shared 2-core machine. */
    static final long HEAP_GROWTH_BOUND_MIB = 256;

    static final Duration WRITER_BOUND = Duration.ofSeconds(5);
    static final Set<Integer> LOGIN_REFUSALS = Set.of(400, 401, 413, 429, 503);

    @Test
    void floodsOfConnectionsLoginsAndCharactersLeaveMemoryAndTheWriterWithinBounds() throws Exception {
        try (TestDatabase db = TestDatabases.freshPostgres();
                RunningServer overlord = RunningServer.create()
                        .database(db.settings())
                        .with("overlord.database.max-pool-size = 6")
                        .start();
                WriterCanary canary = WriterCanary.start(overlord, db.settings(), Duration.ofMillis(200))) {
            overlord.sessionCookie();
            SocketClient.waiting("the first canary frames").until(() -> canary.stored() >= 3);
            long heapBefore = heapAfterGcMiB();
            StringBuilder figures = new StringBuilder();
            figures.append(String.format("heap after GC at start: %d MiB%n", heapBefore));

            // 1. Connections: idle TCP from one address, WebSocket upgrades from a few others.
            long start = System.nanoTime();
            long refusedBefore = overlord.server().metrics().value("overlord_http_connections_refused_total");
            List<RawConnection> held = new ArrayList<>();
            try {
                for (int i = 0; i < IDLE_CONNECTIONS; i++) held.add(RawConnection.open("127.0.0.2", overlord.port()));
                int upgraded = 0;
                for (int i = 0; i < UPGRADES; i++) {
                    RawConnection ws = RawConnection.open("127.0.0." + (3 + i / 50), overlord.port());
                    held.add(ws);
                    if (ws.upgrade("/ws/position", PluginSocketRoute.SECRET_HEADER + ": " + overlord.sharedSecret())
                                    .status()
                            == 101) upgraded++;
                }
                assertEquals(UPGRADES, upgraded, "50 upgrades per address are under the cap");
                SocketClient.waiting("the idle connections over the cap to be refused")
                        .until(() -> overlord.server().metrics().value("overlord_http_connections_refused_total")
                                >= refusedBefore + IDLE_CONNECTIONS - 64);
                stillServes(overlord, "connection flood");
                figures.append(String.format(
                        "connections: %d idle from one address (%d refused), %d WebSocket upgrades: %.1f s, heap %d MiB%n",
                        IDLE_CONNECTIONS,
                        overlord.server().metrics().value("overlord_http_connections_refused_total") - refusedBefore,
                        UPGRADES,
                        (System.nanoTime() - start) / 1e9,
                        heapAfterGcMiB()));
            } finally {
                held.forEach(RawConnection::close);
            }

            // 2. Logins: random names, then huge ones.
            start = System.nanoTime();
            Map<Integer, Integer> loginStatuses = logins(overlord);
            figures.append(String.format(
                    "logins: %d random names + %d names of %d KiB: %s in %.1f s, heap %d MiB%n",
                    LOGINS,
                    HUGE_NAMES,
                    HUGE_NAME_BYTES / 1024,
                    loginStatuses,
                    (System.nanoTime() - start) / 1e9,
                    heapAfterGcMiB()));
            assertTrue(LOGIN_REFUSALS.containsAll(loginStatuses.keySet()), "only refusals: " + loginStatuses);
            stillServes(overlord, "login flood");

            // 3. Characters: thousands of distinct names over a few plugin sockets.
            start = System.nanoTime();
            long writtenBefore =
                    overlord.server().metrics().value("overlord_timeseries_written_total", "table", "telemetry_events");
            List<SocketClient> plugins = new ArrayList<>();
            try {
                for (int p = 0; p < PLUGINS; p++) plugins.add(overlord.plugin());
                for (int c = 0; c < CHARACTERS; c++) {
                    plugins.get(c % PLUGINS).send(Frames.telemetry("Crowd" + c, c % 100, c / 100.0, 1));
                }
                SocketClient.waiting("every character's telemetry to be written")
                        .atMost(Duration.ofMinutes(2))
                        .until(() -> overlord.server()
                                        .metrics()
                                        .value("overlord_timeseries_written_total", "table", "telemetry_events")
                                >= writtenBefore + CHARACTERS);
                stillServes(overlord, "many characters");
            } finally {
                plugins.forEach(SocketClient::close);
            }
            long heapAfter = heapAfterGcMiB();
            figures.append(String.format(
                    "characters: %d distinct names over %d sockets, written in %.1f s, heap %d MiB%n",
                    CHARACTERS, PLUGINS, (System.nanoTime() - start) / 1e9, heapAfter));

            Timings writer = canary.nextPhase();
            canary.stopAndAwaitStored(Duration.ofSeconds(30));
            figures.append("writer latency (canary) throughout: ").append(writer.summary());
            System.out.println("ExhaustionTest figures:\n" + figures);

            assertTrue(heapAfter - heapBefore <= HEAP_GROWTH_BOUND_MIB, "heap grew too much:\n" + figures);
            assertTrue(writer.max().compareTo(WRITER_BOUND) <= 0, "the writer was delayed:\n" + figures);
            assertEquals(
                    0, overlord.server().metrics().value("overlord_timeseries_dropped_total", "reason", "buffer_full"));
        }
    }

    /** A browser and a plugin from the test's own address still get through. */
    private static void stillServes(RunningServer overlord, String after) {
        assertEquals(200, overlord.get("/health").statusCode(), "/health after the " + after);
        String marker = "alive after " + after + " " + UUID.randomUUID();
        try (SocketClient plugin = overlord.plugin();
                SocketClient browser = overlord.browser()) {
            plugin.send(Frames.chat("Dusk", marker));
            browser.awaitJson(j -> marker.equals(j.path("text").asText()));
        }
    }

    private static Map<Integer, Integer> logins(RunningServer overlord) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Map<Integer, Integer> statuses = new TreeMap<>();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            String huge = "n".repeat(HUGE_NAME_BYTES);
            for (int i = 0; i < LOGINS + HUGE_NAMES; i++) {
                String name = i < LOGINS ? "guess-" + UUID.randomUUID() : huge + i;
                String body = "{\"username\":\"" + name + "\",\"password\":\"wrong\"}";
                answers.add(pool.submit(() -> http.send(
                                HttpRequest.newBuilder(URI.create(overlord.origin() + "/login"))
                                        .header("Content-Type", "application/json")
                                        .timeout(Duration.ofSeconds(60))
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            for (Future<Integer> a : answers) statuses.merge(a.get(), 1, Integer::sum);
        } finally {
            pool.shutdownNow();
        }
        return statuses;
    }

    /** Heap in use after a full collection, in MiB (the server runs in this JVM). */
    private static long heapAfterGcMiB() {
        for (int i = 0; i < 2; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }
}
