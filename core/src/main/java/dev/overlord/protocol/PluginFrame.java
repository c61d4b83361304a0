package dev.overlord.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * A frame sent by the game plugin on {@code /ws/position}, parsed once. Each variant keeps its
 * {@link FrameEnvelope} so it can be forwarded unchanged; typed fields are read leniently and are
 * null when the plugin did not send them.
 */
public sealed interface PluginFrame {

    FrameEnvelope envelope();

    default String type() {
        return envelope().type();
    }

    default String characterName() {
        return envelope().characterName();
    }

    /** Position and session counters, every 2 s per character. */
    record Telemetry(
            FrameEnvelope envelope,
            double ew,
            double ns,
            double z,
            Long kills,
            Double killsPerHour,
            Long deaths,
            Long totalDeaths,
            Long raresFound,
            Long prismaticTapers,
            String vtState,
            String sessionId)
            implements PluginFrame {
        /** The plugin reports its macro state; "Idle" (any case) means the character does nothing. */
        public boolean idle() {
            return vtState != null && vtState.toLowerCase(Locale.ROOT).contains("idle");
        }
    }

    /** Health, stamina, mana and vitae. */
    record Vitals(
            FrameEnvelope envelope,
            Double healthCurrent,
            Double healthMax,
            Double staminaCurrent,
            Double staminaMax,
            Double manaCurrent,
            Double manaMax,
            Double vitae)
            implements PluginFrame {}

    /** Attributes, skills and allegiance (every 10 minutes). */
    record CharacterStats(FrameEnvelope envelope) implements PluginFrame {}

    /**
     * A complete inventory dump ({@code inventory} or {@code full_inventory}); {@code items} is the
     * frame's array as sent (empty when absent or not an array), each element read by the entity.
     */
    record FullInventory(FrameEnvelope envelope, int itemCount, ArrayNode items) implements PluginFrame {}

    /**
     * One item added, updated or removed. {@code action} is lower case ({@code add}, {@code update},
     * {@code remove}, or whatever else was sent); {@code item} is the reported item object or null;
     * {@code itemId} is {@code item_id}, else the item's own id, or null when neither is usable.
     */
    record InventoryDelta(FrameEnvelope envelope, String action, ObjectNode item, Long itemId) implements PluginFrame {}

    /** Equipped spell effects. */
    record EquipmentCantripState(FrameEnvelope envelope) implements PluginFrame {}

    /** A discovered portal. */
    record Portal(FrameEnvelope envelope, String portalName, Double ew, Double ns, Double z) implements PluginFrame {}

    /** A monster spawn observation. */
    record Spawn(FrameEnvelope envelope, String monsterName, Double ew, Double ns, Double z) implements PluginFrame {}

    /** One chat line. */
    record Chat(FrameEnvelope envelope, String text, String channel) implements PluginFrame {}

    /** Quest timers and progress. */
    record Quest(FrameEnvelope envelope) implements PluginFrame {}

    /** A rare item found. */
    record Rare(FrameEnvelope envelope, String rareName) implements PluginFrame {}

    /** Radar data: entities near the character. */
    record NearbyObjects(FrameEnvelope envelope) implements PluginFrame {}

    /** A per-session combat snapshot. */
    record CombatStats(FrameEnvelope envelope, String sessionId) implements PluginFrame {}

    /** A cross-machine vital or debuff sharing envelope ({@code share_*}). */
    record Share(FrameEnvelope envelope) implements PluginFrame {}

    /** Dungeon floor tiles for one landblock. */
    record DungeonMap(FrameEnvelope envelope, String landblock) implements PluginFrame {}

    /** A type this server does not know: kept and forwarded unchanged. */
    record Unknown(FrameEnvelope envelope) implements PluginFrame {}
}
