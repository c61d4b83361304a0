package dev.overlord.bench;

import java.time.Duration;

/** How a benchmark plugin sends its frames. */
public sealed interface Pace {

    /** As fast as the socket takes them (the server's back-pressure is the only limit). */
    record Max() implements Pace {}

    /** A steady {@code framesPerSecond}, cycling through the character's frames. */
    record Rate(double framesPerSecond) implements Pace {}

    /**
     * A steady {@code framesPerSecond} of the largest frames (character stats and full inventories,
     * a few KiB each), cycling: fills a stalled browser's buffers quickly in short smoke runs.
     */
    record Bulk(double framesPerSecond) implements Pace {}

    /**
     * As a real plugin: every {@code every} (2 s) the frames of one telemetry interval (telemetry,
     * vitals and now and then chat, spawn, combat stats...), starting after {@code offset}.
     */
    record RealTime(Duration every, Duration offset) implements Pace {}
}
