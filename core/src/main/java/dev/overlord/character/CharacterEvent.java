package dev.overlord.character;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened to a character, as journaled. Events are forever: each keeps its stable type name
 * (written into the JSON, never the Java class name) and only ever gains optional fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(CharacterEvent.CameOnline.class),
    @JsonSubTypes.Type(CharacterEvent.WentOffline.class),
    @JsonSubTypes.Type(CharacterEvent.CountersChanged.class),
    @JsonSubTypes.Type(CharacterEvent.PositionRecorded.class),
    @JsonSubTypes.Type(CharacterEvent.Died.class),
    @JsonSubTypes.Type(CharacterEvent.WentIdle.class),
    @JsonSubTypes.Type(CharacterEvent.BecameActive.class),
    @JsonSubTypes.Type(CharacterEvent.LifetimeCountersChanged.class),
    @JsonSubTypes.Type(CharacterEvent.CharacterStatsUpdated.class),
    @JsonSubTypes.Type(CharacterEvent.CantripsUpdated.class),
    @JsonSubTypes.Type(CharacterEvent.QuestsUpdated.class),
    @JsonSubTypes.Type(CharacterEvent.CombatSnapshotRecorded.class),
    @JsonSubTypes.Type(CharacterEvent.RareFound.class),
    @JsonSubTypes.Type(CharacterEvent.PortalSeen.class),
    @JsonSubTypes.Type(CharacterEvent.IdleSuspected.class),
    @JsonSubTypes.Type(CharacterEvent.VitaePenaltySeen.class),
    @JsonSubTypes.Type(CharacterEvent.AlertRaised.class),
    @JsonSubTypes.Type(CharacterEvent.InventoryChanged.class)
})
public sealed interface CharacterEvent {

    Instant at();

    /** A plugin session began speaking for the character. */
    @JsonTypeName("came-online")
    record CameOnline(Instant at, String sessionId) implements CharacterEvent {}

    /** The plugin session that spoke for the character closed. */
    @JsonTypeName("went-offline")
    record WentOffline(Instant at) implements CharacterEvent {}

    /** The session counters reported by telemetry changed. */
    @JsonTypeName("counters-changed")
    record CountersChanged(Instant at, long kills, long deaths, long tapers) implements CharacterEvent {}

    /** A checkpoint of the last known position (positions themselves are time series, not events). */
    @JsonTypeName("position-recorded")
    record PositionRecorded(Instant at, double ew, double ns, double z) implements CharacterEvent {}

    /** Vitae went from 0 to above 0: the character died. */
    @JsonTypeName("died")
    record Died(Instant at, double vitae) implements CharacterEvent {}

    /** The character has been idle for the whole grace period, since {@code since}. */
    @JsonTypeName("went-idle")
    record WentIdle(Instant at, Instant since) implements CharacterEvent {}

    /** An idle character is doing something again. */
    @JsonTypeName("became-active")
    record BecameActive(Instant at) implements CharacterEvent {}

    /**
     * A plugin session's kills or deaths rose above their highest value so far, or the taper count
     * changed: the lifetime totals are now {@code kills} and {@code deaths}.
     *
     * @param sessionId the plugin's {@code session_id} whose counters these are
     * @param sessionKills the highest kills that session has reported
     * @param sessionDeaths the highest deaths that session has reported
     * @param kills lifetime kills: over every session, the sum of its highest kills
     * @param deaths lifetime deaths, summed the same way
     * @param tapers the latest prismatic taper count
     */
    @JsonTypeName("lifetime-counters-changed")
    record LifetimeCountersChanged(
            Instant at, String sessionId, long sessionKills, long sessionDeaths, long kills, long deaths, long tapers)
            implements CharacterEvent {}

    /** A character_stats frame that differs from the last one: {@code stats} is its JSON. */
    @JsonTypeName("character-stats-updated")
    record CharacterStatsUpdated(Instant at, String stats) implements CharacterEvent {}

    /** An equipment_cantrip_state frame that differs from the last one: {@code cantrips} is its JSON. */
    @JsonTypeName("cantrips-updated")
    record CantripsUpdated(Instant at, String cantrips) implements CharacterEvent {}

