package dev.overlord.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** One short in-process JMH iteration of each parse benchmark, so the benchmark keeps compiling and running. */
class FrameParseBenchmarkSmokeTest {

    @Test
    void bothParsersRunOnEveryFrame() throws Exception {
        Options opts = new OptionsBuilder()
                .include(FrameParseBenchmark.class.getName() + "\\.")
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        assertEquals(9, results.size(), "3 benchmarks x 3 frames");
        Map<String, Double> score = new HashMap<>();
        for (RunResult r : results) {
            String key = r.getParams().getBenchmark().replaceAll(".*\\.", "") + "/"
                    + r.getParams().getParam("frame");
            double ns = r.getPrimaryResult().getScore();
            assertTrue(ns > 0 && Double.isFinite(ns), key + ": " + ns);
            score.put(key, ns);
        }
        for (String frame : new String[] {"telemetry", "vitals", "full_inventory"}) {
            double ratio = score.get("overlordParse/" + frame) / score.get("jacksonReadTree/" + frame);
            assertTrue(ratio > 0 && Double.isFinite(ratio), frame + " ratio " + ratio);
        }
    }
}
