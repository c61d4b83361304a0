package dev.overlord.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * probe:RATE or probe:max: one run of (b)'s set-up (characters= plugins, browsers= browsers) at that
 * pace against both targets, to look at one rate without a ramp.
 */
public final class ProbeScenario implements Scenario<LoadBench, LoadReport> {
    static final String PREFIX = "probe:";

    private final String rate;
    private final Pace pace;

    private ProbeScenario(String rate, Pace pace) {
        this.rate = rate;
        this.pace = pace;
    }

    /** The probe called {@code name}, e.g. {@code probe:1000} or {@code probe:max}. */
    static ProbeScenario named(String name) {
        String v = name.substring(PREFIX.length());
        return new ProbeScenario(v, v.equals("max") ? new Pace.Max() : new Pace.Rate(Double.parseDouble(v)));
    }

    @Override
    public String name() {
        return PREFIX + rate;
    }

    @Override
    public LoadReport run(LoadBench bench, LoadReport report) {
        LoadBench.Settings s = bench.settings();
        List<LoadRun.Result> runs = new ArrayList<>();
        for (Supplier<Target> t : bench.targets()) {
            runs.add(bench.run(t, bench.spec(s.characters(), pace, s.browsers(), false), "probe " + rate));
        }
        return report.withProbes(runs);
    }
}
