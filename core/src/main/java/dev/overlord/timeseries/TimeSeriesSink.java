package dev.overlord.timeseries;

import dev.overlord.protocol.PluginFrame;

/**
 * Where time-series frames (telemetry positions, spawns) go on their way to storage: batched
 * table writes, never the journal. Implementations must not block and must not throw; when they
 * cannot keep up they drop and count.
 */
@FunctionalInterface
public interface TimeSeriesSink {

    /** Offers one frame; false when it was dropped. */
    boolean offer(PluginFrame frame);
}
