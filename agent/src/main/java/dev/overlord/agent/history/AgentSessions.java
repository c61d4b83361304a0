package dev.overlord.agent.history;

import static dev.overlord.persistence.SqlValues.instant;
import static dev.overlord.persistence.SqlValues.setInstant;

import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The assistant's conversations ({@code agent_sessions}, {@code agent_messages}): a session belongs
 * to the user who asked its first question, and only that user reads or adds to it. Blocks on
 * JDBC; throws {@link DataAccessException}.
 */
public final class AgentSessions {
    /** Longest text kept per turn; a longer answer is cut (the column holds 65,536). */
    public static final int MAX_TEXT = 60_000;

    public static final int MAX_USER = 128;

    /** Who said a turn. */
    public enum Role {
        USER("user"),
        ASSISTANT("assistant");

        private final String wire;

        Role(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Role of(String wire) {
            return "assistant".equals(wire) ? ASSISTANT : USER;
        }
    }

    /** One turn as stored. */
    public record Turn(Role role, String text, Instant at) {}

    /** Whose a session is: nobody's yet, the asking user's, or another user's. */
    public enum Ownership {
        NEW,
        MINE,
        OTHERS
    }

    private final DataSource dataSource;

    public AgentSessions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Whether {@code user} may use {@code session}. */
    public Ownership ownership(UUID session, String user) {
        Optional<String> owner = owner(session);
        if (owner.isEmpty()) return Ownership.NEW;
        return owner.get().equals(cut(user, MAX_USER)) ? Ownership.MINE : Ownership.OTHERS;
    }

    private Optional<String> owner(UUID session) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT user_name FROM agent_sessions WHERE id = ?")) {
            ps.setObject(1, session);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not read an assistant session", e);
        }
    }

    /**
     * The newest {@code limit} turns of {@code session}, oldest first, when it is {@code user}'s;
     * empty for an unknown session and for another user's (the two are not told apart).
     */
    public List<Turn> history(UUID session, String user, int limit) {
        if (limit <= 0) return List.of();
        String sql = "SELECT m.role, m.text, m.at FROM agent_messages m JOIN agent_sessions s ON s.id = m.session_id"
                + " WHERE s.id = ? AND s.user_name = ? ORDER BY m.id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, session);
            ps.setString(2, cut(user, MAX_USER));
            ps.setInt(3, limit);
            List<Turn> turns = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) turns.add(new Turn(Role.of(rs.getString(1)), rs.getString(2), instant(rs, 3)));
            }
            Collections.reverse(turns);
            return turns;
        } catch (SQLException e) {
            throw new DataAccessException("could not read an assistant session's history", e);
        }
    }

    /**
     * Adds a turn to {@code session}, creating it as {@code user}'s when it is new.
     *
     * @return false, adding nothing, when the session is another user's
     */
    public boolean append(UUID session, String user, Role role, String text, Instant at) {
        String owner = cut(user, MAX_USER);
        try (Connection c = dataSource.getConnection()) {
            return Transactions.commitOrRollback(c, tx -> {
                int touched;
                try (PreparedStatement ps =
                        tx.prepareStatement("UPDATE agent_sessions SET last_at = ? WHERE id = ? AND user_name = ?")) {
                    setInstant(ps, 1, at);
                    ps.setObject(2, session);
                    ps.setString(3, owner);
                    touched = ps.executeUpdate();
                }
                // another user's session: nothing was written
                if (touched == 0 && !create(tx, session, owner, at)) return false;
                try (PreparedStatement ps = tx.prepareStatement(
                        "INSERT INTO agent_messages (session_id, role, text, at) VALUES (?, ?, ?, ?)")) {
                    ps.setObject(1, session);
                    ps.setString(2, role.wire());
                    ps.setString(3, cut(text, MAX_TEXT));
                    setInstant(ps, 4, at);
                    ps.executeUpdate();
                }
                return true;
            });
        } catch (SQLException e) {
            throw new DataAccessException("could not record an assistant turn", e);
        }
    }

    /** Inserts the session; false when it exists already (another user's, or raced by one). */
    private static boolean create(Connection c, UUID session, String owner, Instant at) throws SQLException {
        // Insert only when absent, in one statement both vendors read alike; a concurrent insert of
        // the same id fails on the key, and the caller's rollback leaves nothing behind.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_sessions (id, user_name, created_at, last_at)"
                + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM agent_sessions WHERE id = ?)")) {
            ps.setObject(1, session);
            ps.setString(2, owner);
            setInstant(ps, 3, at);
            setInstant(ps, 4, at);
            ps.setObject(5, session);
            return ps.executeUpdate() == 1;
        }
    }

    /** Sessions there are (all users). */
    public long count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM agent_sessions");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DataAccessException("could not count assistant sessions", e);
        }
    }

    /** Deletes sessions with no turn since {@code cutoff}, with their turns; the number deleted. */
    public int purgeIdleSince(Instant cutoff) {
        try (Connection c = dataSource.getConnection()) {
            return Transactions.commitOrRollback(c, tx -> {
                try (PreparedStatement turns = tx.prepareStatement("DELETE FROM agent_messages WHERE session_id IN"
                                + " (SELECT id FROM agent_sessions WHERE last_at < ?)");
                        PreparedStatement sessions =
                                tx.prepareStatement("DELETE FROM agent_sessions WHERE last_at < ?")) {
                    setInstant(turns, 1, cutoff);
                    turns.executeUpdate();
                    setInstant(sessions, 1, cutoff);
                    return sessions.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new DataAccessException("could not purge idle assistant sessions", e);
        }
    }

    static String cut(String s, int max) {
        if (s == null) return "";
        if (s.length() <= max) return s;
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
