package dev.overlord.persistence.retention;

import dev.overlord.jobs.PeriodicJob;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Transactions;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.timeseries.SqlFailures;
import dev.overlord.persistence.timeseries.TimeSeriesTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes time-series rows older than their table's retention: on PostgreSQL by dropping whole
 * day partitions and deleting from the DEFAULT partition in batches, on H2 by deleting in batches.
 *
 * <p>Runs on a schedule and on demand; runs never overlap (a second caller waits for the first).
 * Blocks on JDBC: call it from the blocking dispatcher.
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DataSource dataSource;
    private final Vendor vendor;
    private final RetentionSettings settings;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    public Retention(DataSource dataSource, Vendor vendor, RetentionSettings settings, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RetentionSettings settings() {
        return settings;
    }

    /** Removes what is due in every table and logs one line; never throws, failures are in the report. */
    public RetentionReport run() {
        running.lock();
        try {
            Instant now = clock.instant();
            List<RetentionReport.Table> tables = new ArrayList<>();
            for (TimeSeriesTable table : TimeSeriesTable.values()) {
                tables.add(purge(table, now.minus(keep(table))));
            }
            RetentionReport report = new RetentionReport(now, List.copyOf(tables));
            String summary = report.tables().stream().map(Retention::describe).collect(Collectors.joining("; "));
            if (report.ok()) {
                log.info("retention removed {}", summary);
            } else {
                log.warn("retention incomplete, the next run tries again: {}", summary);
            }
            return report;
        } finally {
            running.unlock();
        }
    }

    /**
     * Runs after the initial delay and then every interval on {@code blocking}, as a {@link PeriodicJob}
     * named {@code retention}; an incomplete run counts as a failed one.
     */
    public PeriodicJob schedule(ActorSystem<?> system, Executor blocking, Metrics metrics) {
        return PeriodicJob.start(
                system,
                new PeriodicJob.Schedule("retention", settings.initialDelay(), settings.interval()),
                blocking,
                metrics,
                () -> {
                    if (!run().ok()) throw new IllegalStateException("retention incomplete");
                });
    }

    private Duration keep(TimeSeriesTable table) {
        return switch (table) {
            case TELEMETRY -> settings.telemetry();
            case SPAWNS -> settings.spawns();
        };
    }

    private RetentionReport.Table purge(TimeSeriesTable table, Instant cutoff) {
        long start = System.nanoTime();
        List<String> dropped = new ArrayList<>();
        long rows = 0;
        int batches = 0;
        Optional<String> error = Optional.empty();
        try {
            String deleteFrom = table.tableName();
            if (vendor == Vendor.POSTGRESQL) {
                for (String partition : partitionsBefore(table, cutoff)) {
                    dropPartition(table, partition);
                    dropped.add(partition);
                }
                deleteFrom = table.defaultPartitionName();
            }
            int n;
            do {
                n = deleteBatch(deleteFrom, cutoff);
                batches++;
                rows += n;
            } while (n >= settings.batchSize());
        } catch (SQLException | RuntimeException e) {
            error = Optional.of(SqlFailures.describe(e));
        }
        return new RetentionReport.Table(
                table.tableName(),
                cutoff,
                List.copyOf(dropped),
                rows,
                batches,
                Duration.ofNanos(System.nanoTime() - start),
                error);
    }

    /** Our day partitions whose whole range lies before the cut-off, oldest first. */
    private List<String> partitionsBefore(TimeSeriesTable table, Instant cutoff) throws SQLException {
        List<String> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT c.relname FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = CAST(? AS regclass) ORDER BY c.relname")) {
            ps.setString(1, table.tableName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    Optional<LocalDate> day = table.dayOf(name);
                    if (day.isPresent() && !endOf(day.get()).isAfter(cutoff)) {
                        due.add(name);
                    }
                }
            }
        }
        return due;
    }

    private static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private void dropPartition(TimeSeriesTable table, String partition) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Transactions.<Void, RuntimeException>commitOrRollback(c, tx -> {
                try (Statement st = tx.createStatement()) {
                    st.execute(
                            "SET LOCAL lock_timeout = " + settings.lockTimeout().toMillis());
                    // The parent before the partition, in the order queries lock them, so a query cannot deadlock with
                    // us.
                    st.execute("LOCK TABLE ONLY " + table.tableName() + " IN ACCESS EXCLUSIVE MODE");
                    st.execute("DROP TABLE " + partition);
                }
                return null;
            });
        }
    }

    /** Deletes at most one batch of rows older than the cut-off, in its own transaction. */
    private int deleteBatch(String relation, Instant cutoff) throws SQLException {
        String sql = switch (vendor) {
            case POSTGRESQL ->
                "DELETE FROM " + relation + " WHERE ctid = ANY (ARRAY(" + "SELECT ctid FROM " + relation
                        + " WHERE ts < ? LIMIT ?))";
            case H2 -> "DELETE FROM " + relation + " WHERE ts < ? FETCH FIRST ? ROWS ONLY";
        };
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            ps.setInt(2, settings.batchSize());
            return ps.executeUpdate();
        }
    }

    private static String describe(RetentionReport.Table t) {
        return t.table() + ": " + t.partitionsDropped().size() + " partition(s) " + t.partitionsDropped()
                + ", " + t.rowsDeleted() + " row(s) in " + t.batches() + " batch(es), older than " + t.cutoff()
                + ", " + t.took().toMillis() + " ms"
                + t.error().map(e -> ", failed: " + e).orElse("");
    }
}
