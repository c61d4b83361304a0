package dev.overlord.bench;

import java.util.ArrayList;
import java.util.List;

/** Everything one run of the load scenarios measured; empty lists for the scenarios that did not run. */
public record LoadReport(
        LoadBench.Settings settings,
        List<Ramp> ingest,
        List<Ramp> fanout,
        List<LoadRun.Result> latencyReal,
        List<LoadRun.Result> latencyRealMany,
        List<LoadRun.Result> latencyHigh,
        double latencyHighRate,
        List<LoadRun.Result> stallWithout,
        List<LoadRun.Result> stallWith,
        List<LoadRun.Result> probes) {

    static LoadReport empty(LoadBench.Settings settings) {
        return new LoadReport(
                settings,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Double.NaN,
                List.of(),
                List.of(),
                List.of());
    }

    LoadReport withIngest(List<Ramp> ramps) {
        return new LoadReport(
                settings,
                List.copyOf(ramps),
                fanout,
                latencyReal,
                latencyRealMany,
                latencyHigh,
                latencyHighRate,
                stallWithout,
                stallWith,
                probes);
    }

    LoadReport withFanout(List<Ramp> ramps) {
        return new LoadReport(
                settings,
                ingest,
                List.copyOf(ramps),
                latencyReal,
                latencyRealMany,
                latencyHigh,
                latencyHighRate,
                stallWithout,
                stallWith,
                probes);
    }

    LoadReport withLatency(
            List<LoadRun.Result> real, List<LoadRun.Result> realMany, List<LoadRun.Result> high, double highRate) {
        return new LoadReport(
                settings,
                ingest,
                fanout,
                List.copyOf(real),
                List.copyOf(realMany),
                List.copyOf(high),
                highRate,
                stallWithout,
                stallWith,
                probes);
    }

    LoadReport withStall(List<LoadRun.Result> without, List<LoadRun.Result> with) {
        return new LoadReport(
                settings,
                ingest,
                fanout,
                latencyReal,
                latencyRealMany,
                latencyHigh,
                latencyHighRate,
                List.copyOf(without),
                List.copyOf(with),
                probes);
    }

    /** With one more probe's results, after those of earlier probes. */
    LoadReport withProbes(List<LoadRun.Result> more) {
        List<LoadRun.Result> all = new ArrayList<>(probes);
        all.addAll(more);
        return new LoadReport(
                settings,
                ingest,
                fanout,
                latencyReal,
                latencyRealMany,
                latencyHigh,
                latencyHighRate,
                stallWithout,
                stallWith,
                List.copyOf(all));
    }
}
