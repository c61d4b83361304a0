package dev.overlord.protocol;

import com.typesafe.config.Config;
import java.util.Set;

/**
 * How many bytes (UTF-8) one plugin frame may take, by type: every type gets {@code frameBytes},
 * and only the types that carry whole inventories or dungeon maps get {@code largeFrameBytes}. A
 * frame over its cap is refused with {@code too_big} and the socket goes on.
 *
 * @param frameBytes the cap of every type not in {@link #LARGE_TYPES} (unknown types included)
 * @param largeFrameBytes the cap of {@link #LARGE_TYPES}; the socket's own message cap should not be
 *     lower
 */
public record FrameLimits(long frameBytes, long largeFrameBytes) {

    /** The types whose frames may be large: a full inventory, a dungeon's floor plan. */
    public static final Set<String> LARGE_TYPES =
            Set.of(FrameTypes.INVENTORY, FrameTypes.FULL_INVENTORY, FrameTypes.DUNGEON_MAP);

    public static final FrameLimits DEFAULT = new FrameLimits(64 * 1024, 8 * 1024 * 1024);

    public FrameLimits {
        if (frameBytes <= 0 || largeFrameBytes < frameBytes) {
            throw new IllegalArgumentException("frame limits need 0 < frame-size <= large-frame-size, not " + frameBytes
                    + " and " + largeFrameBytes);
        }
    }

    /** Reads {@code frame-size} and {@code large-frame-size} of the plugin section. */
    public static FrameLimits from(Config plugin) {
        return new FrameLimits(plugin.getBytes("frame-size"), plugin.getBytes("large-frame-size"));
    }

    public long capFor(String type) {
        return LARGE_TYPES.contains(type) ? largeFrameBytes : frameBytes;
    }

    /** The one line a plugin reads when its frame is over the cap; never the payload. */
    String tooBig(String type, long cap) {
        String label = FrameTypes.metricLabel(type);
        return (LARGE_TYPES.contains(type) ? label + " frame" : "frame of type '" + label + "'")
                + " larger than its limit of " + cap + " bytes"
                + (LARGE_TYPES.contains(type)
                        ? ""
                        : " (only inventory, full_inventory and dungeon_map frames may reach " + largeFrameBytes
                                + " bytes)");
    }
}
