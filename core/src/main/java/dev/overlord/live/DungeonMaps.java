package dev.overlord.live;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest dungeon_map frame per landblock, least recently used first out, bounded both by count
 * and by characters of text (a dungeon map may be megabytes). Thread-safe.
 */
final class DungeonMaps {
    private final int maxCount;
    private final long budgetChars;
    private final LinkedHashMap<String, String> byLandblock = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;

    DungeonMaps(int maxCount, long budgetChars) {
        this.maxCount = maxCount;
        this.budgetChars = budgetChars;
    }

    synchronized void put(String landblock, String json) {
        String previous = byLandblock.put(landblock, json);
        if (previous != null) chars -= previous.length();
        chars += json.length();
        Iterator<Map.Entry<String, String>> eldest = byLandblock.entrySet().iterator();
        // The map just put is the most recent, so it is the last to go (and only if alone over budget).
        while ((byLandblock.size() > maxCount || chars > budgetChars) && byLandblock.size() > 1) {
            chars -= eldest.next().getValue().length();
            eldest.remove();
        }
    }

    synchronized Optional<String> get(String landblock) {
        return Optional.ofNullable(byLandblock.get(landblock));
    }

    synchronized long chars() {
        return chars;
    }

    synchronized int size() {
        return byLandblock.size();
    }
}
