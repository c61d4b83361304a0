package dev.overlord.persistence.portals;

import java.time.Instant;

/** A portal a character saw, at its place rounded to 0.1. */
public record Portal(
        String portalName, double ew, double ns, Double z, String discoveredBy, Instant firstSeen, Instant lastSeen) {}
