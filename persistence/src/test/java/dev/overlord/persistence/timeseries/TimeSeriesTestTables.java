package dev.overlord.persistence.timeseries;

import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.Vendor;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.testing.SampleFrames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Shared fixtures for time-series tests: empty tables, counts, partitions and frames. */
public final class TimeSeriesTestTables {

    private TimeSeriesTestTables() {}

    /** Empties both tables and, on PostgreSQL, drops every day partition so each test starts alike. */
    public static void reset(Database db) {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            for (TimeSeriesTable t : TimeSeriesTable.values()) {
                if (db.vendor() == Vendor.POSTGRESQL) {
                    for (String p : partitions(db.dataSource(), t)) {
                        st.execute("DROP TABLE " + p);
                    }
                }
                st.execute("DELETE FROM " + t.tableName());
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not reset time-series tables", e);
        }
    }

    /** The attached day partitions of a table (PostgreSQL), sorted by name. */
    public static List<String> partitions(DataSource ds, TimeSeriesTable table) {
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT c.relname FROM pg_inherits i JOIN pg_class c"
                        + " ON c.oid = i.inhrelid WHERE i.inhparent = CAST(? AS regclass) ORDER BY c.relname")) {
            ps.setString(1, table.tableName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getString(1).equals(table.defaultPartitionName())) {
                        names.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not list partitions", e);
        }
        return names;
    }

    /** The single number a query answers, e.g. a count. */
    public static long count(DataSource ds, String sql) {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DataAccessException("could not run " + sql, e);
        }
    }

    public static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new DataAccessException("could not run " + sql, e);
        }
    }

    /** A telemetry frame for {@code name} at {@code ts}, otherwise the stored sample. */
    public static PluginFrame telemetry(String name, Instant ts) {
        return SampleFrames.telemetry().name(name).at(ts).frame();
    }

    /** A spawn frame for {@code name} at {@code ts}, otherwise the stored sample. */
    public static PluginFrame spawn(String name, Instant ts) {
        return SampleFrames.of("spawn").name(name).at(ts).frame();
    }

    /** {@code n} telemetry rows a second apart from {@code start}, written directly. */
    public static void writeTelemetry(Database db, Instant start, int n) {
        List<TimeSeriesRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(TimeSeriesRow.of(telemetry("Rower", start.plus(Duration.ofSeconds(i))))
                    .orElseThrow());
        }
        write(db, rows);
    }

    /** {@code n} spawn rows a second apart from {@code start}, written directly. */
    public static void writeSpawns(Database db, Instant start, int n) {
        List<TimeSeriesRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(TimeSeriesRow.of(spawn("Rower", start.plus(Duration.ofSeconds(i))))
                    .orElseThrow());
        }
        write(db, rows);
    }

    private static void write(Database db, List<TimeSeriesRow> rows) {
        try {
            new TimeSeriesStore(db.dataSource(), db.vendor()).writeBatch(rows);
        } catch (SQLException e) {
            throw new DataAccessException("could not write test rows", e);
        }
    }
}
