package dev.overlord.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server costs at the reference's load, measured from outside as an operator would: the
 * server runs in its own JVM, started like {@code java -jar overlord.jar} on the embedded default
 * (H2 in a fresh data directory, the simulator off), and this JVM plays the plugins and the browser.
 *
 * <p>Phases: idle after start ({@code settle}, then {@code measure}); the reference's load (one
 * socket per character, each sending telemetry and vitals every second, one browser reading the
 * live feed) warmed up for {@code warmup}, then measured; idle again after the load. For each it
 * reports the server process's CPU time from {@code /proc/<pid>/stat} as a share of one core, and
 * under load the busiest threads from {@code /proc/<pid>/task}, the resident set size and the heap
 * in use after a full GC ({@code jcmd}).
 *
 * <pre>
 * mvn -B -o -q -pl bench exec:exec@cost -Dbench.args="characters=60 settle=30s warmup=60s measure=60s"
 * </pre>
 *
 * <p>{@code server-jvm=<option>} (repeatable) adds an option to the server's JVM, e.g. a flight
 * recording: {@code server-jvm=-XX:StartFlightRecording=filename=cost.jfr,settings=profile}.
 */
public final class CostBench {
    /** USER_HZ: the unit of /proc's CPU times on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final String SECRET = "cost-bench-plugin-secret";

    private final int characters;
    private final Duration settle;
    private final Duration warmup;
    private final Duration measure;
    private final PrintStream out;
    private final PrintStream progress;
    private final HttpClient http = HttpClient.newHttpClient();
    /** Options for the server's JVM beyond the defaults (a profiler, a heap size, a GC). */
    private final List<String> serverJvm;

    CostBench(
            int characters,
            Duration settle,
            Duration warmup,
            Duration measure,
            List<String> serverJvm,
            PrintStream out,
            PrintStream progress) {
        this.characters = characters;
        this.serverJvm = List.copyOf(serverJvm);
        this.settle = settle;
        this.warmup = warmup;
        this.measure = measure;
        this.out = out;
        this.progress = progress;
    }

