package dev.overlord.character;

import java.time.Instant;
import java.util.List;

/**
 * Where a character's inventory changes go live the moment they are journaled (the live hub's
 * {@code inventory_delta} notices). The read side's tables are the projection's, which reads the
 * journal.
 */
@FunctionalInterface
public interface InventoryFeed {

    InventoryFeed NONE = (characterName, change) -> {};

    void changed(String characterName, Change change);

    /**
     * One journaled inventory change as browsers hear of it.
     *
     * @param action {@code add} or {@code update} (with {@code item}), {@code remove} (with
     *     {@code itemId}), or {@code snapshot} (with the counts)
     * @param item the item's raw JSON text, as reported
     */
    record Change(
            Instant at, long version, String action, String item, Long itemId, int added, int updated, int removed) {}

    /** What journaling {@code events} onto {@code state} tells the feed, in order. */
    static void tell(InventoryFeed feed, CharacterState state, List<CharacterEvent> events) {
        CharacterState s = state;
        for (CharacterEvent e : events) {
            if (e instanceof CharacterEvent.InventoryChanged c) feed.changed(s.name(), change(s.inventory(), c));
            s = s.evolve(e);
        }
    }

    private static Change change(InventoryFacts before, CharacterEvent.InventoryChanged c) {
        int added = 0;
        int updated = 0;
        for (String raw : c.upserts()) {
            Long id = InventoryDecisions.idOf(raw);
            if (id != null && before.items().containsKey(id)) updated++;
            else added++;
        }
        if (c.snapshot())
            return new Change(
                    c.at(),
                    c.version(),
                    "snapshot",
                    null,
                    null,
                    added,
                    updated,
                    c.removed().size());
        if (!c.upserts().isEmpty()) {
            return new Change(
                    c.at(),
                    c.version(),
                    updated > 0 ? "update" : "add",
                    c.upserts().get(0),
                    null,
                    0,
                    0,
                    0);
        }
        return new Change(
                c.at(),
                c.version(),
                "remove",
                null,
                c.removed().isEmpty() ? null : c.removed().get(0),
                0,
                0,
                0);
    }
}
