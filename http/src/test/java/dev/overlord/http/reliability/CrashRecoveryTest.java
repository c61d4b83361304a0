package dev.overlord.http.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.testing.Proof;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the server under load, again and again, on one PostgreSQL database: the server
 * runs in a JVM of its own, plugins stream telemetry, chat and rares, and at a random moment the
 * process is killed without warning and started again.
 *
 * <p>The server confirms nothing to a plugin frame by frame (a plugin learns only that the socket
 * read on), so "acknowledged" here is what the server showed over HTTP before the kill: each rare
 * listed by {@code /rares} and each character's totals at {@code /character-stats}. After every
 * restart those are all still there; at the end the journal and the projections agree exactly
 * (every rare journaled once and listed once), a quiet fleet's state is the same after one more
 * kill, and telemetry lost per kill is counted and bounded by the writer's buffer.
 */
class CrashRecoveryTest {
    static final int KILLS = Proof.pick(5, 30);
    static final int CHARACTERS = 8;
    static final long TICK_MILLIS = 100;
    static final int BUFFER_BOUND = 5_000;
    /** The writer batches for at most 1 s; frames older than this at the kill must have been written. */
    static final Duration LOSS_WINDOW = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void killedAtRandomUnderLoadTheServerLosesNothingItShowed() throws Exception {
        List<String> characters =
                IntStream.range(0, CHARACTERS).mapToObj(i -> "Crash" + i).toList();
        Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
        Set<String> raresSent = new HashSet<>();
        Timings starts = new Timings();
        Timings catchUp = new Timings();
        List<String> perKill = new ArrayList<>();
        long totalLost = 0;
        long totalTelemetry = 0;
        try (TestDatabase db = TestDatabases.freshPostgres();
                ServerProcess server = new ServerProcess(
                        db.settings(),
                        ServerProcess.tempDir(),
                        List.of("overlord.timeseries.buffer-bound=" + BUFFER_BOUND))) {
            starts.add(server.start());
            for (int kill = 1; kill <= KILLS; kill++) {
                String cookie = login(server);
                FleetLoad load = FleetLoad.start(
                        characters,
                        counters,
                        2,
                        () -> SocketClient.connect(
                                server.ws("/ws/position"), Map.of("X-Plugin-Secret", server.sharedSecret())),
                        TICK_MILLIS);
                // A random moment: between 2 and 6 s of load.
                long ticks = ThreadLocalRandom.current().nextLong(20, 60);
                SocketClient.waiting("load ticks")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> load.ticks() >= ticks);

                // What the server showed, read just before the kill.
                Map<String, Set<String>> shownRares = new HashMap<>();
                Map<String, JsonNode> shownTotals = new HashMap<>();
                for (String c : characters) {
                    shownRares.put(c, rareNames(server, cookie, c));
                    shownTotals.put(c, totals(server, cookie, c));
                }
                long killedAt = System.nanoTime();
                server.kill();
                load.close();
                raresSent.addAll(load.rares().keySet());

                starts.add(server.start());
                long readyAt = System.nanoTime();
                String after = login(server);
                // What the journal holds (all the server had confirmed to itself) reaches the read side.
                Set<String> journaledNow = new HashSet<>(journaledRares(db));
                await("projections caught up after kill " + kill)
                        .atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> new HashSet<>(projectedRares(db)).containsAll(journaledNow));
                catchUp.addNanos(System.nanoTime() - readyAt);
                // Every rare and total shown before the kill is there after it.
                for (String c : characters) {
                    Set<String> before = shownRares.get(c);
                    await("rares shown before kill " + kill + " listed again for " + c)
                            .atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> rareNames(server, after, c).containsAll(before));
                    JsonNode now = totals(server, after, c);
                    JsonNode then = shownTotals.get(c);
                    for (String field : List.of("kills", "rares", "tapers")) {
                        assertTrue(
                                now.path(field).asLong() >= then.path(field).asLong(),
                                c + " " + field + " went back after kill " + kill + ": " + then + " -> " + now);
                    }
                }
                // Telemetry the writer had not written yet is lost: counted, and only the last moments.
                List<FleetLoad.Sent> sent = load.telemetry();
                Set<String> stored = FleetLoad.storedTelemetry(db, sent);
                long lost = 0;
                long oldestLostMillis = 0;
                for (FleetLoad.Sent s : sent) {
                    if (!stored.contains(s.character() + "@" + s.timestamp())) {
                        lost++;
                        oldestLostMillis = Math.max(oldestLostMillis, (killedAt - s.sentNanos()) / 1_000_000);
                    }
                }
                totalLost += lost;
                totalTelemetry += sent.size();
                perKill.add(String.format(
                        "kill %d after %d ticks: %d telemetry sent, %d lost (oldest %d ms before the kill), %d rares shown",
                        kill,
                        load.ticks(),
                        sent.size(),
                        lost,
                        oldestLostMillis,
                        shownRares.values().stream().mapToInt(Set::size).sum()));
                assertTrue(lost <= BUFFER_BOUND, "lost " + lost + " > buffer bound " + BUFFER_BOUND);
                assertTrue(
                        oldestLostMillis <= LOSS_WINDOW.toMillis(),
                        "telemetry sent " + oldestLostMillis + " ms before kill " + kill + " was lost");
            }

            // A quiet fleet: the projections catch up with the journal, exactly.
            String cookie = login(server);
            await("the projections caught up with the journal")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> journaledRares(db).size() == projectedRares(db).size());
            List<String> journaled = journaledRares(db);
            List<String> projected = projectedRares(db);
            assertEquals(new HashSet<>(journaled).size(), journaled.size(), "a rare journaled twice");
            assertEquals(new HashSet<>(projected).size(), projected.size(), "a rare projected twice");
            assertEquals(new HashSet<>(journaled), new HashSet<>(projected), "journal and rare_events differ");
            assertTrue(raresSent.containsAll(journaled), "a rare journaled that was never sent");

            // ... and one more kill of the quiet server changes nothing anyone can see.
            Map<String, String> quiet = new TreeMap<>();
            for (String c : characters) quiet.put(c, totals(server, cookie, c) + " " + rareNames(server, cookie, c));
            server.kill();
            starts.add(server.start());
            String after = login(server);
            Map<String, String> restarted = new TreeMap<>();
            for (String c : characters) restarted.put(c, totals(server, after, c) + " " + rareNames(server, after, c));
            assertEquals(quiet, restarted, "state after a kill of the quiet server");

            System.out.printf(
                    "CrashRecoveryTest: %d kills, %d characters; rares sent %d, journaled %d, projected %d; "
                            + "telemetry sent %d, lost %d (%.2f %%); restart to ready %s;"
                            + " journaled rares all projected after ready %s%n",
                    KILLS + 1,
                    CHARACTERS,
                    raresSent.size(),
                    journaled.size(),
                    projected.size(),
                    totalTelemetry,
                    totalLost,
                    100.0 * totalLost / Math.max(1, totalTelemetry),
                    starts.summary(),
                    catchUp.summary());
            perKill.forEach(System.out::println);
        }
    }

    private String login(ServerProcess server) {
        HttpResponse<String> r = send(
                server,
                HttpRequest.newBuilder(server.http("/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + RunningServer.ADMIN
                                + "\",\"password\":\"" + server.adminPassword() + "\"}")));
        assertEquals(200, r.statusCode(), "login: " + r.body());
        return RunningServer.cookieValue(r, "overlord_session").orElseThrow();
    }

    private Set<String> rareNames(ServerProcess server, String cookie, String character) {
        JsonNode body = getJson(server, cookie, "/rares?limit=1000&character=" + character);
        Set<String> names = new HashSet<>();
        body.path("rares").forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    private JsonNode totals(ServerProcess server, String cookie, String character) {
        JsonNode body = getJson(server, cookie, "/character-stats/" + character);
        return body.path("totals").deepCopy();
    }

    private JsonNode getJson(ServerProcess server, String cookie, String path) {
        HttpResponse<String> r =
                send(server, HttpRequest.newBuilder(server.http(path)).header("Cookie", "overlord_session=" + cookie));
        // A character the read side has not seen yet is unknown: nothing shown.
        if (r.statusCode() == 404) return JSON.createObjectNode();
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(ServerProcess server, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The name of every rare-found event in the journal, as many times as it is there. */
    private static List<String> journaledRares(TestDatabase db) throws SQLException {
        return FleetLoad.strings(
                db,
                "SELECT convert_from(event_payload, 'UTF8')::jsonb ->> 'name' FROM event_journal"
                        + " WHERE convert_from(event_payload, 'UTF8') LIKE '%rare-found%'");
    }

    private static List<String> projectedRares(TestDatabase db) throws SQLException {
        return FleetLoad.strings(db, "SELECT name FROM rare_events");
    }
}
