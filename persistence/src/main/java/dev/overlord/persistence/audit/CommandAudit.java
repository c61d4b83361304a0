package dev.overlord.persistence.audit;

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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The audit trail of commands browsers sent to plugins ({@code command_audit}): written in
 * batches, read newest first a page at a time, purged by age. Blocks on JDBC; throws
 * {@link DataAccessException}.
 */
public final class CommandAudit {
    /** Longest command text kept; a longer one is cut (the trail says what, not every byte of it). */
    public static final int MAX_COMMAND = 1024;

    public static final int MAX_NAME = 128;
    public static final int MAX_ADDRESS = 64;

    /**
     * One command as a browser sent it. Texts longer than their column are cut here, so that a
     * hostile browser cannot make a batch fail.
     *
     * @param sessionId the plugin session that took it, or empty when no plugin spoke for the character
     */
    public record Command(
            Instant at,
            String user,
            String characterName,
            String command,
            boolean delivered,
            Optional<String> sessionId,
            String clientAddress) {
        public Command {
            user = cut(user, MAX_NAME);
            characterName = cut(characterName, MAX_NAME);
            command = cut(command, MAX_COMMAND);
            sessionId = sessionId.map(s -> cut(s, MAX_NAME));
            clientAddress = cut(clientAddress, MAX_ADDRESS);
        }
    }

    /** A recorded command with its id (ids grow with time: the paging key). */
    public record Entry(long id, Command command) {}

    /**
     * One page, newest first.
     *
     * @param nextBefore the {@code before} of the next page, or empty on the last one
     */
    public record Page(List<Entry> entries, Optional<Long> nextBefore) {}

    private final DataSource dataSource;

    public CommandAudit(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Records {@code commands} in one transaction. */
    public void insert(List<Command> commands) {
        if (commands.isEmpty()) return;
        String sql = "INSERT INTO command_audit"
                + " (at, user_name, character_name, command, delivered, session_id, client_address)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection()) {
            Transactions.commitOrRollback(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement(sql)) {
                    for (Command cmd : commands) {
                        setInstant(ps, 1, cmd.at());
                        ps.setString(2, cmd.user());
                        ps.setString(3, cmd.characterName());
                        ps.setString(4, cmd.command());
                        ps.setBoolean(5, cmd.delivered());
                        ps.setString(6, cmd.sessionId().orElse(null));
                        ps.setString(7, cmd.clientAddress());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    return null;
                }
            });
        } catch (SQLException e) {
            throw new DataAccessException("could not record " + commands.size() + " command(s)", e);
        }
    }

    /**
     * Up to {@code limit} commands, newest first, older than id {@code before} when given, of
     * {@code character} when given.
     */
    public Page page(Optional<String> character, int limit, Optional<Long> before) {
        StringBuilder sql = new StringBuilder("SELECT id, at, user_name, character_name, command, delivered,"
                + " session_id, client_address FROM command_audit WHERE 1 = 1");
        character.ifPresent(x -> sql.append(" AND character_name = ?"));
        before.ifPresent(x -> sql.append(" AND id < ?"));
        sql.append(" ORDER BY id DESC LIMIT ?");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (character.isPresent()) ps.setString(i++, character.get());
            if (before.isPresent()) ps.setLong(i++, before.get());
            ps.setInt(i, limit + 1);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(
                            rs.getLong(1),
                            new Command(
                                    instant(rs, 2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getBoolean(6),
                                    Optional.ofNullable(rs.getString(7)),
                                    rs.getString(8))));
                }
            }
            if (entries.size() <= limit) return new Page(entries, Optional.empty());
            List<Entry> page = List.copyOf(entries.subList(0, limit));
            return new Page(page, Optional.of(page.get(limit - 1).id()));
        } catch (SQLException e) {
            throw new DataAccessException("could not read the command audit trail", e);
        }
    }

    /** Deletes commands recorded before {@code cutoff}; the number deleted. */
    public int purgeBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM command_audit WHERE at < ?")) {
            setInstant(ps, 1, cutoff);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not purge the command audit trail", e);
        }
    }

    private static String cut(String s, int max) {
        if (s == null) return "";
        if (s.length() <= max) return s;
        // Never split a surrogate pair.
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