    public static void main(String[] args) throws Exception {
        int characters = 60;
        Duration settle = Duration.ofSeconds(30), warmup = Duration.ofSeconds(60), measure = Duration.ofSeconds(60);
        List<String> serverJvm = new ArrayList<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("expected key=value, not " + a);
            switch (kv[0]) {
                case "characters" -> characters = Integer.parseInt(kv[1]);
                case "settle" -> settle = BenchMain.duration(kv[1]);
                case "warmup" -> warmup = BenchMain.duration(kv[1]);
                case "measure" -> measure = BenchMain.duration(kv[1]);
                case "server-jvm" -> serverJvm.add(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + kv[0]);
            }
        }
        new CostBench(characters, settle, warmup, measure, serverJvm, System.out, System.err).run();
    }

    void run() throws Exception {
        Path dataDir = Files.createTempDirectory("overlord-cost-");
        int port = freePort();
        Process server = startServer(port, dataDir);
        try {
            awaitReady(port);
            long pid = server.pid();
            progress.printf("cost: server pid %d on port %d; idle %s%n", pid, port, settle);
            Thread.sleep(settle.toMillis());
            Sample idleAfterStart = sample(pid, measure);

            progress.printf("cost: %d characters and a browser; warm-up %s%n", characters, warmup);
            Load load = Load.start(http, port, characters);
            Thread.sleep(warmup.toMillis());
            long sentBefore = load.sent.sum(), receivedBefore = load.received.sum();
            Map<String, Long> threadsBefore = threadTicks(pid);
            Sample loaded = sample(pid, measure);
            Map<String, Long> threadsAfter = threadTicks(pid);
            long sent = load.sent.sum() - sentBefore, received = load.received.sum() - receivedBefore;
            long rss = rssKiB(pid);
            long heap = heapAfterGcKiB(pid);
            load.stop();

            progress.printf("cost: load stopped; idle %s%n", settle);
            Thread.sleep(settle.toMillis());
            Map<String, Long> idleBefore = threadTicks(pid);
            Sample idleAfterLoad = sample(pid, measure);
            Map<String, Long> idleAfter = threadTicks(pid);
            report(idleAfterStart, loaded, idleAfterLoad, sent, received, rss, heap);
            threads("under load", loaded, threadsBefore, threadsAfter);
            threads("idle after the load", idleAfterLoad, idleBefore, idleAfter);
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    private Process startServer(int port, Path dataDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(serverJvm);
        cmd.addAll(List.of(
                // The benchmark's browser reads /ws/live without logging in.
                "-Doverlord.auth.trusted-networks.0=127.0.0.0/8",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.overlord.http.Main",
                "--port",
                String.valueOf(port),
                "--data-dir",
                dataDir.toString(),
                "--simulator",
                "off"));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile());
        pb.environment().put("SHARED_SECRET", SECRET);
        return pb.start();
    }

    private void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not ready within 2 minutes");
    }

    /** CPU time of the process over a window, as a share of one core. */
    record Sample(Duration window, double cpuSeconds) {
        double shareOfOneCore() {
            return cpuSeconds / (window.toNanos() / 1e9);
        }
    }

    private static Sample sample(long pid, Duration window) throws Exception {
        long t0 = System.nanoTime();
        long c0 = processTicks(pid);
        Thread.sleep(window.toMillis());
        long c1 = processTicks(pid);
        return new Sample(Duration.ofNanos(System.nanoTime() - t0), (c1 - c0) / TICKS_PER_SECOND);
    }

    /** utime + stime of a process or thread, from its stat line (fields 14 and 15). */
    private static long ticks(Path stat) throws IOException {
        String s = Files.readString(stat);
        // The command name (field 2) is in parentheses and may hold spaces: split after its end.
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long processTicks(long pid) throws IOException {
        return ticks(Path.of("/proc", String.valueOf(pid), "stat"));
    }

    /** CPU ticks per thread name; threads of one pool differ by number, kept apart. */
    private static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip() + " #" + task.getFileName();
                    out.put(name, ticks(task.resolve("stat")));
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }

    private static final Pattern HEAP_USED = Pattern.compile("heap.*?used (\\d+)K");

    /** The heap in use right after a full collection, or -1 when jcmd cannot tell. */
    private static long heapAfterGcKiB(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, String.valueOf(pid), "GC.run");
        Matcher m = HEAP_USED.matcher(run(jcmd, String.valueOf(pid), "GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return text;
    }

    private void report(
            Sample idleAfterStart,
            Sample loaded,
            Sample idleAfterLoad,
            long sent,
            long received,
            long rssKiB,
            long heapKiB) {
        double secs = loaded.window().toNanos() / 1e9;
        out.printf(Locale.ROOT, "%n### Cost (%s)%n%n", Instant.now());
        out.printf(
                Locale.ROOT,
                "%d characters, telemetry and vitals every second each, one browser; warm-up %ds, measured %ds.%n%n",
                characters,
                warmup.toSeconds(),
                measure.toSeconds());
        out.println("| phase | server CPU, % of one core |");
        out.println("|---|---:|");
        out.printf(
                Locale.ROOT,
                "| idle after start (%ds in) | %.2f |%n",
                settle.toSeconds(),
                100 * idleAfterStart.shareOfOneCore());
        out.printf(Locale.ROOT, "| under load | %.2f |%n", 100 * loaded.shareOfOneCore());
        out.printf(Locale.ROOT, "| idle after the load | %.2f |%n%n", 100 * idleAfterLoad.shareOfOneCore());
        out.printf(
                Locale.ROOT,
                "Under load: %.0f frames/s sent, %.0f messages/s received by the browser; RSS %.1f MiB, heap after a full GC %.1f MiB.%n%n",
                sent / secs,
                received / secs,
                rssKiB / 1024.0,
                heapKiB / 1024.0);
    }

    private void threads(String phase, Sample sample, Map<String, Long> before, Map<String, Long> after) {
        double secs = sample.window().toNanos() / 1e9;
        Map<String, Long> spent = new LinkedHashMap<>();
        after.forEach((name, t) -> {
            long d = t - before.getOrDefault(name, 0L);
            if (d > 0) spent.put(name, d);
        });
        out.println("| busiest threads " + phase + " | % of one core |");
        out.println("|---|---:|");
        spent.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(12)
                .forEach(e -> out.printf(
                        Locale.ROOT, "| %s | %.2f |%n", e.getKey(), 100 * e.getValue() / TICKS_PER_SECOND / secs));
        out.printf(Locale.ROOT, "%nThreads that ran %s: %d.%n%n", phase, spent.size());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The reference's load: a socket per character, telemetry and vitals each second, a browser. */
    private static final class Load {
        final LongAdder sent = new LongAdder();
        final LongAdder received = new LongAdder();
        final List<WebSocket> plugins = new ArrayList<>();
        WebSocket browser;
        final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();

        static Load start(HttpClient http, int port, int characters) throws Exception {
            Load l = new Load();
            l.browser = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/live"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            if (last) l.received.increment();
                            ws.request(1);
                            return null;
                        }
                    })
                    .get(30, TimeUnit.SECONDS);
            for (int i = 0; i < characters; i++) {
                l.plugins.add(http.newWebSocketBuilder()
                        .header("X-Plugin-Secret", SECRET)
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/position"), new WebSocket.Listener() {})
                        .get(30, TimeUnit.SECONDS));
            }
            // Each character on its own beat within the second, as independent clients would be.
            for (int i = 0; i < characters; i++) {
                int c = i;
                l.pace.scheduleAtFixedRate(() -> l.beat(c), 1000L * i / characters, 1000, TimeUnit.MILLISECONDS);
            }
            return l;
        }

        private void beat(int c) {
            String name = "Cost Character " + c;
            String now = Instant.now().toString();
            double t = System.nanoTime() / 1e9;
            String telemetry = String.format(
                    Locale.ROOT,
                    "{\"type\":\"telemetry\",\"character_name\":\"%s\",\"timestamp\":\"%s\",\"ew\":%.3f,\"ns\":%.3f,"
                            + "\"z\":10.0,\"kills\":%d,\"kills_per_hour\":120,\"deaths\":0,\"total_deaths\":3,"
                            + "\"prismatic_taper_count\":40,\"vt_state\":\"Combat\",\"online_time\":3600}",
                    name,
                    now,
                    30 + 5 * Math.sin(t / 20 + c),
                    -20 + 5 * Math.cos(t / 20 + c),
                    (long) t);
            String vitals = String.format(
                    Locale.ROOT,
                    "{\"type\":\"vitals\",\"character_name\":\"%s\",\"timestamp\":\"%s\",\"health_current\":400,"
                            + "\"health_max\":500,\"stamina_current\":300,\"stamina_max\":500,\"mana_current\":200,"
                            + "\"mana_max\":500,\"vitae\":0}",
                    name,
                    now);
            WebSocket ws = plugins.get(c);
            CompletableFuture<WebSocket> f = ws.sendText(telemetry, true).thenCompose(w -> w.sendText(vitals, true));
            f.join();
            sent.add(2);
        }

        void stop() throws Exception {
            pace.shutdownNow();
            pace.awaitTermination(10, TimeUnit.SECONDS);
            for (WebSocket p : plugins)
                p.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
            browser.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }
}
