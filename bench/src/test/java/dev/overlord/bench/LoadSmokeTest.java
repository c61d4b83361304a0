package dev.overlord.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A few seconds of each load scenario at small sizes against a real Overlord (H2 in a temporary
 * directory) and the bare relay, so the benchmark cannot rot. The numbers are only checked for
 * sanity: the full benchmark is {@code BenchMain} (see docs/benchmarks.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadSmokeTest {
    private static final Duration WARMUP = Duration.ofMillis(500);
    private static final Duration MEASURE = Duration.ofSeconds(2);

    private static ActorSystem<Void> clients;
    private static ExecutorService browserThreads;
    private static HttpClient http;
    private static List<Frames> frames;
    private static OverlordTarget overlord;
    private static BaselineRelay baseline;
    private static final List<LoadRun.Result> ingest = new ArrayList<>();
    private static final List<LoadRun.Result> fanout = new ArrayList<>();
    private static final List<LoadRun.Result> latency = new ArrayList<>();
    private static final List<LoadRun.Result> stallWith = new ArrayList<>();

    @BeforeAll
    static void start() {
        Config base = ConfigFactory.load();
        clients = ActorSystem.create(Behaviors.empty(), "bench-smoke-clients", BenchMain.clientConfig(base));
        browserThreads = Executors.newFixedThreadPool(2);
        http = HttpClient.newBuilder().executor(browserThreads).build();
        frames = new ArrayList<>();
        for (int i = 0; i < 20; i++) frames.add(Frames.generate("Smoke " + i, i + 1, 10));
        overlord = OverlordTarget.start(256);
        baseline = BaselineRelay.start(base, 256, 2048);
    }

    @AfterAll
    static void stop() throws Exception {
        if (overlord != null) overlord.close();
        if (baseline != null) baseline.close();
        if (clients != null) {
            clients.terminate();
            clients.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (browserThreads != null) browserThreads.shutdownNow();
    }

    private static List<Target> targets() {
        return List.of(baseline, overlord);
    }

    private static LoadRun.Result run(Target t, LoadRun.Spec spec) {
        long started = System.nanoTime();
        LoadRun.Result r = LoadRun.run(clients, http, t, frames, spec);
        System.out.printf("%-8s %s [%.1f s]%n", t.name(), Tables.brief(r), (System.nanoTime() - started) / 1e9);
        return r;
    }

    @Test
    @Order(1)
    void ingestWithManyPluginsReachesTheServerAndTheBrowsers() {
        for (Target t : targets()) {
            LoadRun.Result r = run(t, new LoadRun.Spec(20, new Pace.Rate(400), 5, false, WARMUP, MEASURE));
            ingest.add(r);
            assertTrue(r.ingestPerSec() > 100, t.name() + " ingested " + r.ingestPerSec() + "/s of 400/s offered");
            assertTrue(r.deliveriesPerSec() > 0, t.name() + " delivered nothing");
            assertEquals(0, r.rejected(), t.name() + " refused benchmark frames");
        }
        double ratio = ratio(ingest, LoadRun.Result::ingestPerSec);
        assertTrue(ratio > 0 && Double.isFinite(ratio), "ingest ratio " + ratio);
    }

    @Test
    @Order(2)
    void fanOutDeliversEveryFrameToEveryBrowser() {
        for (Target t : targets()) {
            LoadRun.Result r = run(t, new LoadRun.Spec(5, new Pace.Rate(100), 20, false, WARMUP, MEASURE));
            fanout.add(r);
            assertTrue(
                    r.deliveriesPerSec() > 20 * 50,
                    t.name() + " delivered " + r.deliveriesPerSec() + "/s to 20 browsers");
            assertTrue(
                    r.worstBrowserShare() > 0.5,
                    t.name() + ": a browser got " + r.worstBrowserShare() + " of the frames");
            assertEquals(0, r.browsersCutOff(), t.name() + " cut off a browser at 100 frames/s");
        }
        double ratio = ratio(fanout, LoadRun.Result::deliveriesPerSec);
        assertTrue(ratio > 0 && Double.isFinite(ratio), "fan-out ratio " + ratio);
    }

    @Test
    @Order(3)
    void latencyIsMeasuredAtARealisticPace() {
        for (Target t : targets()) {
            // The real pace, sped up ten times so that a short run sees a few hundred frames.
            Pace pace = new Pace.RealTime(Duration.ofMillis(200), Duration.ZERO);
            LoadRun.Result r = run(t, new LoadRun.Spec(20, pace, 5, false, WARMUP, MEASURE));
            latency.add(r);
            assertTrue(r.latencySamples() > 100, t.name() + " measured " + r.latencySamples() + " latencies");
            assertTrue(
                    r.p50Ms() > 0 && r.p99Ms() >= r.p50Ms() && r.p99Ms() < 60_000,
                    t.name() + " p50 " + r.p50Ms() + " ms, p99 " + r.p99Ms() + " ms");
        }
    }

    @Test
    @Order(4)
    void aStalledBrowserIsCutOffAndTheOthersKeepReceiving() {
        for (Target t : targets()) {
            // Inventories are the largest frames: the stalled socket's buffers fill within seconds.
            LoadRun.Spec spec =
                    new LoadRun.Spec(5, new Pace.Bulk(1000), 5, true, WARMUP, MEASURE, Duration.ofSeconds(25));
            LoadRun.Result r = run(t, spec);
            stallWith.add(r);
            assertTrue(r.deliveriesPerSec() > 0, t.name() + ": the other browsers received nothing");
            // 3 MB/s to each browser on a busy CI machine: a reading browser may fall behind too, not all.
            assertTrue(r.browsersCutOff() < 5, t.name() + " cut off every browser that was reading");
            assertTrue(Double.isFinite(r.stalledCutAfterSec()), t.name() + " never cut the stalled browser off");
            assertEquals(Boolean.TRUE, r.stalledClosedByServer(), t.name() + " kept feeding the stalled browser");
        }
    }

    @Test
    @Order(5)
    void theResultsMakeATable() {
        LoadBench.Settings s = LoadBench.Settings.full();
        List<Ramp> ramps = new ArrayList<>();
        for (LoadRun.Result r : fanout) ramps.add(new Ramp(r.target(), 100, List.of(r), r));
        List<Ramp> ingestRamps = new ArrayList<>();
        for (LoadRun.Result r : ingest) ingestRamps.add(new Ramp(r.target(), 400, List.of(r), r));
        assertFalse(latency.isEmpty() || stallWith.isEmpty() || ramps.isEmpty(), "earlier smoke runs missing");
        LoadReport report =
                new LoadReport(s, ingestRamps, ramps, latency, latency, latency, 80, fanout, stallWith, List.of());
        String md = Tables.markdown(report);
        assertNotNull(md);
        assertTrue(md.contains("| (a) ingest"), md);
        assertTrue(md.contains("| (b) fan-out"), md);
        assertTrue(md.contains("| (c) latency p99 ms"), md);
        assertTrue(md.contains("| (d) one stalled browser"), md);
        assertFalse(md.contains("| n/a | n/a |"), md);
    }

    private static double ratio(List<LoadRun.Result> rs, ToDoubleFunction<LoadRun.Result> f) {
        double o = rs.stream()
                .filter(r -> r.target().equals("Overlord"))
                .mapToDouble(f)
                .findFirst()
                .orElse(Double.NaN);
        double b = rs.stream()
                .filter(r -> r.target().equals("L_ws"))
                .mapToDouble(f)
                .findFirst()
                .orElse(Double.NaN);
        return o / b;
    }
}
