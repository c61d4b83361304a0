package dev.overlord.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.simulator.SimulatedCharacter;
import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.ParseResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Overlord's {@link FrameParser#parse} against a bare Jackson {@code readTree} of the same text,
 * on realistic frames from {@link SimulatedCharacter}: a telemetry frame, a vitals frame and a
 * full inventory. The parser does the tree parse plus its checks and the typed record, so the
 * ratio is what the protocol layer costs over JSON itself (target: at most 1.5x).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameParseBenchmark {

    @Param({"telemetry", "vitals", "full_inventory"})
    public String frame;

    private String text;
    private String timestamp;
    private FrameParser parser;
    private ObjectMapper mapper;

    @Setup
    public void setup() {
        text = frame(frame);
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        parser = new FrameParser(clock);
        // A plain mapper, as a server without a protocol layer would use.
        mapper = new ObjectMapper();
        try {
            timestamp = mapper.readTree(text).get("timestamp").textValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (!(parser.parse(text) instanceof ParseResult.Parsed)) {
            throw new IllegalStateException("the " + frame + " frame does not parse: " + text);
        }
    }

    /** A realistic frame of the given type, the same on every run. */
    public static String frame(String type) {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        SimulatedCharacter c = new SimulatedCharacter("Bench Parser", 42, start);
        List<String> login = c.login(start);
        List<String> tick = c.tick(start.plusSeconds(2));
        String found = switch (type) {
            case "telemetry" -> tick.get(0);
            case "vitals" -> tick.get(1);
            case "full_inventory" -> login.get(1);
            default -> throw new IllegalArgumentException("no such frame: " + type);
        };
        if (!found.contains("\"type\":\"" + type + "\"")) {
            throw new IllegalStateException("expected a " + type + " frame, got " + found);
        }
        return found;
    }

    @Benchmark
    public ParseResult overlordParse() {
        return parser.parse(text);
    }

    @Benchmark
    public JsonNode jacksonReadTree() throws Exception {
        return mapper.readTree(text);
    }

    /** The frame's timestamp alone through {@code Instant.parse}, which the parser does once per frame. */
    @Benchmark
    public Instant timestampParse() {
        return Instant.parse(timestamp);
    }
}
