package dev.overlord.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How busy the machine and this JVM were over a window, so that a run disturbed by other work on
 * the machine can be told apart. Machine figures come from {@code /proc/stat} (Linux); elsewhere
 * they are NaN.
 */
final class CpuMeter {
    /** USER_HZ: the unit of /proc/stat on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long wall0 = System.nanoTime();
    private final long proc0 = processCpuNanos();
    private final long[] stat0 = machineTicks();

    /**
     * @param machineBusy share of all cores busy (0..1)
     * @param thisJvm share of all cores used by this JVM (0..1)
     * @param others share of all cores used by everything else (0..1)
     */
    record Usage(double machineBusy, double thisJvm, double others) {
        static final Usage UNKNOWN = new Usage(Double.NaN, Double.NaN, Double.NaN);
    }

    Usage stop() {
        long wall = System.nanoTime() - wall0;
        long proc = processCpuNanos() - proc0;
        long[] stat1 = machineTicks();
        int cores = Runtime.getRuntime().availableProcessors();
        double capacity = cores * wall / 1e9;
        double self = proc < 0 ? Double.NaN : proc / 1e9 / capacity;
        if (stat0 == null || stat1 == null) return new Usage(Double.NaN, self, Double.NaN);
        double busy = (stat1[0] - stat0[0]) / TICKS_PER_SECOND / capacity;
        return new Usage(busy, self, Math.max(0, busy - self));
    }

    /**
     * Waits, at most {@code maxWait}, for a one-second sample in which the machine was less than
     * {@code threshold} busy; answers the last sample's busy share (NaN off Linux).
     */
    static double awaitQuiet(Duration maxWait, double threshold) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        double busy;
        do {
            CpuMeter m = new CpuMeter();
            Waits.pass(Duration.ofSeconds(1));
            busy = m.stop().machineBusy();
        } while (!(busy < threshold) && !Double.isNaN(busy) && System.nanoTime() - deadline < 0);
        return busy;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** {busy ticks, total ticks} of all cores, or null off Linux. */
    private static long[] machineTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) idle += v; // idle, iowait
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
