package dev.overlord.http.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.http.simulator.Simulator;
import dev.overlord.http.testing.Proof;
import dev.overlord.persistence.journal.JournalConfig;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soak: the simulator at the reference's real load (60 characters, telemetry every 2 s, with
 * vitals, chat, combat, rares, portals and inventories) against the server's {@code Main} in a
 * JVM of its own on PostgreSQL, for {@link #DURATION}. Every {@link #EVERY} the child's heap after a
 * full GC, its thread count, its open file descriptors and its database connections are sampled;
 * the last third of the run must not sit above the first third by more than the margins stated
 * here. A leak of a buffer per frame or a thread or socket per connection shows as growth long
 * before it shows as an outage.
 *
 * <p>Database connections are not compared between thirds: the pools grow to the run's busiest
 * moment and keep an idle connection for ten minutes, so their size is the largest demand seen so
 * far, which only grows. A leak is caught where it is one: the child runs with the pool's leak
 * detection ({@link #LEAK_DETECTION}), and its log must not report a connection kept out of the
 * pool that long; and no sample may exceed what the pools may hold, which a connection opened
 * outside them would.
 */
class SoakTest {

    static final int CHARACTERS = 60;
    static final Duration TELEMETRY_EVERY = Duration.ofSeconds(2);
    static final Duration DURATION = Proof.pick(Duration.ofMinutes(10), Duration.ofHours(1));
    static final Duration EVERY = Duration.ofSeconds(30);

    /** Heap after GC, last third over first third: at most this much more, or this share, whichever is larger. */
    static final long HEAP_MARGIN_MIB = 24;

    static final double HEAP_MARGIN_SHARE = 0.20;
    /** Threads: the last third's most over the first third's most. */
    static final int THREAD_MARGIN = 8;
    /** Open file descriptors (sockets, jars, logs): the last third's most over the first third's most. */
    static final int FD_MARGIN = 16;
    /** A connection out of the server's pool longer than this is a leak (the child logs it). */
    static final Duration LEAK_DETECTION = Duration.ofSeconds(30);

    /** The most connections the child's pools may hold: the server's pool, the journal's and the read journal's. */
    static final int CONNECTION_CEILING = 10 + 8 + JournalConfig.QUERY_POOL_SIZE;

    record Sample(long atSeconds, long heapAfterGcKiB, long threads, long fds, long connections, long telemetryRows) {}

    @TempDir
    Path dataDir;

    @Test
    void sixtyCharactersLeaveHeapThreadsDescriptorsAndConnectionsFlat() throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        assertTrue(new File(jcmd).canExecute(), "jcmd is needed to sample the child's heap: " + jcmd);

        ActorSystem<Void> client = null;
        Simulator simulator = null;
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (TestDatabase database = TestDatabases.freshPostgres();
                ServerProcess server = new ServerProcess(
                        database.settings(),
                        dataDir,
                        List.of(
                                "overlord.database.max-pool-size=10",
                                "overlord.database.journal-pool-size=8",
                                "overlord.database.leak-detection-threshold=" + LEAK_DETECTION.toSeconds() + "s"))) {
            server.start();
            long pid = server.pid();
            HttpClient http = HttpClient.newHttpClient();

            client = ActorSystem.create(Behaviors.empty(), "soak-plugins");
            simulator = Simulator.start(
                    client,
                    server.ws("/ws/position").toString(),
                    server.sharedSecret(),
                    CHARACTERS,
                    TELEMETRY_EVERY,
                    Clock.systemUTC());

            List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            CountDownLatch done = new CountDownLatch(1);
            sampler.scheduleAtFixedRate(
                    () -> {
                        try {
                            long at = (System.nanoTime() - start) / 1_000_000_000L;
                            samples.add(new Sample(
                                    at,
                                    heapAfterGcKiB(jcmd, pid),
                                    threads(pid),
                                    fds(pid),
                                    connections(database),
                                    telemetryRows(database)));
                            if (System.nanoTime() - start >= DURATION.toNanos()) done.countDown();
                        } catch (Throwable t) {
                            failures.add(t);
                            done.countDown();
                        }
                    },
                    EVERY.toMillis(),
                    EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            assertTrue(
                    done.await(DURATION.plus(EVERY.multipliedBy(3)).toMillis(), TimeUnit.MILLISECONDS),
                    "sampling did not finish");
            sampler.shutdownNow();
            assertTrue(failures.isEmpty(), () -> "sampling failed: " + failures);
            assertTrue(server.alive(), "the server died under the soak: see its log in " + dataDir);

            List<Sample> all = List.copyOf(samples);
            report(all, simulator.framesSent());
            assertTrue(all.size() >= 6, "too few samples: " + all);
            int third = all.size() / 3;
            List<Sample> first = all.subList(0, third);
            List<Sample> last = all.subList(all.size() - third, all.size());

            // The load was real: the simulator kept sending and the server kept writing.
            long expectedFrames = CHARACTERS * (DURATION.toSeconds() / TELEMETRY_EVERY.toSeconds()) * 8 / 10;
            assertTrue(
                    simulator.framesSent() >= expectedFrames,
                    "frames sent " + simulator.framesSent() + " < " + expectedFrames);
            assertTrue(
                    all.getLast().telemetryRows() > all.getFirst().telemetryRows(),
                    "telemetry kept being written: " + all);

            // The simulator's traffic is what plugins send: none of it is refused by the parser's bounds.
            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(server.http("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(metrics.statusCode() == 200, "/metrics answered " + metrics.statusCode());
            List<String> rejected = metrics.body()
                    .lines()
                    .filter(l -> l.startsWith("overlord_frames_rejected_total{") && !l.endsWith(" 0.0"))
                    .toList();
            assertTrue(rejected.isEmpty(), "simulated frames were refused: " + rejected);

            double heapFirst = average(first, Sample::heapAfterGcKiB) / 1024.0;
            double heapLast = average(last, Sample::heapAfterGcKiB) / 1024.0;
            double heapMargin = Math.max(HEAP_MARGIN_MIB, heapFirst * HEAP_MARGIN_SHARE);
            assertTrue(
                    heapLast <= heapFirst + heapMargin,
                    String.format(
                            "heap after GC grew: first third %.1f MiB, last third %.1f MiB, margin %.1f MiB",
                            heapFirst, heapLast, heapMargin));
            assertFlat("threads", first, last, Sample::threads, THREAD_MARGIN);
            assertFlat("open file descriptors", first, last, Sample::fds, FD_MARGIN);
            long mostConnections =
                    all.stream().mapToLong(Sample::connections).max().orElseThrow();
            assertTrue(
                    mostConnections <= CONNECTION_CEILING,
                    "database connections beyond what the pools may hold: " + mostConnections + " > "
                            + CONNECTION_CEILING);
            List<String> leaks;
            try (Stream<String> lines = Files.lines(server.log())) {
                leaks = lines.filter(l -> l.contains("leak detection triggered"))
                        .toList();
            }
            assertTrue(
                    leaks.isEmpty(), () -> "pooled connections kept out longer than " + LEAK_DETECTION + ": " + leaks);
        } finally {
            sampler.shutdownNow();
            if (simulator != null) simulator.close();
            if (client != null) {
                client.terminate();
                client.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void assertFlat(
            String what, List<Sample> first, List<Sample> last, ToLongFunction<Sample> value, int margin) {
        long firstMax = first.stream().mapToLong(value).max().orElseThrow();
        long lastMax = last.stream().mapToLong(value).max().orElseThrow();
        assertTrue(
                lastMax <= firstMax + margin,
                what + " grew: first third at most " + firstMax + ", last third at most " + lastMax + ", margin "
                        + margin);
    }

    private static double average(List<Sample> samples, ToLongFunction<Sample> value) {
        return samples.stream().mapToLong(value).average().orElseThrow();
    }

    /** Prints the figures (kept in the surefire report) and writes them to target/soak-figures.txt. */
    private static void report(List<Sample> samples, long framesSent) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                "soak: %d characters, %s, %d frames sent, sampled every %s%n",
                CHARACTERS, DURATION, framesSent, EVERY));
        b.append("   s  heapAfterGC(MiB)  threads  fds  dbConnections  telemetryRows\n");
        for (Sample s : samples) {
            b.append(String.format(
                    "%4d  %16.1f  %7d  %3d  %13d  %13d%n",
                    s.atSeconds(),
                    s.heapAfterGcKiB() / 1024.0,
                    s.threads(),
                    s.fds(),
                    s.connections(),
                    s.telemetryRows()));
        }
        System.out.print(b);
        Files.writeString(Path.of("target", "soak-figures.txt"), b.toString(), StandardCharsets.UTF_8);
    }

    // ---- sampling the child ----

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /** A full GC in the child, then its heap in use: what survives is what the server holds on to. */
    static long heapAfterGcKiB(String jcmd, long pid) throws IOException, InterruptedException {
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        // Every generation's own line (DefNew and Tenured for the serial collector, one line for G1)
        // starts in the first column; indented lines are their spaces and the metaspace.
        long used = 0;
        boolean found = false;
        for (String line : info.lines().toList()) {
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) continue;
            Matcher m = HEAP_USED.matcher(line);
            if (m.find()) {
                used += Long.parseLong(m.group(1));
                found = true;
            }
        }
        if (!found) throw new IllegalStateException("no heap figure in: " + info);
        return used;
    }

    static long threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:"))
                return Long.parseLong(line.substring(8).trim());
        }
        throw new IllegalStateException("no thread count for " + pid);
    }

    static long fds(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        }
    }

    /** The child's connections to its database (this test's own query connection excluded). */
    static long connections(TestDatabase database) throws SQLException {
        String name = database.settings().url().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        return count(
                database, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()", name);
    }

    static long telemetryRows(TestDatabase database) throws SQLException {
        return count(database, "SELECT COUNT(*) FROM telemetry_events");
    }

    private static long count(TestDatabase database, String sql, String... params) throws SQLException {
        try (Connection c = TestDatabases.connect(database.settings().url());
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        return out;
    }
}
