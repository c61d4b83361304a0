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
 * The scenarios of the benchmark, each run against Overlord and against the bare relay L_ws in
 * the same JVM, one target at a time, each run on a freshly started server.
 *
 * <ul>
 *   <li>(a) ingest: the highest plugin frame rate that many plugin sockets can send and the
 *       server accepts in full while a few browsers keep up (a ramp, see below);
 *   <li>(b) fan-out: the same with few plugins and many browsers, and its deliveries/s;
 *   <li>(c) latency: p50/p99 plugin-to-browser at the reference's real load (each character a
 *       telemetry interval every 2 s) and at a share of Overlord's maximum from (b);
 *   <li>(d) a stalled browser: the other browsers' delivery rate and p99 without and with one
 *       browser that never reads, near each target's maximum from (b).
 * </ul>
 *
 * <p>A ramp doubles the offered rate from a start value until a short trial is not sustained
 * ({@link LoadRun.Result#sustained}), bisects between the last good and the first bad rate, then
 * measures a full-length run at the best rate found.
 */
public final class Benchmarks {

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
      return new Settings(1000, 5, 2000, 60, 200, 10, 100,
          Duration.ofSeconds(8), Duration.ofSeconds(3), Duration.ofSeconds(10),
          Duration.ofSeconds(2), Duration.ofSeconds(3),
          3, 0.05, 0.8, 0.9, Duration.ofSeconds(30), List.of("a", "b", "c", "d"));
    }

    int maxConnections() {
      return Math.max(ingestPlugins + ingestBrowsers, characters + Math.max(browsers, latencyBrowsers) + 1) + 64;
    }
  }

  /** The highest sustained rate a ramp found, the trials that found it and a full-length run at it. */
  public record Ramp(String target, double maxRate, List<LoadRun.Result> trials, LoadRun.Result atMax) {}

  /** Everything one benchmark run measured. */
  public record Report(
      Settings settings,
      List<Ramp> ingest,
      List<Ramp> fanout,
      List<LoadRun.Result> latencyReal,
      List<LoadRun.Result> latencyRealMany,
      List<LoadRun.Result> latencyHigh,
      double latencyHighRate,
      List<LoadRun.Result> stallWithout,
      List<LoadRun.Result> stallWith,
      List<LoadRun.Result> probes) {}

  /** Busy share of the machine below which it counts as quiet enough to start a run. */
  private static final double QUIET = 0.25;

  private final Settings s;
  private final ActorSystem<?> clients;
  private final Config baseConfig;
  private final List<Frames> frames;
  private final PrintStream progress;
  private final HttpClient http;

  public Benchmarks(Settings settings, ActorSystem<?> clients, Config baseConfig, PrintStream progress) {
    this.s = settings;
    this.clients = clients;
    this.baseConfig = baseConfig;
    this.progress = progress;
    this.http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "bench-browsers");
      t.setDaemon(true);
      return t;
    })).build();
    int n = Math.max(settings.ingestPlugins(), settings.characters());
    List<Frames> f = new ArrayList<>(n);
    for (int i = 0; i < n; i++) f.add(Frames.generate(String.format("Bench %04d", i), 7919L * (i + 1), 20));
    this.frames = List.copyOf(f);
  }

  private List<Supplier<Target>> targets() {
    return List.of(
        () -> BaselineRelay.start(baseConfig, s.maxConnections(), 2048),
        () -> OverlordTarget.start(s.maxConnections()));
  }

  private LoadRun.Result run(Supplier<Target> target, LoadRun.Spec spec, String label) {
    System.gc();
    if (!s.quietWait().isZero()) {
      double busy = CpuMeter.awaitQuiet(s.quietWait(), QUIET);
      if (busy >= QUIET) progress.printf("  (machine still %.0f %% busy with other work after %d s; going on)%n", 100 * busy, s.quietWait().toSeconds());
    }
    long started = System.nanoTime();
    try (Target t = target.get()) {
      LoadRun.Result r = LoadRun.run(clients, http, t, frames, spec);
      progress.printf("  %-8s %-30s %s [%.0f s]%n", r.target(), label, Tables.brief(r),
          (System.nanoTime() - started) / 1e9);
      return r;
    }
  }

  private LoadRun.Spec spec(int plugins, Pace pace, int browsers, boolean stalled) {
    return new LoadRun.Spec(plugins, pace, browsers, stalled, s.warmup(), s.measure());
  }

  public Report runAll() {
    List<String> sc = s.scenarios();
    List<LoadRun.Result> probes = new ArrayList<>();
    if (!s.jitWarmup().isZero()) {
      progress.println("JIT warm-up");
      for (Supplier<Target> t : targets()) {
        run(t, new LoadRun.Spec(s.characters(), new Pace.Rate(1000), 20, false, Duration.ZERO, s.jitWarmup()), "warm-up");
      }
    }
    for (String p : sc) {
      // probe:RATE or probe:max: one run of the (b) set-up at that pace against both targets.
      if (!p.startsWith("probe:")) continue;
      String v = p.substring("probe:".length());
      Pace pace = v.equals("max") ? new Pace.Max() : new Pace.Rate(Double.parseDouble(v));
      for (Supplier<Target> t : targets()) probes.add(run(t, spec(s.characters(), pace, s.browsers(), false), "probe " + v));
    }
    List<Ramp> ingest = new ArrayList<>();
    List<Ramp> fanout = new ArrayList<>();
    List<LoadRun.Result> real = new ArrayList<>();
    List<LoadRun.Result> realMany = new ArrayList<>();
    List<LoadRun.Result> high = new ArrayList<>();
    List<LoadRun.Result> without = new ArrayList<>();
    List<LoadRun.Result> with = new ArrayList<>();
    double highRate = Double.NaN;

    if (sc.contains("a")) {
      progress.println("(a) ingest: " + s.ingestPlugins() + " plugins, " + s.ingestBrowsers() + " browsers, ramping the frame rate");
      ingest.addAll(ramps(s.ingestPlugins(), s.ingestBrowsers(), s.ingestRampStart()));
    }
    if (sc.contains("b") || sc.contains("c") || sc.contains("d")) {
      progress.println("(b) fan-out: " + s.characters() + " plugins, " + s.browsers() + " browsers, ramping the frame rate");
      fanout.addAll(ramps(s.characters(), s.browsers(), s.fanoutRampStart()));
    }
    if (sc.contains("c")) {
      Pace realPace = new Pace.RealTime(Duration.ofSeconds(2), Duration.ZERO);
      progress.println("(c) latency: " + s.characters() + " characters at the real pace, " + s.latencyBrowsers() + " and "
          + s.browsers() + " browsers");
      for (Supplier<Target> t : targets()) {
        real.add(run(t, spec(s.characters(), realPace, s.latencyBrowsers(), false), "real pace, " + s.latencyBrowsers() + " browsers"));
      }
      for (Supplier<Target> t : targets()) {
        realMany.add(run(t, spec(s.characters(), realPace, s.browsers(), false), "real pace, " + s.browsers() + " browsers"));
      }
      highRate = s.latencyLoad() * max(fanout, "Overlord");
      progress.printf("(c) latency at %.0f frames/s (%.0f %% of Overlord's maximum), %d browsers, both targets%n",
          highRate, 100 * s.latencyLoad(), s.browsers());
      for (Supplier<Target> t : targets()) {
        high.add(run(t, spec(s.characters(), new Pace.Rate(highRate), s.browsers(), false), String.format("%.0f frames/s", highRate)));
      }
    }
    if (sc.contains("d")) {
      progress.println("(d) one stalled browser among " + s.browsers() + ", at " + Math.round(100 * s.stallLoad())
          + " % of each target's maximum");
      List<Supplier<Target>> ts = targets();
      for (int i = 0; i < ts.size(); i++) {
        double rate = s.stallLoad() * fanout.get(i).maxRate();
        without.add(run(ts.get(i), spec(s.characters(), new Pace.Rate(rate), s.browsers(), false),
            String.format("%.0f frames/s, no stall", rate)));
        with.add(run(ts.get(i), spec(s.characters(), new Pace.Rate(rate), s.browsers(), true),
            String.format("%.0f frames/s, 1 stalled", rate)));
      }
    }
    return new Report(s, ingest, fanout, real, realMany, high, highRate, without, with, probes);
  }

  private static double max(List<Ramp> ramps, String target) {
    return ramps.stream().filter(r -> r.target().equals(target)).findFirst().orElseThrow().maxRate();
  }

  /**
   * Ramps both targets in lockstep (a trial of one, then of the other), so that anything else
   * happening on the machine falls on both alike; then one full-length run of each at its best.
   */
  private List<Ramp> ramps(int plugins, int browsers, double start) {
    List<Supplier<Target>> ts = targets();
    List<Ramper> rampers = ts.stream().map(t -> new Ramper(start, s.bisectSteps())).toList();
    List<List<LoadRun.Result>> trials = ts.stream().map(t -> (List<LoadRun.Result>) new ArrayList<LoadRun.Result>()).toList();
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
          ? run(ts.get(i), spec(plugins, new Pace.Rate(best), browsers, false), String.format("at max %.0f frames/s", best))
          : null;
      out.add(new Ramp(trials.get(i).get(0).target(), best, trials.get(i), atMax));
    }
    return out;
  }

  /** Doubles the rate until a trial fails, then bisects between the last good and first bad rate. */
  static final class Ramper {
    private double ok;
    private double bad = Double.NaN;
    private double current;
    private int bisectLeft;

    Ramper(double start, int bisectSteps) {
      this.current = start;
      this.bisectLeft = bisectSteps;
    }

    /** The next rate to try, or NaN when done. */
    double next() {
      return current;
    }

    void record(boolean sustained) {
      boolean doubling = Double.isNaN(bad);
      if (sustained) ok = current;
      else bad = current;
      if (doubling && sustained) {
        current = current * 2 <= 1_000_000 ? current * 2 : Double.NaN;
        return;
      }
      if (!doubling) bisectLeft--;
      current = bisectLeft > 0 ? (ok == 0 ? bad / 2 : (ok + bad) / 2) : Double.NaN;
    }

    double best() {
      return ok;
    }
  }

  private LoadRun.Result trial(Supplier<Target> target, int plugins, int browsers, double rate) {
    LoadRun.Spec spec = new LoadRun.Spec(plugins, new Pace.Rate(rate), browsers, false, s.trialWarmup(), s.trial());
    LoadRun.Result r = run(target, spec, String.format("trial %.0f frames/s", rate));
    progress.printf("           -> %s%n", r.sustained(rate, s.tolerance()) ? "sustained" : "not sustained");
    return r;
  }
}
