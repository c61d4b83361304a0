package dev.overlord.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.ParseResult;
import dev.overlord.protocol.PluginFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic plugin frames, one per frame type of the plugin contract, stored under {@code
 * frames/} on the test classpath; shared with the other modules through core's test-jar.
 *
 * <p>Each sample is named after its type, except {@code unknown} (a type this server does not
 * know) and {@code share_vitals} (the {@code share_*} example). Every sample has a {@code
 * character_name}, a {@code timestamp} and a few fields the parser does not read.
 */
public final class SampleFrames {
    private SampleFrames() {}

    /** The names of every stored sample, in the order of the contract. */
    public static final List<String> NAMES = List.of(
            "telemetry",
            "vitals",
            "character_stats",
            "inventory",
            "full_inventory",
            "inventory_delta",
            "equipment_cantrip_state",
            "portal",
            "spawn",
            "chat",
            "quest",
            "rare",
            "nearby_objects",
            "combat_stats",
            "share_vitals",
            "dungeon_map",
            "unknown");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    // Samples carry their timestamps, so this clock is only read for frames built without one.
    private static final FrameParser PARSER = new FrameParser(Clock.fixed(ManualClock.START, ZoneOffset.UTC));

    /** The sample's text exactly as stored (pretty-printed JSON, as a plugin may send it). */
    public static String text(String name) {
        String path = "/frames/" + name + ".json";
        try (InputStream in = SampleFrames.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no sample frame " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, mutable copy of the sample's JSON tree. */
    public static ObjectNode json(String name) {
        return readJson(text(name));
    }

    /** Every sample by name, in the order of {@link #NAMES}. */
    public static Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : NAMES) out.put(name, text(name));
        return out;
    }

    /** The sample parsed by a {@link FrameParser}; fails the test if the parser rejects it. */
    public static PluginFrame frame(String name) {
        return parse(text(name));
    }

    /** Parses a frame text that a test expects to be accepted. */
    public static PluginFrame parse(String text) {
        return switch (PARSER.parse(text)) {
            case ParseResult.Parsed p -> p.frame();
            case ParseResult.Rejected r ->
                throw new AssertionError("sample frame rejected (" + r.reason() + "): " + r.detail());
        };
    }

    /** A telemetry frame to adjust: starts from the stored sample. */
    public static Builder telemetry() {
        return of("telemetry");
    }

    /** A vitals frame to adjust: starts from the stored sample. */
    public static Builder vitals() {
        return of("vitals");
    }

    /** Any stored sample, to adjust. */
    public static Builder of(String name) {
        return new Builder(json(name));
    }

    /** Reads a JSON object's text into a tree, e.g. to inspect what was forwarded. */
    public static ObjectNode readJson(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node instanceof ObjectNode o) return o;
            throw new IllegalArgumentException("not a JSON object");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Changes a few fields of a sample frame; everything else stays as stored. */
    public static final class Builder {
        private final ObjectNode json;

        private Builder(ObjectNode json) {
            this.json = json;
        }

        public Builder name(String characterName) {
            json.put(FrameParser.CHARACTER, characterName);
            return this;
        }

        public Builder at(Instant timestamp) {
            json.put(FrameParser.TIMESTAMP, timestamp.toString());
            return this;
        }

        /** Position in Dereth: east-west and north-south (about -100..100). */
        public Builder position(double ew, double ns) {
            return ew(ew).ns(ns);
        }

        public Builder ew(double ew) {
            json.put("ew", ew);
            return this;
        }

        public Builder ns(double ns) {
            json.put("ns", ns);
            return this;
        }

        public Builder z(double z) {
            json.put("z", z);
            return this;
        }

        public Builder vitae(double vitae) {
            json.put("vitae", vitae);
            return this;
        }

        /** The plugin's macro state, e.g. {@code "Combat"} or {@code "Idle"}. */
        public Builder vtState(String state) {
            json.put("vt_state", state);
            return this;
        }

        public Builder kills(long kills) {
            json.put("kills", kills);
            return this;
        }

        public Builder totalDeaths(long deaths) {
            json.put("total_deaths", deaths);
            return this;
        }

        public Builder tapers(long tapers) {
            json.put("prismatic_taper_count", tapers);
            return this;
        }

        public Builder set(String field, String value) {
            json.put(field, value);
            return this;
        }

        public Builder set(String field, double value) {
            json.put(field, value);
            return this;
        }

        public Builder set(String field, JsonNode value) {
            json.set(field, value);
            return this;
        }

        public Builder without(String field) {
            json.remove(field);
            return this;
        }

        /** The frame as compact JSON text, as a plugin sends it. */
        public String text() {
            return json.toString();
        }

        public ObjectNode json() {
            return json.deepCopy();
        }

        /** The frame parsed; fails the test if the parser rejects it. */
        public PluginFrame frame() {
            return parse(text());
        }

        public <T extends PluginFrame> T frame(Class<T> variant) {
            return variant.cast(frame());
        }

        /**
         * The frame as the parser would build it but with its names, texts and timestamp as set
         * here even past the parser's bounds: what an older build journaled or passed on, for the
         * checks downstream of the parser (the time-series rows, the projections) that must hold
         * on their own.
         */
        public PluginFrame frameBeyondBounds() {
            ObjectNode placeholders = json.deepCopy();
            for (String field : List.of("character_name", "vt_state", "session_id", "mob", "name", "portal_name")) {
                if (placeholders.hasNonNull(field)) placeholders.put(field, "placeholder");
            }
            placeholders.remove("timestamp");
            PluginFrame parsed = parse(placeholders.toString());
            JsonNode ts = json.get("timestamp");
            var envelope = new dev.overlord.protocol.FrameEnvelope(
                    parsed.envelope().type(),
                    json.path("character_name").asText(null),
                    ts == null ? parsed.envelope().timestamp() : Instant.parse(ts.asText()),
                    json.deepCopy(),
                    text());
            return switch (parsed) {
                case PluginFrame.Telemetry t ->
                    new PluginFrame.Telemetry(
                            envelope,
                            t.ew(),
                            t.ns(),
                            t.z(),
                            t.kills(),
                            t.killsPerHour(),
                            t.deaths(),
                            t.totalDeaths(),
                            t.raresFound(),
                            t.prismaticTapers(),
                            json.path("vt_state").asText(null),
                            json.path("session_id").asText(null));
                case PluginFrame.Spawn sp ->
                    new PluginFrame.Spawn(envelope, json.path("mob").asText(null), sp.ew(), sp.ns(), sp.z());
                case PluginFrame.Rare r ->
                    new PluginFrame.Rare(envelope, json.path("name").asText(null));
                case PluginFrame.Portal p ->
                    new PluginFrame.Portal(envelope, json.path("portal_name").asText(null), p.ew(), p.ns(), p.z());
                default -> throw new IllegalArgumentException("no frame beyond bounds for " + parsed.type());
            };
        }
    }
}