    /** A quest frame that differs from the last one: {@code quests} is its JSON. */
    @JsonTypeName("quests-updated")
    record QuestsUpdated(Instant at, String quests) implements CharacterEvent {}

    /**
     * A plugin session's combat snapshot newer than the last one recorded for that session.
     *
     * @param snapshotTs the frame's own timestamp, which orders the snapshots of a session
     * @param snapshot the frame's JSON without its envelope fields (type, character, time, session)
     */
    @JsonTypeName("combat-snapshot-recorded")
    record CombatSnapshotRecorded(Instant at, String sessionId, Instant snapshotTs, String snapshot)
            implements CharacterEvent {}

    /**
     * A rare item was found; every rare frame is one.
     *
     * @param ew where, when the frame said (else null), like {@code ns} and {@code z}
     * @param raw the whole frame's JSON
     */
    @JsonTypeName("rare-found")
    record RareFound(Instant at, String name, String sessionId, Double ew, Double ns, Double z, String raw)
            implements CharacterEvent {}

    /** The character saw a portal at a place. */
    @JsonTypeName("portal-seen")
    record PortalSeen(Instant at, String name, double ew, double ns, Double z) implements CharacterEvent {}

    /**
     * Telemetry said idle after saying active: the idle clock starts at {@code at}. Journaled so the
     * grace period survives a restart; a later {@link BecameActive} stops the clock.
     */
    @JsonTypeName("idle-suspected")
    record IdleSuspected(Instant at) implements CharacterEvent {}

    /**
     * Whether the character carries a vitae penalty changed (or became known): journaled so that a
     * death (no penalty, then a penalty) is recognised across a restart. A death itself is {@link Died}.
     */
    @JsonTypeName("vitae-penalty-seen")
    record VitaePenaltySeen(Instant at, boolean penalty) implements CharacterEvent {}

    /**
     * An alert about the character: a death, going idle, a vortex, a user rule that matched. The
     * projection stores it and queues it for each of {@code targets} in the same transaction as its
     * offset; the entity publishes it on the live feed once journaled.
     *
     * @param id unique and stable, the alert's id everywhere
     * @param kind {@code death}, {@code idle}, {@code vortex} or {@code rule}
     * @param rule the rule's name for a rule alert, else null
     * @param targets where it is to be delivered (outbox target names), decided when raised
     */
    @JsonTypeName("alert-raised")
    record AlertRaised(
            Instant at,
            String id,
            String kind,
            String rule,
            String severity,
            String title,
            String message,
            Map<String, String> fields,
            List<String> targets)
            implements CharacterEvent {
        public AlertRaised {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
            targets = targets == null ? List.of() : List.copyOf(targets);
        }

        /**
         * An alert's id, made from what it says: the same alert decided twice (a frame observed
         * again after a crash) has the same id, so the alerts table and the outbox take it once.
         */
        public static String idOf(String character, String kind, String rule, Instant at, String message) {
            String key = character + '\n' + kind + '\n' + rule + '\n' + at + '\n' + message;
            return java.util
                    .UUID
                    .nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString();
        }

        /** The key its cooldown is kept under: the rule's name for a rule, else the kind. */
        public String cooldownKey() {
            return rule == null ? kind : "rule:" + rule;
        }
    }

    /**
     * The character's inventory changed: items added or replaced ({@code upserts}, each the item's
     * JSON exactly as the plugin reported it) and items gone ({@code removed}, by id). A full
     * inventory journals only what differs from the inventory the entity holds (nothing when a
     * login resends the same items), with {@code snapshot} set; a delta journals its one item.
     *
     * @param version the inventory's version after this change (1 for the first)
     * @param reportedAt the plugin's timestamp of the frame this change came from
     * @param snapshot whether a full inventory made this change (its items replace all others)
     */
    @JsonTypeName("inventory-changed")
    record InventoryChanged(
            Instant at, long version, Instant reportedAt, boolean snapshot, List<String> upserts, List<Long> removed)
            implements CharacterEvent {
        public InventoryChanged {
            upserts = upserts == null ? List.of() : List.copyOf(upserts);
            removed = removed == null ? List.of() : List.copyOf(removed);
        }
    }
}
