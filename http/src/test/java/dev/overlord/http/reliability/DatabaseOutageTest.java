package dev.overlord.http.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL taken away under load: the server reaches its database through a proxy that drops
 * every connection and refuses new ones for the outage, then lets them through again. The server
 * stays up, says so fast ({@code /ready} red, the read API 503 at once), keeps the plugins
 * streaming and the live feed flowing, and once the database is back writes what it kept: every
 * telemetry row (the buffer is far above what the outage brings), every rare exactly once, and
 * each character's counters as last reported.
 */
class DatabaseOutageTest {
    /** 60 s inside {@code mvn verify}, the issue's 120 s in the release run. */
    static final Duration OUTAGE = Duration.ofSeconds(120);

    static final int CHARACTERS = 8;
    static final long TICK_MILLIS = 200;
    static final Duration READY_RED_BOUND = Duration.ofSeconds(5);
    /** Once /ready is red, a read-API request is refused within this (generous on a shared 2-core machine). */
    static final Duration API_503_BOUND = Duration.ofSeconds(1);
    /** A plugin may be held by back-pressure briefly, never for the outage. */
    static final Duration PLUGIN_HOLD_BOUND = Duration.ofSeconds(5);

    private record Probe(long atNanos, int status, long tookNanos) {}

    @Test
    void theServerRidesOutADatabaseOutageAndLosesNothingItKept() throws Exception {
        List<String> characters =
                IntStream.range(0, CHARACTERS).mapToObj(i -> "Outage" + i).toList();
        Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
        try (TestDatabase db = TestDatabases.freshPostgres();
                DatabaseProxy proxy = DatabaseProxy.to(
                        postgresHost(db.settings().url()),
                        postgresPort(db.settings().url()));
                RunningServer overlord = RunningServer.create()
                        .database(proxied(db.settings(), proxy.port()))
                        .with("overlord.database.max-pool-size = 6")
                        .start()) {
            String cookie = overlord.sessionCookie();
            SocketClient browser = overlord.browser();
            FleetLoad load = FleetLoad.start(characters, counters, 2, overlord::plugin, TICK_MILLIS);
            List<Probe> ready = new CopyOnWriteArrayList<>();
            List<Probe> health = new CopyOnWriteArrayList<>();
            List<Probe> api = new CopyOnWriteArrayList<>();
            ScheduledExecutorService probes = Executors.newScheduledThreadPool(3);
            probes.scheduleWithFixedDelay(() -> ready.add(probe(overlord, "/ready")), 0, 100, TimeUnit.MILLISECONDS);
            probes.scheduleWithFixedDelay(() -> health.add(probe(overlord, "/health")), 0, 250, TimeUnit.MILLISECONDS);
            probes.scheduleWithFixedDelay(
                    () -> api.add(probe(overlord, "/rares?limit=5", "Cookie", overlord.cookieHeader(cookie))),
                    0,
                    250,
                    TimeUnit.MILLISECONDS);
            try {
                SocketClient.waiting("a calm phase under load")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> load.ticks() >= 25);
                assertTrue(ready.stream().anyMatch(p -> p.status() == 200), "/ready green before the outage");

                long cutAt = System.nanoTime();
                int browserEventsAtCut = browser.events().size();
                long ticksAtCut = load.ticks();
                proxy.cut();
                await("/ready red after the cut")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> ready.stream().anyMatch(p -> p.atNanos() > cutAt && p.status() != 200));
                long redAt = ready.stream()
                        .filter(p -> p.atNanos() > cutAt && p.status() != 200)
                        .mapToLong(p -> p.atNanos() + p.tookNanos())
                        .min()
                        .orElseThrow();
                // The outage runs its length; the load and the probes go on meanwhile.
                long restoreAt = cutAt + OUTAGE.toNanos();
                await("the outage")
                        .atMost(OUTAGE.plusSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> System.nanoTime() >= restoreAt);
                int browserEventsAtRestore = browser.events().size();
                long ticksAtRestore = load.ticks();
                assertFalse(load.failed(), "a plugin send failed in the outage: " + load.failure());
                load.sockets().forEach(s -> assertFalse(s.isClosed(), "a plugin socket closed in the outage"));
                assertFalse(browser.isClosed(), "the browser's socket closed in the outage");
                proxy.restore();
                long restoredAt = System.nanoTime();
                await("/ready green after the database came back")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> ready.stream().anyMatch(p -> p.atNanos() > restoredAt && p.status() == 200));
                long greenAt = ready.stream()
                        .filter(p -> p.atNanos() > restoredAt && p.status() == 200)
                        .mapToLong(p -> p.atNanos() + p.tookNanos())
                        .min()
                        .orElseThrow();
                // A little more load after the return, then the fleet goes quiet.
                long ticksAfter = load.ticks() + 15;
                SocketClient.waiting("load after the return")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> load.ticks() >= ticksAfter);
                load.close();

                // Everything kept is written once the database is back.
                List<FleetLoad.Sent> sent = load.telemetry();
                long telemetryWrittenAt = awaitNanos(
                        "every telemetry row written",
                        Duration.ofSeconds(90),
                        () -> FleetLoad.storedTelemetry(db, sent).containsAll(keys(sent)));
                Set<String> raresSent = load.rares().keySet();
                long raresWrittenAt = awaitNanos(
                        "every rare in rare_events",
                        Duration.ofSeconds(90),
                        () -> new HashSet<>(FleetLoad.strings(db, "SELECT name FROM rare_events"))
                                .containsAll(raresSent));
                List<String> projected = FleetLoad.strings(db, "SELECT name FROM rare_events");
                Set<String> storedRows = FleetLoad.storedTelemetry(db, sent);
                List<FleetLoad.Sent> missing = sent.stream()
                        .filter(x -> !storedRows.contains(x.character() + "@" + x.timestamp()))
                        .toList();
                Set<String> raresMissing = new HashSet<>(raresSent);
                raresMissing.removeAll(projected);
                System.out.printf(
                        "DatabaseOutageTest: telemetry rows missing %d %s; rares missing %d %s; rares stored %d for %d sent;"
                                + " metrics %s%n",
                        missing.size(),
                        missing.stream().limit(5).toList(),
                        raresMissing.size(),
                        raresMissing.stream().limit(5).toList(),
                        projected.size(),
                        raresSent.size(),
                        overlord.metrics().entrySet().stream()
                                .filter(e -> e.getKey().startsWith("overlord_timeseries_")
                                        || e.getKey().startsWith("overlord_character_backlog")
                                        || e.getKey().startsWith("overlord_frames_not")
                                        || e.getKey().startsWith("overlord_frames_unjournaled"))
                                .toList());
                assertEquals(List.of(), missing, "telemetry rows not written");
                assertEquals(Set.of(), raresMissing, "rares not stored");
                assertEquals(raresSent.size(), projected.size(), "rares stored exactly once");
                for (String c : characters) {
                    long kills = counters.get(c).get();
                    await("lifetime kills of " + c + " as last reported")
                            .atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> overlord.get("/character-stats/" + c, "Cookie", overlord.cookieHeader(cookie))
                                    .body()
                                    .contains("\"kills\":" + kills + ","));
                }

                // The figures.
                List<Probe> apiInOutage = between(api, cutAt, restoreAt);
                List<Probe> apiAfterRed = between(api, redAt, restoreAt - API_503_BOUND.toNanos());
                List<Probe> readyInOutage = between(ready, cutAt, restoreAt);
                Timings apiTimes = timings(apiInOutage);
                Timings apiAfterRedTimes = timings(apiAfterRed);
                Timings readyTimes = timings(readyInOutage);
                Duration redAfter = Duration.ofNanos(redAt - cutAt);
                Duration greenAfter = Duration.ofNanos(greenAt - restoredAt);
                long rowsInOutage = sent.stream()
                        .filter(s -> s.sentNanos() >= cutAt && s.sentNanos() <= restoreAt)
                        .count();
                System.out.printf(
                        "DatabaseOutageTest: outage %d s, %d characters on 2 sockets every %d ms%n"
                                + "  /ready red after %d ms, green %d ms after the return; /ready in the outage %s; statuses %s%n"
                                + "  read API in the outage %s, statuses %s; after /ready went red %s%n"
                                + "  /health in the outage: %s%n"
                                + "  plugin ticks in the outage %d (of %d expected), tick send time %s%n"
                                + "  browser events in the outage %d%n"
                                + "  telemetry rows sent %d (%d in the outage), all written %d ms after the return;"
                                + " rares %d, all stored once %d ms after the return; connections refused by the proxy %d%n",
                        OUTAGE.toSeconds(),
                        CHARACTERS,
                        TICK_MILLIS,
                        redAfter.toMillis(),
                        greenAfter.toMillis(),
                        readyTimes.summary(),
                        statuses(readyInOutage),
                        apiTimes.summary(),
                        statuses(apiInOutage),
                        apiAfterRedTimes.summary(),
                        statuses(between(health, cutAt, restoreAt)),
                        ticksAtRestore - ticksAtCut,
                        OUTAGE.toMillis() / TICK_MILLIS,
                        load.tickSends().summary(),
                        browserEventsAtRestore - browserEventsAtCut,
                        sent.size(),
                        rowsInOutage,
                        (telemetryWrittenAt - restoredAt) / 1_000_000,
                        raresSent.size(),
                        (raresWrittenAt - restoredAt) / 1_000_000,
                        proxy.refused());

                assertTrue(redAfter.compareTo(READY_RED_BOUND) <= 0, "/ready red after " + redAfter);
                assertTrue(
                        readyTimes.max().compareTo(READY_RED_BOUND) <= 0,
                        "/ready took " + readyTimes.max() + " in the outage");
                assertTrue(
                        between(health, cutAt, restoreAt).stream().allMatch(p -> p.status() == 200),
                        "/health answered " + statuses(between(health, cutAt, restoreAt)));
                // Until /ready is red a request may still be answered, or wait for a connection (the
                // pool's 10 s); never a 500. Once it is red: 503 at once.
                assertTrue(
                        apiInOutage.stream().noneMatch(p -> p.status() == 500),
                        "read API in the outage: " + statuses(apiInOutage));
                assertTrue(
                        apiAfterRed.stream().allMatch(p -> p.status() == 503),
                        "read API once /ready was red: " + statuses(apiAfterRed));
                assertTrue(
                        apiAfterRedTimes.max().compareTo(API_503_BOUND) <= 0,
                        "read API took " + apiAfterRedTimes.max() + " once /ready was red");
                assertTrue(
                        load.tickSends().max().compareTo(PLUGIN_HOLD_BOUND) <= 0,
                        "a plugin was held " + load.tickSends().max());
                // The plugins kept streaming: at least half the ticks the outage had time for.
                assertTrue(ticksAtRestore - ticksAtCut >= OUTAGE.toMillis() / TICK_MILLIS / 2, "plugins stalled");
                assertTrue(
                        browserEventsAtRestore - browserEventsAtCut >= (ticksAtRestore - ticksAtCut) * CHARACTERS / 2,
                        "the live feed stalled");
            } finally {
                probes.shutdownNow();
                load.close();
            }
        }
    }

    private static Probe probe(RunningServer overlord, String path, String... headers) {
        long t0 = System.nanoTime();
        int status;
        try {
            HttpResponse<String> r = overlord.get(path, headers);
            status = r.statusCode();
        } catch (RuntimeException e) {
            status = -1;
        }
        return new Probe(t0, status, System.nanoTime() - t0);
    }

    private static List<Probe> between(List<Probe> probes, long from, long to) {
        return probes.stream()
                .filter(p -> p.atNanos() >= from && p.atNanos() <= to)
                .toList();
    }

    private static Timings timings(List<Probe> probes) {
        Timings t = new Timings();
        probes.forEach(p -> t.addNanos(p.tookNanos()));
        return t;
    }

    private static Map<Integer, Long> statuses(List<Probe> probes) {
        return probes.stream().collect(Collectors.groupingBy(Probe::status, Collectors.counting()));
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /**
     * Waits until {@code check} holds and returns the {@link System#nanoTime()} it was seen to, or
     * -1 if it did not within {@code atMost} (asserted after the figures are printed).
     */
    private static long awaitNanos(String what, Duration atMost, Check check) {
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(250)).until(check::holds);
            return System.nanoTime();
        } catch (ConditionTimeoutException e) {
            return -1;
        }
    }

    private static Set<String> keys(List<FleetLoad.Sent> sent) {
        return sent.stream().map(s -> s.character() + "@" + s.timestamp()).collect(Collectors.toSet());
    }

    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/.*)?$");

    private static String postgresHost(String url) {
        Matcher m = HOST_PORT.matcher(url);
        if (!m.matches()) throw new IllegalArgumentException("not a PostgreSQL URL: " + url);
        return m.group(1);
    }

    private static int postgresPort(String url) {
        Matcher m = HOST_PORT.matcher(url);
        if (!m.matches()) throw new IllegalArgumentException("not a PostgreSQL URL: " + url);
        return m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
    }

    /** The same database, reached through the proxy on loopback. */
    private static DatabaseSettings proxied(DatabaseSettings s, int proxyPort) {
        Matcher m = HOST_PORT.matcher(s.url());
        if (!m.matches()) throw new IllegalArgumentException("not a PostgreSQL URL: " + s.url());
        String rest = m.group(3) == null ? "" : m.group(3);
        return new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + proxyPort + rest, s.user(), s.password(), 6);
    }
}
