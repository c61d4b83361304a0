package dev.overlord.persistence.combat;

import static dev.overlord.persistence.projection.GroupStatements.utc;

import dev.overlord.character.CharacterEvent;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.projection.FeatureHandler;
import dev.overlord.persistence.projection.GroupStatements;
import dev.overlord.persistence.projection.Upsert;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps each session's latest combat snapshot (combat_stats_sessions) and the character's lifetime
 * totals (combat_stats), recomputed by {@link CombatTotals} from every session's latest snapshot.
 */
public final class CombatHandler implements FeatureHandler {

    private final String session;
    private final String lifetime;

    public CombatHandler(Vendor vendor) {
        // The entity already drops older snapshots; the guard also holds for a session it has forgotten.
        session = Upsert.into("combat_stats_sessions")
                .key("character_name", "VARCHAR")
                .key("session_id", "VARCHAR")
                .value("snapshot", "CLOB")
                .value("snapshot_ts", "TIMESTAMP WITH TIME ZONE")
                .value("updated_at", "TIMESTAMP WITH TIME ZONE")
                .replace("snapshot", "snapshot_ts", "updated_at")
                .whenNewer("snapshot_ts")
                .sql(vendor);
        lifetime = Upsert.into("combat_stats")
                .key("character_name", "VARCHAR")
                .value("lifetime", "CLOB")
                .value("sessions", "INTEGER")
                .value("updated_at", "TIMESTAMP WITH TIME ZONE")
                .replace("lifetime", "sessions", "updated_at")
                .sql(vendor);
    }

    @Override
    public Set<Class<? extends CharacterEvent>> events() {
        return Set.of(CharacterEvent.CombatSnapshotRecorded.class);
    }

    @Override
    public void apply(GroupStatements c, String character, CharacterEvent event) throws SQLException {
        if (!(event instanceof CharacterEvent.CombatSnapshotRecorded e)) return;
        OffsetDateTime at = utc(e.at());
        c.update(session, character, e.sessionId(), e.snapshot(), utc(e.snapshotTs()), at);
        // Recomputed from every session's latest snapshot rather than adjusted, so it cannot drift;
        // once per character per group, after all of the group's snapshots are in.
        c.atEnd(new Lifetime(character), () -> recompute(c, character, at));
    }

    /** The key of one character's lifetime recomputation within a group. */
    private record Lifetime(String character) {}

    private void recompute(GroupStatements c, String character, OffsetDateTime at) throws SQLException {
        List<CombatTotals.Snapshot> snapshots = new ArrayList<>();
        PreparedStatement ps =
                c.prepare("SELECT snapshot, snapshot_ts FROM combat_stats_sessions WHERE character_name = ?");
        ps.setString(1, character);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                snapshots.add(CombatTotals.Snapshot.stored(
                        rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()));
            }
        }
        c.update(lifetime, character, CombatTotals.merge(snapshots).toString(), snapshots.size(), at);
    }
}
