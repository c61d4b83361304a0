package dev.overlord.bench;

import java.util.List;

/** What the database scenarios measured; empty lists for those that did not run. */
public record DatabaseReport(
        List<CopyScenario.Result> copy, List<JournalScenario.Result> journal, List<HistoryScenario.Result> history) {

    static final DatabaseReport EMPTY = new DatabaseReport(List.of(), List.of(), List.of());

    DatabaseReport withCopy(List<CopyScenario.Result> results) {
        return new DatabaseReport(List.copyOf(results), journal, history);
    }

    DatabaseReport withJournal(List<JournalScenario.Result> results) {
        return new DatabaseReport(copy, List.copyOf(results), history);
    }

    DatabaseReport withHistory(List<HistoryScenario.Result> results) {
        return new DatabaseReport(copy, journal, List.copyOf(results));
    }
}
