package dev.overlord.persistence.journal;

import dev.overlord.persistence.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pekko.persistence.jdbc.config.JournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.DefaultJournalDao;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import scala.Option;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import slick.dbio.DBIOAction;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;
import slick.jdbc.SimpleJdbcAction;

/**
 * pekko-persistence-jdbc's journal DAO with one change: a batch of tagged events is written with
 * two JDBC batches (the events, then their tags) instead of one {@code INSERT ... RETURNING} round
 * trip per event.
 *
 * <p>The plugin already gathers the writes of many entities into one batch and one transaction; but
 * its Slick query cannot batch an insert that returns the generated {@code ordering} (which the tag
 * rows need), so it inserts tagged events one at a time, and with every character event tagged that
 * per-row round trip was most of the journal's cost. The rows, columns, ordering and transaction
 * are the plugin's own (the same tables, written in the same order within one transaction, reading
 * the keys back through {@code getGeneratedKeys}); reads, deletes and recovery are untouched.
 *
 * <p>Selected by {@link JournalConfig#forDatabase}'s {@code jdbc-journal.dao}; the plugin constructs
 * it reflectively with exactly this constructor's arguments.
 */
public final class BatchingJournalDao extends DefaultJournalDao {

    private static final String INSERT_EVENT = "INSERT INTO \"event_journal\" (\"deleted\", \"persistence_id\","
            + " \"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", \"event_payload\","
            + " \"event_ser_id\", \"event_ser_manifest\", \"meta_payload\", \"meta_ser_id\", \"meta_ser_manifest\")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_TAG = "INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, ?)";

    public BatchingJournalDao(
            JdbcBackend.JdbcDatabaseDef db,
            JdbcProfile profile,
            JournalConfig journalConfig,
            Serialization serialization,
            ExecutionContext ec,
            Materializer mat) {
        super(db, profile, journalConfig, serialization, ec, mat);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Future<BoxedUnit> writeJournalRows(Seq<Tuple2<JournalPekkoSerializationRow, Set<String>>> xs) {
        List<Tuple2<JournalPekkoSerializationRow, Set<String>>> rows = new ArrayList<>(CollectionConverters.asJava(xs));
        // As the plugin does: a stable sort by sequence number.
        rows.sort(Comparator.comparingLong(r -> r._1().sequenceNumber()));
        SimpleJdbcAction<BoxedUnit> write = new SimpleJdbcAction<>(ctx -> {
            try {
                writeInOneTransaction(ctx.connection(), rows);
            } catch (SQLException e) {
                throw new JournalWriteException(e);
            }
            return BoxedUnit.UNIT;
        });
        // Slick's run wants an action typed with the Scala bottom type as its effect; Java cannot say so.
        return db().run((DBIOAction) write);
    }

    private static void writeInOneTransaction(
            Connection c, List<Tuple2<JournalPekkoSerializationRow, Set<String>>> rows) throws SQLException {
        Transactions.<Void, RuntimeException>commitOrRollback(c, tx -> {
            insertTags(tx, rows, insertEvents(tx, rows));
            return null;
        });
    }

    private static long[] insertEvents(Connection c, List<Tuple2<JournalPekkoSerializationRow, Set<String>>> rows)
            throws SQLException {
        boolean tagged = rows.stream().anyMatch(r -> r._2().nonEmpty());
        try (PreparedStatement ps = tagged
                ? c.prepareStatement(INSERT_EVENT, new String[] {"ordering"})
                : c.prepareStatement(INSERT_EVENT)) {
            for (Tuple2<JournalPekkoSerializationRow, Set<String>> r : rows) {
                JournalPekkoSerializationRow row = r._1();
                ps.setBoolean(1, row.deleted());
                ps.setString(2, row.persistenceId());
                ps.setLong(3, row.sequenceNumber());
                ps.setString(4, row.writer());
                ps.setLong(5, row.writeTimestamp());
                ps.setString(6, row.adapterManifest());
                ps.setBytes(7, row.eventPayload());
                ps.setInt(8, row.eventSerId());
                ps.setString(9, row.eventSerManifest());
                setBytes(ps, 10, row.metaPayload());
                Option<Object> metaSerId = row.metaSerId();
                if (metaSerId.isDefined()) ps.setInt(11, (Integer) metaSerId.get());
                else ps.setNull(11, Types.INTEGER);
                Option<String> metaManifest = row.metaSerManifest();
                if (metaManifest.isDefined()) ps.setString(12, metaManifest.get());
                else ps.setNull(12, Types.VARCHAR);
                ps.addBatch();
            }
            ps.executeBatch();
            if (!tagged) return new long[0];
            long[] orderings = new long[rows.size()];
            try (ResultSet keys = ps.getGeneratedKeys()) {
                int i = 0;
                while (keys.next()) {
                    if (i == orderings.length) throw new SQLException("more generated keys than journal rows");
                    orderings[i++] = keys.getLong(1);
                }
                if (i != orderings.length) {
                    throw new SQLException(
                            "the database returned " + i + " generated keys for " + orderings.length + " journal rows");
                }
            }
            return orderings;
        }
    }

    private static void insertTags(
            Connection c, List<Tuple2<JournalPekkoSerializationRow, Set<String>>> rows, long[] orderings)
            throws SQLException {
        if (orderings.length == 0) return;
        try (PreparedStatement ps = c.prepareStatement(INSERT_TAG)) {
            for (int i = 0; i < rows.size(); i++) {
                for (String tag : CollectionConverters.asJava(rows.get(i)._2())) {
                    ps.setLong(1, orderings[i]);
                    ps.setString(2, tag);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void setBytes(PreparedStatement ps, int index, Option<byte[]> bytes) throws SQLException {
        if (bytes.isDefined()) ps.setBytes(index, bytes.get());
        else ps.setNull(index, Types.BINARY);
    }

    /** A failed write, as the plugin sees it: the entities' persist fails with this as the cause. */
    static final class JournalWriteException extends RuntimeException {
        JournalWriteException(SQLException cause) {
            super("journal write failed: " + cause.getMessage(), cause);
        }
    }
}
