package dev.overlord.bench;

/**
 * (b) fan-out: the highest plugin frame rate that few plugins (characters=) can send while many
 * browsers (browsers=) receive every frame, found by a ramp, and its deliveries/s. Its maxima set
 * the loads of (c) and (d).
 */
public final class FanoutScenario implements Scenario<LoadBench, LoadReport> {

    @Override
    public String name() {
        return "b";
    }

    @Override
    public LoadReport run(LoadBench bench, LoadReport report) {
        LoadBench.Settings s = bench.settings();
        bench.progress()
                .println("(b) fan-out: " + s.characters() + " plugins, " + s.browsers()
                        + " browsers, ramping the frame rate");
        return report.withFanout(bench.ramps(s.characters(), s.browsers(), s.fanoutRampStart()));
    }
}
