package dev.overlord.bench;

import dev.overlord.http.simulator.SimulatedCharacter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames of one simulated character, generated before a run so that generating them is not
 * measured. Each frame is kept without its opening brace, so stamping it with
 * {@code "bench_ts":<nanoTime>} at send time is one concatenation. Not core's {@code SampleFrames}
 * (one fixed sample per type) nor the http tests' {@code Frames} (trees built per call): a run needs
 * many characters' varied traffic, prepared once, as text.
 *
 * @param login what a plugin sends on connect (character stats, a full inventory)
 * @param ticks the frames of consecutive 2-second telemetry intervals (telemetry, vitals and the
 *     occasional chat, spawn, combat stats, ...), one list per interval
 */
public record Frames(String name, List<String> login, List<List<String>> ticks) {

    /** The field a browser reads back to compute plugin-to-browser latency. */
    public static final String TS_FIELD = "\"bench_ts\":";

    /** What {@link #timestampOf} answers for a text without a send time. */
    public static final long NO_TS = Long.MIN_VALUE;

    /** Frames of {@code tickCount} telemetry intervals of the character called {@code name}. */
    public static Frames generate(String name, long seed, int tickCount) {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        SimulatedCharacter c = new SimulatedCharacter(name, seed, start);
        List<String> login = c.login(start).stream().map(Frames::body).toList();
        List<List<String>> ticks = new ArrayList<>(tickCount);
        for (int i = 1; i <= tickCount; i++) {
            ticks.add(c.tick(start.plus(Duration.ofSeconds(2L * i))).stream()
                    .map(Frames::body)
                    .toList());
        }
        return new Frames(name, login, List.copyOf(ticks));
    }

    /** Every tick's frames in order, for sending at a set rate or as fast as allowed. */
    public List<String> flat() {
        List<String> out = new ArrayList<>();
        ticks.forEach(out::addAll);
        return out;
    }

    /** A frame's text without its opening brace. */
    static String body(String json) {
        if (!json.startsWith("{")) throw new IllegalArgumentException("not a JSON object: " + json);
        return json.substring(1);
    }

    /** The frame with the send time as its first field. */
    public static String stamp(String body, long nanoTime) {
        return new StringBuilder(body.length() + 32)
                .append('{')
                .append(TS_FIELD)
                .append(nanoTime)
                .append(',')
                .append(body)
                .toString();
    }

    /** The frame as it is without a send time (the opening brace put back). */
    public static String plain(String body) {
        return "{" + body;
    }

    /** The {@code bench_ts} of a received text, or {@link #NO_TS} when it has none. */
    public static long timestampOf(String text) {
        int i = text.indexOf(TS_FIELD);
        if (i < 0) return NO_TS;
        int p = i + TS_FIELD.length();
        int n = text.length();
        boolean negative = p < n && text.charAt(p) == '-';
        if (negative) p++;
        long v = 0;
        int digits = 0;
        while (p < n) {
            char ch = text.charAt(p);
            if (ch < '0' || ch > '9') break;
            v = v * 10 + (ch - '0');
            p++;
            digits++;
        }
        if (digits == 0) return NO_TS;
        return negative ? -v : v;
    }
}
