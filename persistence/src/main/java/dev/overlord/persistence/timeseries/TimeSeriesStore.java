package dev.overlord.persistence.timeseries;

import com.zaxxer.hikari.HikariDataSource;
import dev.overlord.persistence.Transactions;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.telemetry.TelemetryColumn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes batches of time-series rows in one transaction: {@code COPY ... FROM STDIN} on
 * PostgreSQL, a JDBC batch insert on H2.
 *
 * <p>Every method blocks on JDBC: call it from a blocking dispatcher.
 */
public final class TimeSeriesStore {

    private final DataSource dataSource;
    private final Vendor vendor;

    public TimeSeriesStore(DataSource dataSource, Vendor vendor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.vendor = Objects.requireNonNull(vendor, "vendor");
    }

    public Vendor vendor() {
        return vendor;
    }

    /**
     * Writes all rows or none; returns how many went to each table.
     *
     * @throws SQLException when the database is unreachable or refuses a row; nothing was written
     */
    public Map<TimeSeriesTable, Integer> writeBatch(List<TimeSeriesRow> rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try {
                return Transactions.<Map<TimeSeriesTable, Integer>, RuntimeException>commitOrRollback(c, tx -> {
                    Map<TimeSeriesTable, Integer> written = new EnumMap<>(TimeSeriesTable.class);
                    for (TimeSeriesTable table : TimeSeriesTable.values()) {
                        List<TimeSeriesRow> mine =
                                rows.stream().filter(r -> r.table() == table).toList();
                        if (!mine.isEmpty()) {
                            switch (vendor) {
                                case POSTGRESQL -> copy(tx, table, mine);
                                case H2 -> insert(tx, table, mine);
                            }
                            written.put(table, mine.size());
                        }
                    }
                    return written;
                });
            } catch (SQLException | RuntimeException e) {
                discardUnlessRowRefused(c, e);
                throw e;
            }
        }
    }

    /** Writes one row in its own transaction: the fallback that finds which row of a refused batch is bad. */
    public void writeOne(TimeSeriesRow row) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try {
                c.setAutoCommit(true);
                insert(c, row.table(), List.of(row));
            } catch (SQLException | RuntimeException e) {
                discardUnlessRowRefused(c, e);
                throw e;
            }
        }
    }

    /**
     * After any failure but bad data the connection may be dead without the pool knowing: COPY
     * errors bypass Hikari's proxy, H2's "connection broken" state is not one Hikari recognises,
     * and a retry sooner than Hikari's validation window would get the same dead connection back
     * forever. So it is evicted; a new one costs little next to a failed write.
     */
    private void discardUnlessRowRefused(Connection c, Exception failure) {
        if (!SqlFailures.rowRefused(failure) && dataSource instanceof HikariDataSource pool) {
            pool.evictConnection(c);
        }
    }

    private static void insert(Connection c, TimeSeriesTable table, List<TimeSeriesRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(table.insertSql())) {
            for (TimeSeriesRow row : rows) {
                bind(ps, row);
                if (rows.size() == 1) {
                    ps.executeUpdate();
                } else {
                    ps.addBatch();
                }
            }
            if (rows.size() > 1) {
                ps.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement ps, TimeSeriesRow row) throws SQLException {
        switch (row) {
            case TimeSeriesRow.Telemetry t -> {
                int i = 1;
                for (TelemetryColumn column : TELEMETRY_COLUMNS) {
                    Object value = t.columns().value(column);
                    switch (column.kind()) {
                        case TEXT -> ps.setString(i, (String) value);
                        case INSTANT -> ps.setObject(i, utc((Instant) value));
                        case NUMBER, RATE -> setDouble(ps, i, (Double) value);
                        case COUNT -> setLong(ps, i, (Long) value);
                    }
                    i++;
                }
                ps.setString(i, t.raw());
            }
            case TimeSeriesRow.Spawn s -> {
                ps.setString(1, s.characterName());
                ps.setObject(2, utc(s.ts()));
                ps.setString(3, s.mob());
                ps.setDouble(4, s.ew());
                ps.setDouble(5, s.ns());
                setDouble(ps, 6, s.z());
            }
        }
    }

    private static final TelemetryColumn[] TELEMETRY_COLUMNS = TelemetryColumn.values();

    private static OffsetDateTime utc(Instant ts) {
        return ts.atOffset(ZoneOffset.UTC);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static void copy(Connection c, TimeSeriesTable table, List<TimeSeriesRow> rows) throws SQLException {
        byte[] data = CopyText.encode(rows).getBytes(StandardCharsets.UTF_8);
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copySql());
        try {
            in.writeToCopy(data, 0, data.length);
            in.endCopy();
        } catch (SQLException e) {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException cancelFailure) {
                    e.addSuppressed(cancelFailure); // the connection is broken; the pool discards it
                }
            }
            throw e;
        }
    }
}
