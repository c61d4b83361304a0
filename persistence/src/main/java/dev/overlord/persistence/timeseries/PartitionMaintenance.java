package dev.overlord.persistence.timeseries;

import dev.overlord.jobs.PeriodicJob;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Transactions;
import dev.overlord.persistence.Vendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the day partitions of the time-series tables on PostgreSQL for today and
 * {@link PartitionSettings#daysAhead()} days after; on H2, which has no partitions, it does nothing.
 *
 * <p>Rows for a day without a partition wait in the table's DEFAULT partition, and PostgreSQL
 * refuses to create a partition for a range the DEFAULT partition holds rows of. Such a day's
 * partition is therefore built beside the table, the rows are moved into it and it is attached,
 * all in one transaction, with the table locked so no row for that day can slip into DEFAULT
 * meanwhile. Blocks on JDBC: run it on the blocking dispatcher.
 */
public final class PartitionMaintenance {

    private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);

    private final DataSource dataSource;
    private final Vendor vendor;
    private final PartitionSettings settings;
    private final Clock clock;

    public PartitionMaintenance(DataSource dataSource, Vendor vendor, PartitionSettings settings, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one run did: partitions created, rows moved out of DEFAULT into them, and failures. */
    public record Report(List<String> created, long rowsMoved, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Makes sure every partition from today to the days ahead exists; never throws, failures are in the report. */
    public Report run() {
        if (vendor != Vendor.POSTGRESQL) {
            return new Report(List.of(), 0, List.of());
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<String> created = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long moved = 0;
        for (TimeSeriesTable table : TimeSeriesTable.values()) {
            for (int i = 0; i <= settings.daysAhead(); i++) {
                LocalDate day = today.plusDays(i);
                try {
                    long m = ensure(table, day);
                    if (m >= 0) {
                        created.add(table.partitionName(day));
                        moved += m;
                    }
                } catch (SQLException | RuntimeException e) {
                    errors.add(table.partitionName(day) + ": " + SqlFailures.describe(e));
                }
            }
        }
        Report report = new Report(List.copyOf(created), moved, List.copyOf(errors));
        if (!created.isEmpty()) {
            log.info("created time-series partitions {} ({} rows moved out of DEFAULT)", created, moved);
        }
        if (!errors.isEmpty()) {
            log.warn("time-series partitions not created, retrying at the next run: {}", errors);
        }
        return report;
    }

    /**
     * Runs every interval on {@code blocking}, as a {@link PeriodicJob} named
     * {@code partition-maintenance}; a run with errors counts as a failed one.
     */
    public PeriodicJob schedule(ActorSystem<?> system, Executor blocking, Metrics metrics) {
        return PeriodicJob.start(
                system,
                new PeriodicJob.Schedule("partition-maintenance", settings.interval(), settings.interval()),
                blocking,
                metrics,
                () -> {
                    Report report = run();
                    if (!report.ok()) throw new IllegalStateException("partition maintenance: " + report.errors());
                });
    }

    /** Creates one day's partition if missing; returns the rows moved out of DEFAULT, or -1 if it existed. */
    private long ensure(TimeSeriesTable table, LocalDate day) throws SQLException {
        String partition = table.partitionName(day);
        try (Connection c = dataSource.getConnection()) {
            // An attached partition ends the transaction early: it only took locks, so committing it is a rollback.
            return Transactions.<Long, RuntimeException>commitOrRollback(c, tx -> {
                try (Statement st = tx.createStatement()) {
                    st.execute(
                            "SET LOCAL lock_timeout = " + settings.lockTimeout().toMillis());
                    // Parent first, then DEFAULT: the order inserts and queries take them in, so no deadlock.
                    st.execute("LOCK TABLE ONLY " + table.tableName() + " IN ACCESS EXCLUSIVE MODE");
                    if (attached(tx, table, partition)) {
                        return -1L;
                    }
                    st.execute("LOCK TABLE " + table.defaultPartitionName() + " IN ACCESS EXCLUSIVE MODE");
                    String from = TimeSeriesTable.midnightLiteral(day);
                    String to = TimeSeriesTable.midnightLiteral(day.plusDays(1));
                    String inRange = "ts >= " + from + " AND ts < " + to;
                    long moved = 0;
                    if (!defaultHolds(st, table, inRange)) {
                        st.execute("CREATE TABLE " + partition + " PARTITION OF " + table.tableName()
                                + " FOR VALUES FROM (" + from + ") TO (" + to + ")");
                    } else {
                        st.execute("CREATE TABLE " + partition + " (LIKE " + table.tableName()
                                + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
                        moved = st.executeUpdate(
                                "WITH moved AS (DELETE FROM " + table.defaultPartitionName() + " WHERE " + inRange
                                        + " RETURNING *) INSERT INTO " + partition + " SELECT * FROM moved");
                        // A matching CHECK lets ATTACH skip scanning the new partition; it is redundant after.
                        st.execute("ALTER TABLE " + partition + " ADD CONSTRAINT " + partition + "_range CHECK ("
                                + inRange + ")");
                        st.execute("ALTER TABLE " + table.tableName() + " ATTACH PARTITION " + partition
                                + " FOR VALUES FROM (" + from + ") TO (" + to + ")");
                        st.execute("ALTER TABLE " + partition + " DROP CONSTRAINT " + partition + "_range");
                    }
                    return moved;
                }
            });
        }
    }

    /**
     * Whether the partition is attached to the table. A stray table of that name that is not is
     * left alone: creating the partition then fails and is reported, rather than counting a table
     * that receives no rows as done.
     */
    private static boolean attached(Connection c, TimeSeriesTable table, String partition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = CAST(? AS regclass) AND c.relname = ?)")) {
            ps.setString(1, table.tableName());
            ps.setString(2, partition);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean defaultHolds(Statement st, TimeSeriesTable table, String inRange) throws SQLException {
        try (ResultSet rs = st.executeQuery(
                "SELECT EXISTS (SELECT 1 FROM " + table.defaultPartitionName() + " WHERE " + inRange + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
