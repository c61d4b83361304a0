package dev.overlord.bench;

/**
 * One benchmark scenario, run by {@link BenchMain} when {@code scenarios=} names it. Scenarios of
 * one family share a bench {@code B} (settings, servers, clients, progress output) and fill in one
 * report {@code R}, which renders as that family's Markdown tables ({@link Tables}): the load
 * scenarios ({@link LoadBench}, {@link LoadReport}) and the database scenarios ({@link
 * DatabaseBench}, {@link DatabaseReport}).
 *
 * @param <B> what the scenario runs with
 * @param <R> the report it adds its results to
 */
public interface Scenario<B, R> {

    /** The scenario's name in {@code scenarios=}. */
    String name();

    /** Runs the scenario; answers {@code report} with this scenario's results added. */
    R run(B bench, R report);
}
