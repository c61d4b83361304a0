package dev.overlord.persistence.projection;

import dev.overlord.character.CharacterEvent;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.characterstats.CharacterStatsHandler;
import dev.overlord.persistence.combat.CombatHandler;
import dev.overlord.persistence.portals.PortalsHandler;
import dev.overlord.persistence.rares.RaresHandler;
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
 */
public final class CharacterProjectionHandler
        extends JdbcHandler<List<EventEnvelope<CharacterEvent>>, PlainJdbcSession> {

    private final Map<Class<?>, List<FeatureHandler>> byKind = new HashMap<>();
    private final Set<Class<?>> superseding = new HashSet<>();

    public CharacterProjectionHandler(Vendor vendor) {
        List<FeatureHandler> features = List.of(
                new CharacterStatsHandler(vendor),
                new RaresHandler(vendor),
                new CombatHandler(vendor),
                new PortalsHandler(vendor));
        for (FeatureHandler f : features) {
            for (Class<? extends CharacterEvent> kind : f.events())
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(f);
            superseding.addAll(f.superseding());
        }
    }

    @Override
    public void process(PlainJdbcSession session, List<EventEnvelope<CharacterEvent>> envelopes) throws Exception {
        session.withConnection(c -> {
            try (GroupStatements statements = new GroupStatements(c)) {
                List<String> characters = new ArrayList<>(envelopes.size());
                for (EventEnvelope<CharacterEvent> e : envelopes) {
                    characters.add(PersistenceId.ofUniqueId(e.persistenceId()).entityId());
                }
                // Walking back, the first of each (kind, character) seen is the group's latest.
                boolean[] moot = new boolean[envelopes.size()];
                Set<Supersedes> seen = new HashSet<>();
                for (int i = envelopes.size() - 1; i >= 0; i--) {
                    Class<?> kind = envelopes.get(i).event().getClass();
                    if (superseding.contains(kind) && !seen.add(new Supersedes(kind, characters.get(i))))
                        moot[i] = true;
                }
                for (int i = 0; i < envelopes.size(); i++) {
                    if (moot[i]) continue;
                    CharacterEvent event = envelopes.get(i).event();
                    // Presence, positions and idleness are the live view's: no read model wants them.
                    for (FeatureHandler f : byKind.getOrDefault(event.getClass(), List.of())) {
                        f.apply(statements, characters.get(i), event);
                    }
                }
                statements.runAtEnd();
            }
            return null;
        });
    }

    /** An event kind whose write replaces everything the previous one of its kind wrote. */
    private record Supersedes(Class<?> kind, String character) {}
}
