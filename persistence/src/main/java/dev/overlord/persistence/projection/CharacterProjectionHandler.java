package dev.overlord.persistence.projection;

import dev.overlord.character.CharacterEvent;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.alerts.AlertsHandler;
import dev.overlord.persistence.alerts.OutboxWake;
import dev.overlord.persistence.characterstats.CharacterStatsHandler;
import dev.overlord.persistence.combat.CombatHandler;
import dev.overlord.persistence.digest.XpHandler;
import dev.overlord.persistence.inventory.InventoryHandler;
import dev.overlord.persistence.portals.PortalsHandler;
import dev.overlord.persistence.rares.RaresHandler;
import dev.overlord.persistence.setaside.SetAside;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Hands each group of character events to the read models that want them (character stats, rares,
 * combat, portals: one {@link FeatureHandler} each), all inside the projection's transaction so the
 * rows and the group's offset commit together.
 *
 * <p>An event that a later event of the same group makes moot is skipped: of the kinds a read
 * model marks {@link FeatureHandler#superseding()} (a character's lifetime counters, stats,
 * cantrips and quests) only the group's latest per character is written, since each replaces what
 * the one before wrote. The tables end as if every event had been written, with one statement per
 * character instead of one per frame under load.
 *
 * <p>An event whose values the tables refuse (SQLState class 22 or 23) is set aside ({@link
 * SetAside}) and the group goes on; any other failure fails the group, which is retried.
 */
public final class CharacterProjectionHandler
        extends JdbcHandler<List<EventEnvelope<CharacterEvent>>, PlainJdbcSession> {

    private final Map<Class<?>, List<FeatureHandler>> byKind = new HashMap<>();
    private final Set<Class<?>> superseding = new HashSet<>();
    private final String projection;
    private final SetAside setAside;

    /**
     * @param projection this slice's name in the set-aside table ({@code character-history/<tag>})
     * @param setAside where events the tables cannot hold go instead of failing the group
     */
    public CharacterProjectionHandler(Vendor vendor, String projection, SetAside setAside) {
        this(vendor, projection, setAside, new OutboxWake());
    }

    /** @param outboxWake told whenever an alert delivery is queued */
    public CharacterProjectionHandler(Vendor vendor, String projection, SetAside setAside, OutboxWake outboxWake) {
        this.projection = projection;
        this.setAside = setAside;
        List<FeatureHandler> features = List.of(
                new CharacterStatsHandler(vendor),
                new RaresHandler(vendor),
                new CombatHandler(vendor),
                new PortalsHandler(vendor),
                new AlertsHandler(vendor, outboxWake, Clock.systemUTC()),
                new XpHandler(vendor),
                new InventoryHandler(vendor));
        for (FeatureHandler f : features) {
            for (Class<? extends CharacterEvent> kind : f.events())
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(f);
            superseding.addAll(f.superseding());
        }
    }

    @Override
    public void process(PlainJdbcSession session, List<EventEnvelope<CharacterEvent>> envelopes) throws Exception {
        session.withConnection(c -> {
            List<String> characters = new ArrayList<>(envelopes.size());
            for (EventEnvelope<CharacterEvent> e : envelopes) {
                characters.add(PersistenceId.ofUniqueId(e.persistenceId()).entityId());
            }
            boolean[] moot = moot(envelopes, characters);
            // The whole group first, as one piece: the common case pays one savepoint per group.
            Savepoint group = c.setSavepoint();
            try {
                writeGroup(c, envelopes, characters, moot);
            } catch (SQLException e) {
                if (!SetAside.isDataError(e)) throw e;
                // A value the tables refuse: write again one event at a time and set the bad ones aside.
                c.rollback(group);
                writeEachAlone(c, envelopes, characters);
            }
            return null;
        });
    }

    /** Walking back, the first of each superseding (kind, character) seen is the group's latest; the rest are moot. */
    private boolean[] moot(List<EventEnvelope<CharacterEvent>> envelopes, List<String> characters) {
        boolean[] moot = new boolean[envelopes.size()];
        Set<Supersedes> seen = new HashSet<>();
        for (int i = envelopes.size() - 1; i >= 0; i--) {
            Class<?> kind = envelopes.get(i).event().getClass();
            if (superseding.contains(kind) && !seen.add(new Supersedes(kind, characters.get(i)))) moot[i] = true;
        }
        return moot;
    }

    private void writeGroup(
            Connection c, List<EventEnvelope<CharacterEvent>> envelopes, List<String> characters, boolean[] moot)
            throws SQLException {
        try (GroupStatements statements = new GroupStatements(c)) {
            for (int i = 0; i < envelopes.size(); i++) {
                if (!moot[i])
                    apply(statements, characters.get(i), envelopes.get(i).event());
            }
            statements.runAtEnd();
        }
    }

    /**
     * Each event in its own savepoint, its end-of-group work too (so a failing summary is charged to
     * the event that changed it): slower, and only taken for a group that holds a bad event. Moot
     * events are written too, in order: if the latest of a kind is set aside, the one before it
     * stands.
     */
    private void writeEachAlone(Connection c, List<EventEnvelope<CharacterEvent>> envelopes, List<String> characters)
            throws SQLException {
        try (GroupStatements statements = new GroupStatements(c)) {
            for (int i = 0; i < envelopes.size(); i++) {
                EventEnvelope<CharacterEvent> envelope = envelopes.get(i);
                Savepoint one = c.setSavepoint();
                try {
                    apply(statements, characters.get(i), envelope.event());
                    statements.runAtEnd();
                    c.releaseSavepoint(one);
                } catch (SQLException e) {
                    if (!SetAside.isDataError(e)) throw e;
                    c.rollback(one);
                    statements.clearAtEnd();
                    setAside.record(
                            c, projection, envelope.persistenceId(), envelope.sequenceNr(), envelope.event(), e);
                }
            }
        }
    }

    private void apply(GroupStatements statements, String character, CharacterEvent event) throws SQLException {
        // Presence, positions and idleness are the live view's: no read model wants them.
        for (FeatureHandler f : byKind.getOrDefault(event.getClass(), List.of())) {
            f.apply(statements, character, event);
        }
    }

    /** An event kind whose write replaces everything the previous one of its kind wrote. */
    private record Supersedes(Class<?> kind, String character) {}
}
