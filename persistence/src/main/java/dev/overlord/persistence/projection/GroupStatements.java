package dev.overlord.persistence.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The statements of one group's transaction, each prepared once per group and closed with it, so
 * a group of 500 events runs a handful of prepared statements rather than 500 prepares.
 */
public final class GroupStatements implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private final Map<Object, Work> atEnd = new LinkedHashMap<>();

    /** Writes that run once at the end of the group, after all its events. */
    @FunctionalInterface
    public interface Work {
        void run() throws SQLException;
    }

    GroupStatements(Connection connection) {
        this.connection = connection;
    }

    /** The group's statement for {@code sql}, prepared on first use. */
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = prepared.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            prepared.put(sql, ps);
        }
        return ps;
    }

    /** Runs {@code sql} with {@code params} in order; a null parameter is SQL NULL. */
    public int update(String sql, Object... params) throws SQLException {
        PreparedStatement ps = prepare(sql);
        bind(ps, params);
        return ps.executeUpdate();
    }

    /**
     * Runs {@code sql} once per row of {@code rows} as one JDBC batch: one round trip for many rows
     * (a login's hundreds of items) instead of one each. Nothing runs for no rows.
     */
    public void batch(String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) return;
        PreparedStatement ps = prepare(sql);
        for (Object[] params : rows) {
            bind(ps, params);
            ps.addBatch();
        }
        ps.executeBatch();
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) ps.setNull(i + 1, Types.NULL);
            else ps.setObject(i + 1, p);
        }
    }

    /**
     * Runs {@code work} once at the end of the group, after every event, in the same transaction; a
     * later call with an equal {@code key} replaces the earlier work. For writes that summarise
     * what the group's events wrote (a character's lifetime totals), once per group instead of once
     * per event.
     */
    public void atEnd(Object key, Work work) {
        atEnd.remove(key);
        atEnd.put(key, work);
    }

    /**
     * The end-of-group work under {@code key}, made by {@code make} the first time the group asks:
     * for work that gathers from several events (the group's item names, written once and sorted).
     */
    @SuppressWarnings("unchecked")
    public <W extends Work> W gatherAtEnd(Object key, Supplier<W> make) {
        return (W) atEnd.computeIfAbsent(key, k -> make.get());
    }

    void runAtEnd() throws SQLException {
        for (Work work : atEnd.values()) work.run();
        atEnd.clear();
    }

    /** Forgets the pending end-of-group work, of an event that was rolled back. */
    void clearAtEnd() {
        atEnd.clear();
    }

    /** An event's instant as the timestamp-with-time-zone the tables hold. */
    public static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement ps : prepared.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }
}
