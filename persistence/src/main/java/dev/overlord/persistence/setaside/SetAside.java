package dev.overlord.persistence.setaside;

import dev.overlord.metrics.Metrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the events a projection could not write: a row in {@code projection_set_aside} (in the
 * group's own transaction, so it commits with the group's offset), a count per projection and one
 * warning each, so one bad value never stops the projection's slice.
 */
public final class SetAside {
    private static final Logger log = LoggerFactory.getLogger(SetAside.class);

    /** Counter of events set aside, labelled by projection name. */
    public static final String METRIC = "overlord_projection_set_aside_total";

    /** The longest error text kept: the column's width. */
    public static final int ERROR_CHARS = 1000;

    private static final String INSERT = "INSERT INTO projection_set_aside"
            + " (projection, persistence_id, sequence_nr, event_type, error, set_aside_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)";

    private final Metrics.LabeledCounter counter;
    private final Clock clock;

    public SetAside(Metrics metrics, Clock clock) {
        this.counter =
                metrics.labeledCounter(METRIC, "projection", "Events a projection could not write and set aside.");
        this.clock = clock;
    }

    /**
     * Whether {@code e} is about the data rather than the database: SQLState class 22 (data
     * exception: too long, out of range, bad encoding) or 23 (integrity constraint). Anything else
     * (08 connection, 40 rollback, 53 resources, 57 operator) is transient and fails the group, which
     * the projection retries as before.
     */
    public static boolean isDataError(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                return state.startsWith("22") || state.startsWith("23");
            }
        }
        return false;
    }

    /** Records one event the projection's handler could not write, inside the group's transaction. */
    public void record(
            Connection c, String projection, String persistenceId, long sequenceNr, Object event, SQLException error)
            throws SQLException {
        String type = event == null ? "unknown" : event.getClass().getSimpleName();
        String text = bounded(error.getSQLState() + ": " + error.getMessage(), ERROR_CHARS);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, bounded(projection, 128));
            ps.setString(2, bounded(persistenceId, 255));
            ps.setLong(3, sequenceNr);
            ps.setString(4, bounded(type, 128));
            ps.setString(5, text);
            ps.setObject(6, Instant.now(clock).atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
        counter.inc(projectionName(projection));
        log.warn(
                "projection {} set aside event {} #{} ({}): {}",
                escape(projection, 80),
                escape(persistenceId, 80),
                sequenceNr,
                type,
                escape(text, 300));
    }

    /** The metric's label: the projection's name without its slice, so the label set stays small. */
    private static String projectionName(String projection) {
        int slash = projection.indexOf('/');
        return slash < 0 ? projection : projection.substring(0, slash);
    }

    private static String bounded(String s, int max) {
        if (s == null) return "";
        if (s.length() <= max) return s;
        // Never split a surrogate pair: PostgreSQL refuses a lone surrogate.
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /** Text as it may appear in a log line: control and format characters escaped, length capped. */
    static String escape(String s, int max) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(max).forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        if (s.codePointCount(0, s.length()) > max) b.append("...");
        return b.toString();
    }
}
