package dev.overlord.persistence.spawns;

/**
 * How many spawns were seen in one square bin of the map; {@code ew} and {@code ns} are the bin's
 * south-west corner, so the bin spans {@code [ew, ew + size)} by {@code [ns, ns + size)}.
 */
public record HeatCell(double ew, double ns, long count) {}
