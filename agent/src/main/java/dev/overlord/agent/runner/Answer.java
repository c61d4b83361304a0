package dev.overlord.agent.runner;

/**
 * What a runner answered: the text shown to the user, how many model turns it took, and whether
 * the model itself reported an error (the reference's {@code is_error}).
 */
public record Answer(String result, int numTurns, boolean isError) {}
