package dev.overlord.persistence.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one retention run removed, per table.
 *
 * @param startedAt when the run began
 * @param tables one entry per time-series table
 */
public record RetentionReport(Instant startedAt, List<Table> tables) {

    /**
     * What was removed from one table.
     *
     * @param table the table's name
     * @param cutoff rows older than this were due
     * @param partitionsDropped whole day partitions dropped (PostgreSQL)
     * @param rowsDeleted rows deleted one batch at a time (H2, PostgreSQL's DEFAULT partition)
     * @param batches DELETE statements run
     * @param took how long this table took
     * @param error why the table was not fully done; the next run tries again
     */
    public record Table(
            String table,
            Instant cutoff,
            List<String> partitionsDropped,
            long rowsDeleted,
            int batches,
            Duration took,
            Optional<String> error) {}

    public boolean ok() {
        return tables.stream().allMatch(t -> t.error().isEmpty());
    }
}
