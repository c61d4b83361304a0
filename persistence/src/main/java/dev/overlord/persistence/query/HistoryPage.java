package dev.overlord.persistence.query;

import java.util.List;
import java.util.Optional;

/** One page of telemetry history, oldest first, and the cursor of the next page if there is more. */
public record HistoryPage(List<TelemetryRow> rows, Optional<HistoryCursor> next) {

    public HistoryPage {
        rows = List.copyOf(rows);
    }
}
