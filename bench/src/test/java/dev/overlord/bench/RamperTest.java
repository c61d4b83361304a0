package dev.overlord.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RamperTest {

    /** Runs a ramp against a system that sustains up to {@code capacity}; answers the rates tried. */
    private static List<Double> ramp(double capacity, Ramper r) {
        List<Double> tried = new ArrayList<>();
        for (double rate = r.next(); !Double.isNaN(rate); rate = r.next()) {
            tried.add(rate);
            r.record(rate <= capacity);
        }
        return tried;
    }

    @Test
    void doublesThenBisects() {
        Ramper r = new Ramper(100, 3);
        List<Double> tried = ramp(700, r);
        assertEquals(List.of(100.0, 200.0, 400.0, 800.0, 600.0, 700.0, 750.0), tried);
        assertEquals(700, r.best());
    }

    @Test
    void bisectsDownwardWhenTheFirstRateFails() {
        Ramper r = new Ramper(1000, 3);
        List<Double> tried = ramp(300, r);
        assertEquals(List.of(1000.0, 500.0, 250.0, 375.0), tried);
        assertEquals(250, r.best());
    }

    @Test
    void framesCarryAReadableSendTime() {
        Frames f = Frames.generate("Ramp Test", 1, 3);
        String stamped = Frames.stamp(f.ticks().get(0).get(0), -123456789L);
        assertEquals(-123456789L, Frames.timestampOf(stamped));
        assertEquals(Frames.NO_TS, Frames.timestampOf("{\"type\":\"gap\"}"));
        assertTrue(stamped.startsWith("{\"bench_ts\":-123456789,\"type\":\"telemetry\""), stamped);
    }

    @Test
    void histogramQuantilesAreWithinOnePercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) h.record(v * 1000); // 1 µs .. 100 ms
        assertEquals(100_000, h.count());
        assertEquals(50_000_000, h.quantile(0.5), 50_000_000 * 0.01);
        assertEquals(99_000_000, h.quantile(0.99), 99_000_000 * 0.01);
    }
}
