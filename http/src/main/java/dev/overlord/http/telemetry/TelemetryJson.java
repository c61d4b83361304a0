package dev.overlord.http.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.persistence.telemetry.TelemetryColumn;
import dev.overlord.persistence.telemetry.TelemetryRow;
import dev.overlord.persistence.telemetry.Trail;
import java.time.Instant;
import java.util.List;

/**
 * The JSON bodies of the telemetry endpoints, in the plugin's snake_case field names; times are
 * ISO-8601 UTC and an event's time is {@code timestamp}, as in the frames.
 */
public final class TelemetryJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TelemetryJson() {}

    static ObjectNode snapshot(Instant at, long windowSeconds, List<TelemetryRow> fleet) {
        ObjectNode body = F.objectNode().put("at", at.toString()).put("window_seconds", windowSeconds);
        ArrayNode characters = body.putArray("characters");
        fleet.forEach(r -> characters.add(telemetry(r)));
        return body;
    }

    static ObjectNode trails(long minutes, List<Trail> trails) {
        ObjectNode body = F.objectNode().put("minutes", minutes);
        ArrayNode list = body.putArray("trails");
        for (Trail trail : trails) {
            ObjectNode t = list.addObject().put("character_name", trail.characterName());
            ArrayNode points = t.putArray("points");
            trail.points()
                    .forEach(p -> points.addObject()
                            .put("timestamp", p.ts().toString())
                            .put("ew", p.ew())
                            .put("ns", p.ns())
                            .put("z", p.z()));
        }
        return body;
    }

    /** One telemetry row as a JSON object (the snapshot's rows, and the shape of /history's). */
    public static ObjectNode telemetry(TelemetryRow r) {
        ObjectNode row = F.objectNode();
        for (TelemetryColumn c : TelemetryColumn.values()) {
            Object v = r.value(c);
            switch (c.kind()) {
                case TEXT -> row.put(c.json(), (String) v);
                case INSTANT -> row.put(c.json(), v.toString());
                case NUMBER, RATE -> row.put(c.json(), (Double) v);
                case COUNT -> row.put(c.json(), (Long) v);
            }
        }
        return row;
    }
}
