package dev.overlord.bench;

/**
 * (a) ingest: the highest plugin frame rate that many plugin sockets (plugins=) can send and the
 * server accepts in full while a few browsers (ingest-browsers=) keep up, found by a ramp.
 */
public final class IngestScenario implements Scenario<LoadBench, LoadReport> {

    @Override
    public String name() {
        return "a";
    }

    @Override
    public LoadReport run(LoadBench bench, LoadReport report) {
        LoadBench.Settings s = bench.settings();
        bench.progress()
                .println("(a) ingest: " + s.ingestPlugins() + " plugins, " + s.ingestBrowsers()
                        + " browsers, ramping the frame rate");
        return report.withIngest(bench.ramps(s.ingestPlugins(), s.ingestBrowsers(), s.ingestRampStart()));
    }
}
