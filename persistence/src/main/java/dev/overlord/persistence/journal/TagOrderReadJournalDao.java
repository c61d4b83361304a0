package dev.overlord.persistence.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.jdbc.PekkoSerialization$;
import org.apache.pekko.persistence.jdbc.config.ReadJournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.apache.pekko.persistence.jdbc.query.dao.DefaultReadJournalDao;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.scaladsl.Source;
import scala.Option;
import scala.Tuple2;
import scala.Tuple3;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;
import scala.util.Try;
import slick.dbio.DBIOAction;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;
import slick.jdbc.SimpleJdbcAction;

/**
 * pekko-persistence-jdbc's read journal DAO with one change: {@code eventsByTag}, which every
 * projection polls, selects its page by the tag row's event id ({@code event_tag (tag, event_id)},
 * migration V7) instead of by the joined journal row's ordering.
 *
 * <p>The plugin's query puts the page bounds on {@code event_journal.ordering}, which the database
 * cannot carry over to {@code event_tag} through the join. With statistics that lag the tables
 * (a fresh or fast-growing journal, until the next ANALYZE) PostgreSQL then joined every row of
 * the page against all of the tag's rows: two seconds per poll at three thousand events, growing
 * with the journal, and the projections poll continuously while events arrive. Bounding the tag
 * rows themselves makes the plan one ordered range read of the index, whatever the statistics
 * say. Same rows, same order, same page size; the rest of the DAO is the plugin's.
 *
 * <p>Selected by {@link JournalConfig#forDatabase}'s {@code jdbc-read-journal.dao}; the plugin
 * constructs it reflectively with exactly this constructor's arguments.
 */
public final class TagOrderReadJournalDao extends DefaultReadJournalDao {

    /** The page query; package-private so a test can EXPLAIN exactly this text. */
    static final String EVENTS_BY_TAG = "SELECT j.\"ordering\", j.\"deleted\", j.\"persistence_id\","
            + " j.\"sequence_number\", j.\"writer\", j.\"write_timestamp\", j.\"adapter_manifest\", j.\"event_payload\","
            + " j.\"event_ser_id\", j.\"event_ser_manifest\", j.\"meta_payload\", j.\"meta_ser_id\", j.\"meta_ser_manifest\""
            + " FROM \"event_tag\" t JOIN \"event_journal\" j ON j.\"ordering\" = t.\"event_id\""
            + " WHERE t.\"tag\" = ? AND t.\"event_id\" > ? AND t.\"event_id\" <= ? AND j.\"deleted\" = FALSE"
            + " ORDER BY t.\"event_id\" LIMIT ?";

    private final Serialization serialization;

    public TagOrderReadJournalDao(
            JdbcBackend.JdbcDatabaseDef db,
            JdbcProfile profile,
            ReadJournalConfig readJournalConfig,
            Serialization serialization,
            ExecutionContext ec,
            Materializer mat) {
        super(db, profile, readJournalConfig, serialization, ec, mat);
        this.serialization = serialization;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Source<Try<Tuple3<PersistentRepr, Set<String>, Object>>, NotUsed> eventsByTag(
            String tag, long offset, long maxOffset, long max) {
        SimpleJdbcAction<List<JournalPekkoSerializationRow>> page = new SimpleJdbcAction<>(ctx -> {
            try {
                return read(ctx.connection(), tag, offset, maxOffset, max);
            } catch (SQLException e) {
                throw new IllegalStateException("eventsByTag query failed: " + e.getMessage(), e);
            }
        });
        // Slick's run wants an action typed with the Scala bottom type as its effect; Java cannot say so.
        CompletionStage<List<JournalPekkoSerializationRow>> rows =
                FutureConverters.asJava((Future<List<JournalPekkoSerializationRow>>) db().run((DBIOAction) page));
        return org.apache.pekko.stream.javadsl.Source.completionStage(rows)
                .mapConcat(list -> list)
                .map(this::toEnvelope)
                .asScala();
    }

    @SuppressWarnings("unchecked")
    private Try<Tuple3<PersistentRepr, Set<String>, Object>> toEnvelope(JournalPekkoSerializationRow row) {
        Try<Tuple2<PersistentRepr, Object>> read = PekkoSerialization$.MODULE$.fromRow(serialization, row);
        // As the plugin's own eventsByTag: the tags are not filled in (nothing downstream reads them).
        Set<String> noTags = (Set<String>) (Set<?>) scala.collection.immutable.Set$.MODULE$.empty();
        return read.map(t -> new Tuple3<>(t._1(), noTags, t._2()));
    }

    private static List<JournalPekkoSerializationRow> read(
            Connection c, String tag, long offset, long maxOffset, long max) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EVENTS_BY_TAG)) {
            ps.setString(1, tag);
            ps.setLong(2, offset);
            ps.setLong(3, maxOffset);
            // H2 refuses a LIMIT beyond an int.
            ps.setLong(4, Math.min(max, Integer.MAX_VALUE));
            List<JournalPekkoSerializationRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int metaSerId = rs.getInt(12);
                    Option<Object> metaId = rs.wasNull() ? Option.empty() : Option.apply(metaSerId);
                    rows.add(new JournalPekkoSerializationRow(
                            rs.getLong(1),
                            rs.getBoolean(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getLong(6),
                            rs.getString(7),
                            rs.getBytes(8),
                            rs.getInt(9),
                            rs.getString(10),
                            Option.apply(rs.getBytes(11)),
                            metaId,
                            Option.apply(rs.getString(13))));
                }
            }
            return rows;
        }
    }
}
