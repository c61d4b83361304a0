package dev.overlord.protocol;

import java.util.Set;

/** The {@code type} values of the plugin contract, as the reference system names them. */
public final class FrameTypes {
    private FrameTypes() {}

    public static final String TELEMETRY = "telemetry";
    public static final String VITALS = "vitals";
    public static final String CHARACTER_STATS = "character_stats";
    public static final String INVENTORY = "inventory";
    public static final String FULL_INVENTORY = "full_inventory";
    public static final String INVENTORY_DELTA = "inventory_delta";
    public static final String EQUIPMENT_CANTRIP_STATE = "equipment_cantrip_state";
    public static final String PORTAL = "portal";
    public static final String SPAWN = "spawn";
    public static final String CHAT = "chat";
    public static final String QUEST = "quest";
    public static final String RARE = "rare";
    public static final String NEARBY_OBJECTS = "nearby_objects";
    public static final String COMBAT_STATS = "combat_stats";
    public static final String DUNGEON_MAP = "dungeon_map";
    public static final String SHARE_PREFIX = "share_";

    /** An alert on the live feed; sent by the server only. */
    public static final String ALERT = "alert";
    /** An alert's condition ended (an idle character is active again); sent by the server only. */
    public static final String ALERT_CLEARED = "alert_cleared";

    private static final Set<String> SERVER_ONLY = Set.of(ALERT, ALERT_CLEARED, "snapshot");

    private static final Set<String> KNOWN = Set.of(
            TELEMETRY,
            VITALS,
            CHARACTER_STATS,
            INVENTORY,
            FULL_INVENTORY,
            INVENTORY_DELTA,
            EQUIPMENT_CANTRIP_STATE,
            PORTAL,
            SPAWN,
            CHAT,
            QUEST,
            RARE,
            NEARBY_OBJECTS,
            COMBAT_STATS,
            DUNGEON_MAP);

    public static boolean isKnown(String type) {
        return KNOWN.contains(type) || type.startsWith(SHARE_PREFIX);
    }

    /** Types the server puts on the live feed itself: refused from plugins, so none can forge them. */
    public static boolean isServerOnly(String type) {
        return SERVER_ONLY.contains(type);
    }

    /** A bounded label for metrics: unknown types share one label so a client cannot explode them. */
    public static String metricLabel(String type) {
        if (KNOWN.contains(type)) return type;
        return type.startsWith(SHARE_PREFIX) ? "share" : "unknown";
    }
}
