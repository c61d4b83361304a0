package dev.overlord.character;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the entity remembers of its inventory, kept small: per item id a digest of the item's raw
 * JSON and the plugin's time of its last change, and the ids removed recently with the time of
 * their removal, so a late snapshot or a late delta cannot bring back what a newer report changed.
 * The items themselves live only in the journal's events and on the read side.
 *
 * @param version the number of inventory changes journaled (0 before the first)
 * @param items by item id, the item's digest and reported time
 * @param removed by item id, when it was reported removed; at most {@link #TOMBSTONES}, newest kept
 */
public record InventoryFacts(long version, Map<Long, Mark> items, Map<Long, Instant> removed) {

    /** Removed ids remembered; an older report about an id forgotten since reads as new. */
    public static final int TOMBSTONES = 512;

    public static final InventoryFacts NONE = new InventoryFacts(0, Map.of(), Map.of());

    public InventoryFacts {
        items = items == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(items));
        removed = removed == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(removed));
    }

    /** An item's digest and the plugin's time of its last journaled change. */
    public record Mark(String digest, Instant reportedAt) {}

    /** Applies one journaled change. */
    InventoryFacts apply(CharacterEvent.InventoryChanged e) {
        Map<Long, Mark> nextItems = new HashMap<>(items);
        Map<Long, Instant> nextRemoved = new HashMap<>(removed);
        for (String raw : e.upserts()) {
            Long id = InventoryDecisions.idOf(raw);
            if (id == null) continue;
            nextItems.put(id, new Mark(InventoryDecisions.digest(raw), e.reportedAt()));
            nextRemoved.remove(id);
        }
        for (Long id : e.removed()) {
            nextItems.remove(id);
            nextRemoved.put(id, e.reportedAt());
        }
        if (nextRemoved.size() > TOMBSTONES) {
            List<Map.Entry<Long, Instant>> byAge = new ArrayList<>(nextRemoved.entrySet());
            byAge.sort(Map.Entry.comparingByValue());
            for (int i = 0; i < byAge.size() - TOMBSTONES; i++)
                nextRemoved.remove(byAge.get(i).getKey());
        }
        return new InventoryFacts(e.version(), nextItems, nextRemoved);
    }

    // ---- the compact stored form: "id digest epochMillis" per item ----

    /** As a snapshot stores it: one short text per item and per removed id, never the item's JSON. */
    Stored stored() {
        List<String> is = new ArrayList<>(items.size());
        items.forEach(
                (id, m) -> is.add(id + " " + m.digest() + " " + m.reportedAt().toEpochMilli()));
        List<String> rs = new ArrayList<>(removed.size());
        removed.forEach((id, at) -> rs.add(id + " " + at.toEpochMilli()));
        Collections.sort(is);
        Collections.sort(rs);
        return new Stored(version, is, rs);
    }

    static InventoryFacts fromStored(Stored s) {
        if (s == null) return NONE;
        Map<Long, Mark> is = new HashMap<>();
        for (String line : s.items() == null ? List.<String>of() : s.items()) {
            String[] p = line.split(" ");
            is.put(Long.parseLong(p[0]), new Mark(p[1], Instant.ofEpochMilli(Long.parseLong(p[2]))));
        }
        Map<Long, Instant> rs = new HashMap<>();
        for (String line : s.removed() == null ? List.<String>of() : s.removed()) {
            String[] p = line.split(" ");
            rs.put(Long.parseLong(p[0]), Instant.ofEpochMilli(Long.parseLong(p[1])));
        }
        return new InventoryFacts(s.version(), is, rs);
    }

    /** The inventory part of a stored snapshot: these names are as durable as the events' own. */
    record Stored(long version, List<String> items, List<String> removed) {}
}
