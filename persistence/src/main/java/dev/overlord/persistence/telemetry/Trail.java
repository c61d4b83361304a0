package dev.overlord.persistence.telemetry;

import java.time.Instant;
import java.util.List;

/** A character's recent path for the map, oldest point first, ending at its latest position. */
public record Trail(String characterName, List<Point> points) {

    public Trail {
        points = List.copyOf(points);
    }

    /** One position on a trail. */
    public record Point(Instant ts, double ew, double ns, double z) {}
}
