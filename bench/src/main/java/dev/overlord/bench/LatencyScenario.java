package dev.overlord.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * (c) latency: p50/p99 plugin-to-browser at the reference's real load (each character a telemetry
 * interval every 2 s) with latency-browsers= and with browsers= browsers, then at latency-load= of
 * Overlord's maximum from (b), the same rate for both targets.
 */
public final class LatencyScenario implements Scenario<LoadBench, LoadReport> {

    @Override
    public String name() {
        return "c";
    }

    @Override
    public LoadReport run(LoadBench bench, LoadReport report) {
        LoadBench.Settings s = bench.settings();
        List<LoadRun.Result> real = new ArrayList<>();
        List<LoadRun.Result> realMany = new ArrayList<>();
        List<LoadRun.Result> high = new ArrayList<>();
        Pace realPace = new Pace.RealTime(Duration.ofSeconds(2), Duration.ZERO);
        bench.progress()
                .println("(c) latency: " + s.characters() + " characters at the real pace, " + s.latencyBrowsers()
                        + " and " + s.browsers() + " browsers");
        for (Supplier<Target> t : bench.targets()) {
            real.add(bench.run(
                    t,
                    bench.spec(s.characters(), realPace, s.latencyBrowsers(), false),
                    "real pace, " + s.latencyBrowsers() + " browsers"));
        }
        for (Supplier<Target> t : bench.targets()) {
            realMany.add(bench.run(
                    t,
                    bench.spec(s.characters(), realPace, s.browsers(), false),
                    "real pace, " + s.browsers() + " browsers"));
        }
        double highRate = s.latencyLoad() * LoadBench.max(report.fanout(), "Overlord");
        bench.progress()
                .printf(
                        "(c) latency at %.0f frames/s (%.0f %% of Overlord's maximum), %d browsers, both targets%n",
                        highRate, 100 * s.latencyLoad(), s.browsers());
        for (Supplier<Target> t : bench.targets()) {
            high.add(bench.run(
                    t,
                    bench.spec(s.characters(), new Pace.Rate(highRate), s.browsers(), false),
                    String.format("%.0f frames/s", highRate)));
        }
        return report.withLatency(real, realMany, high, highRate);
    }
}
