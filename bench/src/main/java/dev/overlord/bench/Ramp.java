package dev.overlord.bench;

import java.util.List;

/** The highest sustained rate a ramp found, the trials that found it and a full-length run at it. */
public record Ramp(String target, double maxRate, List<LoadRun.Result> trials, LoadRun.Result atMax) {}
