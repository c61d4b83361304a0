package dev.overlord.character;

import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.PluginFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every concern's decision about a character's frames, folded: each frame is decided against the
 * state its predecessors' events make, and within a frame each concern against the state the
 * concerns before it made, as if every event were journaled the moment it was decided.
 */
final class CharacterDecisions {

    /** In the order their events are journaled. */
    private final List<Decider> concerns;

    CharacterDecisions(CharacterSettings settings) {
        this(settings, InventoryDecisions.UNCOUNTED);
    }

    /** As above, counting the inventory reports that change nothing in {@code inventoryIgnored}. */
    CharacterDecisions(CharacterSettings settings, Metrics.LabeledCounter inventoryIgnored) {
        PresenceDecisions presence = new PresenceDecisions(settings.positionCheckpointEvery());
        IdleAndDeathDecisions idleAndDeath = new IdleAndDeathDecisions(settings.idleAfter(), settings.alerts());
        AlertDecisions alerts = new AlertDecisions(settings.alerts());
        InventoryDecisions inventory = new InventoryDecisions(inventoryIgnored);
        this.concerns = List.of(
                PresenceDecisions::comingOnline,
                CounterDecisions::session,
                presence::checkpoint,
                idleAndDeath::idleness,
                idleAndDeath::death,
                alerts::vortex,
                alerts::rules,
                CounterDecisions::lifetime,
                DocumentDecisions::documents,
                inventory::inventory,
                CombatDecisions::snapshot,
                FindDecisions::finds);
    }

    /** The events of {@code frames}, from the plugin session {@code sessionId}, decided at {@code now}. */
    Decision decide(
            CharacterState state, Ephemeral ephemeral, String sessionId, List<PluginFrame> frames, Instant now) {
        List<CharacterEvent> events = new ArrayList<>(2 * frames.size());
        for (PluginFrame f : frames) {
            SessionFrame frame = new SessionFrame(sessionId, f);
            for (Decider concern : concerns) {
                Decision d = concern.decide(state, ephemeral, frame, now);
                for (CharacterEvent e : d.events()) state = state.evolve(e);
                events.addAll(d.events());
                ephemeral = d.ephemeral();
            }
        }
        return new Decision(events, ephemeral);
    }

    /** The plugin session {@code sessionId} closed. */
    Decision sessionClosed(CharacterState state, Ephemeral ephemeral, String sessionId, Instant now) {
        return PresenceDecisions.sessionClosed(state, ephemeral, sessionId, now);
    }
}
