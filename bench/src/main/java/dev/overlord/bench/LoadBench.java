package dev.overlord.bench;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The load scenarios' bench: each scenario is run against Overlord and against the bare relay L_ws
 * in the same JVM, one target at a time, each run on a freshly started server, by the plugins and
 * browsers of this bench's client ActorSystem and HTTP client, with frames generated once.
 *
 * <ul>
 *   <li>{@link IngestScenario} (a): the highest plugin frame rate that many plugin sockets can send
 *       and the server accepts in full while a few browsers keep up (a ramp, see below);
 *   <li>{@link FanoutScenario} (b): the same with few plugins and many browsers, and its deliveries/s;
 *   <li>{@link LatencyScenario} (c): p50/p99 plugin-to-browser at the reference's real load (each
 *       character a telemetry interval every 2 s) and at a share of Overlord's maximum from (b);
 *   <li>{@link StallScenario} (d): a stalled browser: the other browsers' delivery rate and p99
 *       without and with one browser that never reads, near each target's maximum from (b);
 *   <li>{@link ProbeScenario} (probe:RATE): one run of (b)'s set-up at a given pace.
 * </ul>
 *
 * <p>A ramp doubles the offered rate from a start value until a short trial is not sustained
 * ({@link LoadRun.Result#sustained}), bisects between the last good and the first bad rate
 * ({@link Ramper}), then measures a full-length run at the best rate found.
 */
public final class LoadBench {

    /** Sizes and durations; {@link #full()} is what BenchMain runs by default. */
    public record Settings(
            int ingestPlugins,
            int ingestBrowsers,
            double ingestRampStart,
            int characters,
            int browsers,
            int latencyBrowsers,
            double fanoutRampStart,
            Duration jitWarmup,
            Duration warmup,
            Duration measure,
            Duration trialWarmup,
            Duration trial,
            int bisectSteps,
            double tolerance,
            double latencyLoad,
            double stallLoad,
            Duration quietWait,
            List<String> scenarios) {

        public static Settings full() {
            return new Settings(
                    1000,
                    5,
                    2000,
                    60,
                    200,
                    10,
                    100,
                    Duration.ofSeconds(8),
                    Duration.ofSeconds(3),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(3),
                    3,
                    0.05,
                    0.8,
                    0.9,
                    Duration.ofSeconds(30),
                    List.of("a", "b", "c", "d"));
        }

        int maxConnections() {
            return Math.max(ingestPlugins + ingestBrowsers, characters + Math.max(browsers, latencyBrowsers) + 1) + 64;
        }
    }

    /** Busy share of the machine below which it counts as quiet enough to start a run. */
    private static final double QUIET = 0.25;

    private final Settings s;
    private final ActorSystem<?> clients;
    private final Config baseConfig;
    private final List<Frames> frames;
    private final PrintStream progress;
    private final HttpClient http;

    public LoadBench(Settings settings, ActorSystem<?> clients, Config baseConfig, PrintStream progress) {
        this.s = settings;
        this.clients = clients;
        this.baseConfig = baseConfig;
        this.progress = progress;
        this.http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "bench-browsers");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
        int n = Math.max(settings.ingestPlugins(), settings.characters());
        List<Frames> f = new ArrayList<>(n);
        for (int i = 0; i < n; i++) f.add(Frames.generate(String.format("Bench %04d", i), 7919L * (i + 1), 20));
        this.frames = List.copyOf(f);
    }

    Settings settings() {
        return s;
    }

    PrintStream progress() {
        return progress;
    }

    /** The scenarios called {@code names}, in the order they run; (c) and (d) need (b)'s maxima, so (b) runs with them. */
    static List<Scenario<LoadBench, LoadReport>> scenarios(List<String> names) {
        List<Scenario<LoadBench, LoadReport>> out = new ArrayList<>();
        for (String name : names) if (name.startsWith(ProbeScenario.PREFIX)) out.add(ProbeScenario.named(name));
        if (names.contains("a")) out.add(new IngestScenario());
        if (names.contains("b") || names.contains("c") || names.contains("d")) out.add(new FanoutScenario());
        if (names.contains("c")) out.add(new LatencyScenario());
        if (names.contains("d")) out.add(new StallScenario());
        return out;
    }

    /** Whether {@code name} is a load scenario. */
    static boolean knows(String name) {
        return List.of("a", "b", "c", "d").contains(name) || name.startsWith(ProbeScenario.PREFIX);
    }

    /** One JIT warm-up run per target (unless {@code jit-warmup=0s}), then the scenarios of the settings. */
    public LoadReport runAll() {
        if (!s.jitWarmup().isZero()) {
            progress.println("JIT warm-up");
            for (Supplier<Target> t : targets()) {
                run(
                        t,
                        new LoadRun.Spec(s.characters(), new Pace.Rate(1000), 20, false, Duration.ZERO, s.jitWarmup()),
                        "warm-up");
            }
        }
        LoadReport report = LoadReport.empty(s);
        for (Scenario<LoadBench, LoadReport> sc : scenarios(s.scenarios())) report = sc.run(this, report);
        return report;
    }

    /** The two targets, each started afresh by every run: L_ws first, then Overlord. */
    List<Supplier<Target>> targets() {
        return List.of(
                () -> BaselineRelay.start(baseConfig, s.maxConnections(), 2048),
                () -> OverlordTarget.start(s.maxConnections()));
    }

    /** One run on a fresh server, after waiting for a quiet machine; its line goes to progress. */
    LoadRun.Result run(Supplier<Target> target, LoadRun.Spec spec, String label) {
        System.gc();
        if (!s.quietWait().isZero()) {
            double busy = CpuMeter.awaitQuiet(s.quietWait(), QUIET);
            if (busy >= QUIET)
                progress.printf(
                        "  (machine still %.0f %% busy with other work after %d s; going on)%n",
                        100 * busy, s.quietWait().toSeconds());
        }
        long started = System.nanoTime();
        try (Target t = target.get()) {
            LoadRun.Result r = LoadRun.run(clients, http, t, frames, spec);
            progress.printf(
                    "  %-8s %-30s %s [%.0f s]%n",
                    r.target(), label, Tables.brief(r), (System.nanoTime() - started) / 1e9);
            return r;
        }
    }

    /** A full-length run: the settings' warm-up and measurement window. */
    LoadRun.Spec spec(int plugins, Pace pace, int browsers, boolean stalled) {
        return new LoadRun.Spec(plugins, pace, browsers, stalled, s.warmup(), s.measure());
    }

    /** The maximum a ramp found for {@code target}. */
    static double max(List<Ramp> ramps, String target) {
        return ramps.stream()
                .filter(r -> r.target().equals(target))
                .findFirst()
                .orElseThrow()
                .maxRate();
    }

    /**
     * Ramps both targets in lockstep (a trial of one, then of the other), so that anything else
     * happening on the machine falls on both alike; then one full-length run of each at its best.
     */
    List<Ramp> ramps(int plugins, int browsers, double start) {
        List<Supplier<Target>> ts = targets();
        List<Ramper> rampers =
                ts.stream().map(t -> new Ramper(start, s.bisectSteps())).toList();
        List<List<LoadRun.Result>> trials = ts.stream()
                .map(t -> (List<LoadRun.Result>) new ArrayList<LoadRun.Result>())
                .toList();
        boolean more = true;
        while (more) {
            more = false;
            for (int i = 0; i < ts.size(); i++) {
                double rate = rampers.get(i).next();
                if (Double.isNaN(rate)) continue;
                more = true;
                LoadRun.Result r = trial(ts.get(i), plugins, browsers, rate);
                trials.get(i).add(r);
                rampers.get(i).record(r.sustained(rate, s.tolerance()));
            }
        }
        List<Ramp> out = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            double best = rampers.get(i).best();
            LoadRun.Result atMax = best > 0
                    ? run(
                            ts.get(i),
                            spec(plugins, new Pace.Rate(best), browsers, false),
                            String.format("at max %.0f frames/s", best))
                    : null;
            out.add(new Ramp(trials.get(i).get(0).target(), best, trials.get(i), atMax));
        }
        return out;
    }

    private LoadRun.Result trial(Supplier<Target> target, int plugins, int browsers, double rate) {
        LoadRun.Spec spec = new LoadRun.Spec(plugins, new Pace.Rate(rate), browsers, false, s.trialWarmup(), s.trial());
        LoadRun.Result r = run(target, spec, String.format("trial %.0f frames/s", rate));
        progress.printf("           -> %s%n", r.sustained(rate, s.tolerance()) ? "sustained" : "not sustained");
        return r;
    }
}
