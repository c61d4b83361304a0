package db.migration.common;

import dev.overlord.persistence.characterstats.CharacterDocuments;
import dev.overlord.persistence.combat.CombatTotals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Repairs the rows written before the projection stored payloads: character_stats held whole
 * frames (stats, cantrips and quests wrapped in their envelope, and {@code {}} for stats not yet
 * sent), and combat_stats summed every number. Rewrites both as the projection writes them now,
 * with the same code, so old and new installs answer alike.
 */
public class V8__character_documents_unwrapped extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (PreparedStatement ps =
                c.prepareStatement("ALTER TABLE character_stats ALTER COLUMN stats DROP NOT NULL")) {
            ps.execute();
        }
        unwrapCharacterStats(c);
        recomputeCombatLifetimes(c);
    }

    private static void unwrapCharacterStats(Connection c) throws SQLException {
        try (PreparedStatement read =
                        c.prepareStatement("SELECT character_name, stats, cantrips, quests FROM character_stats");
                PreparedStatement write = c.prepareStatement(
                        "UPDATE character_stats SET stats = ?, cantrips = ?, quests = ? WHERE character_name = ?");
                ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                String stats = rs.getString(2);
                String cantrips = rs.getString(3);
                String quests = rs.getString(4);
                // A placeholder: the row was first written for cantrips or quests, before any stats.
                if (stats != null && stats.strip().equals("{}")) stats = null;
                if (stats != null && CharacterDocuments.isFrame(stats)) stats = CharacterDocuments.stats(stats);
                if (cantrips != null && CharacterDocuments.isFrame(cantrips))
                    cantrips = CharacterDocuments.cantrips(cantrips);
                if (quests != null && CharacterDocuments.isFrame(quests)) quests = CharacterDocuments.quests(quests);
                write.setString(1, stats);
                write.setString(2, cantrips);
                write.setString(3, quests);
                write.setString(4, rs.getString(1));
                write.executeUpdate();
            }
        }
    }

    private static void recomputeCombatLifetimes(Connection c) throws SQLException {
        Map<String, List<CombatTotals.Snapshot>> byCharacter = new LinkedHashMap<>();
        try (PreparedStatement read = c.prepareStatement(
                        "SELECT character_name, snapshot, snapshot_ts FROM combat_stats_sessions ORDER BY character_name");
                ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                byCharacter
                        .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(CombatTotals.Snapshot.stored(
                                rs.getString(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant()));
            }
        }
        try (PreparedStatement write =
                c.prepareStatement("UPDATE combat_stats SET lifetime = ?, sessions = ? WHERE character_name = ?")) {
            for (Map.Entry<String, List<CombatTotals.Snapshot>> e : byCharacter.entrySet()) {
                write.setString(1, CombatTotals.merge(e.getValue()).toString());
                write.setInt(2, e.getValue().size());
                write.setString(3, e.getKey());
                write.executeUpdate();
            }
        }
    }
}
