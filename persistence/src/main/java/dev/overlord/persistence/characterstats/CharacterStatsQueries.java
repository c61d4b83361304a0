package dev.overlord.persistence.characterstats;

import static dev.overlord.persistence.SqlValues.instant;
import static dev.overlord.persistence.SqlValues.json;

import dev.overlord.persistence.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The per-character read model: the latest stats, cantrips and quests (character_stats) and the
 * lifetime counters (char_stats). Blocks on JDBC, throws {@link DataAccessException}.
 */
public final class CharacterStatsQueries {

    private final DataSource dataSource;

    public CharacterStatsQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The latest stats, cantrips and lifetime counters of {@code character}; parts not yet stored are empty. */
    public CharacterStats characterStats(String character) {
        try (Connection c = dataSource.getConnection()) {
            Optional<CharacterStats.Latest> latest;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT stats, cantrips, updated_at FROM character_stats WHERE character_name = ?")) {
                ps.setString(1, character);
                try (ResultSet rs = ps.executeQuery()) {
                    latest = rs.next()
                            ? Optional.of(new CharacterStats.Latest(
                                    json(rs.getString(1)), json(rs.getString(2)), instant(rs, 3)))
                            : Optional.empty();
                }
            }
            Optional<CharacterStats.LifetimeTotals> totals;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT total_kills, total_deaths, total_rares, total_tapers,"
                            + " updated_at FROM char_stats WHERE character_name = ?")) {
                ps.setString(1, character);
                try (ResultSet rs = ps.executeQuery()) {
                    totals = rs.next()
                            ? Optional.of(new CharacterStats.LifetimeTotals(
                                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), instant(rs, 5)))
                            : Optional.empty();
                }
            }
            return new CharacterStats(character, latest, totals);
        } catch (SQLException e) {
            throw new DataAccessException("could not read character stats", e);
        }
    }

    /** The quest timers of {@code character} from its latest quest frame; empty if no row is stored. */
    public Optional<Quests> quests(String character) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT quests, updated_at FROM character_stats WHERE character_name = ?")) {
            ps.setString(1, character);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Quests(character, json(rs.getString(1)), instant(rs, 2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not read quests", e);
        }
    }
}
