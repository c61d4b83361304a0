package dev.overlord.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * (d) a stalled browser: the other browsers' delivery rate and p99 without and with one browser
 * that never reads ({@code StalledBrowser}), at stall-load= of each target's maximum from (b).
 */
public final class StallScenario implements Scenario<LoadBench, LoadReport> {

    @Override
    public String name() {
        return "d";
    }

    @Override
    public LoadReport run(LoadBench bench, LoadReport report) {
        LoadBench.Settings s = bench.settings();
        List<LoadRun.Result> without = new ArrayList<>();
        List<LoadRun.Result> with = new ArrayList<>();
        bench.progress()
                .println("(d) one stalled browser among " + s.browsers() + ", at " + Math.round(100 * s.stallLoad())
                        + " % of each target's maximum");
        List<Supplier<Target>> ts = bench.targets();
        for (int i = 0; i < ts.size(); i++) {
            // (b)'s ramps are in the order of the targets.
            double rate = s.stallLoad() * report.fanout().get(i).maxRate();
            without.add(bench.run(
                    ts.get(i),
                    bench.spec(s.characters(), new Pace.Rate(rate), s.browsers(), false),
                    String.format("%.0f frames/s, no stall", rate)));
            with.add(bench.run(
                    ts.get(i),
                    bench.spec(s.characters(), new Pace.Rate(rate), s.browsers(), true),
                    String.format("%.0f frames/s, 1 stalled", rate)));
        }
        return report.withStall(without, with);
    }
}
