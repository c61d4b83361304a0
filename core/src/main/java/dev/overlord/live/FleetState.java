package dev.overlord.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.protocol.PluginFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest telemetry and vitals of every character this node has heard from, kept by the hub
 * as frames pass so that {@code GET /live} and a browser's snapshot on connect cost no queries.
 * A character silent for longer than {@code forgetAfter} is forgotten, so the state is bounded by
 * the characters heard from in that window, not by every name ever sent.
 */
public final class FleetState {

    /**
     * What one character last said.
     *
     * @param telemetry the last telemetry frame's JSON tree, or null
     * @param vitals the last vitals frame's JSON tree, or null
     */
    public record Latest(
            String characterName,
            ObjectNode telemetry,
            Instant telemetryAt,
            ObjectNode vitals,
            Instant lastSeen,
            int telemetryChars,
            int vitalsChars) {
        long chars() {
            return (long) characterName.length() + telemetryChars + vitalsChars;
        }
    }

    /** How often at most the state is swept for characters gone silent. */
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final ConcurrentMap<String, Latest> byName = new ConcurrentHashMap<>();
    private final Duration forgetAfter;
    private final AtomicLong chars = new AtomicLong();
    private Instant nextSweep = Instant.MIN;

    public FleetState(Duration forgetAfter) {
        this.forgetAfter = forgetAfter;
    }

    public FleetState() {
        this(Duration.ofHours(24));
    }

    /** Characters held, online or not. */
    public int size() {
        return byName.size();
    }

    /** Characters of JSON text held (names and last frames): the gauge of this state's memory. */
    public long chars() {
        return chars.get();
    }

    /** Called by the hub's single stage, so updates to one character never race. */
    void observe(PluginFrame frame, Instant now) {
        String name = frame.characterName();
        if (name == null) return;
        Latest prev = byName.get(name);
        ObjectNode telemetry = prev == null ? null : prev.telemetry();
        Instant telemetryAt = prev == null ? null : prev.telemetryAt();
        ObjectNode vitals = prev == null ? null : prev.vitals();
        int telemetryChars = prev == null ? 0 : prev.telemetryChars();
        int vitalsChars = prev == null ? 0 : prev.vitalsChars();
        switch (frame) {
            case PluginFrame.Telemetry t -> {
                telemetry = t.envelope().json();
                telemetryAt = now;
                telemetryChars = t.envelope().text().length();
            }
            case PluginFrame.Vitals v -> {
                vitals = v.envelope().json();
                vitalsChars = v.envelope().text().length();
            }
            default -> {}
        }
        Latest next = new Latest(name, telemetry, telemetryAt, vitals, now, telemetryChars, vitalsChars);
        byName.put(name, next);
        chars.addAndGet(next.chars() - (prev == null ? 0 : prev.chars()));
        if (!now.isBefore(nextSweep)) forgetSilent(now);
    }

    /** Drops the characters silent for longer than {@code forgetAfter}; called on the hub's stage. */
    void forgetSilent(Instant now) {
        nextSweep = now.plus(SWEEP_EVERY);
        Instant cutoff = now.minus(forgetAfter);
        byName.values().removeIf(l -> {
            boolean gone = l.lastSeen().isBefore(cutoff);
            if (gone) chars.addAndGet(-l.chars());
            return gone;
        });
    }

    /** What {@code characterName} last said, if it was heard from within {@code forgetAfter}. */
    public java.util.Optional<Latest> latest(String characterName) {
        return java.util.Optional.ofNullable(byName.get(characterName));
    }

    /** Characters whose telemetry arrived within {@code window} of {@code now}, by name. */
    public List<Latest> online(Instant now, Duration window) {
        Instant cutoff = now.minus(window);
        List<Latest> out = new ArrayList<>();
        for (Latest l : byName.values()) {
            if (l.telemetryAt() != null && l.telemetryAt().isAfter(cutoff)) out.add(l);
        }
        out.sort(Comparator.comparing(Latest::characterName));
        return out;
    }

    /** {@code {"players":[telemetry...]}}: the reference's {@code /live} body. */
    public ObjectNode liveJson(Instant now, Duration window) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode players = root.putArray("players");
        for (Latest l : online(now, window)) players.add(l.telemetry());
        return root;
    }

    /** Every online character's latest telemetry and vitals: the snapshot a browser gets on connect. */
    public ObjectNode snapshotJson(Instant now, Duration window, long seq) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "snapshot");
        root.put("seq", seq);
        ArrayNode chars = root.putArray("characters");
        for (Latest l : online(now, window)) {
            ObjectNode c = chars.addObject();
            c.put("character_name", l.characterName());
            c.put("last_seen", l.lastSeen().toString());
            c.set("telemetry", l.telemetry());
            if (l.vitals() != null) c.set("vitals", l.vitals());
        }
        return root;
    }
}
