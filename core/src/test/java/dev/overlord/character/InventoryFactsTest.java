package dev.overlord.character;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.character.CharacterEvent.InventoryChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inventory facts follow the journaled changes, and their memory of removed ids stays bounded. */
class InventoryFactsTest {

    static final Instant T0 = Instant.parse("2025-06-14T08:00:00Z");

    @Test
    void removedIdsAreRememberedUpToTheBoundNewestKept() {
        List<String> items = new ArrayList<>();
        for (long id = 1; id <= 600; id++) items.add("{\"id\":" + id + "}");
        InventoryFacts facts = InventoryFacts.NONE.apply(new InventoryChanged(T0, 1, T0, true, items, List.of()));
        assertEquals(600, facts.items().size());
        for (long id = 1; id <= 600; id++) {
            Instant at = T0.plusSeconds(id);
            facts = facts.apply(new InventoryChanged(at, 1 + id, at, false, List.of(), List.of(id)));
        }
        assertEquals(601, facts.version());
        assertTrue(facts.items().isEmpty());
        assertEquals(InventoryFacts.TOMBSTONES, facts.removed().size());
        assertFalse(facts.removed().containsKey(88L), "the oldest removals are forgotten first");
        assertTrue(facts.removed().containsKey(600L));
        assertEquals(facts, InventoryFacts.fromStored(facts.stored()));
    }

    @Test
    void anItemAddedAgainIsNoLongerRemoved() {
        InventoryFacts facts = InventoryFacts.NONE
                .apply(new InventoryChanged(T0, 1, T0, false, List.of("{\"id\":5,\"name\":\"Ring\"}"), List.of()))
                .apply(new InventoryChanged(T0, 2, T0.plusSeconds(1), false, List.of(), List.of(5L)))
                .apply(new InventoryChanged(
                        T0, 3, T0.plusSeconds(2), false, List.of("{\"id\":5,\"name\":\"Ring\"}"), List.of()));
        assertEquals(List.of(5L), List.copyOf(facts.items().keySet()));
        assertTrue(facts.removed().isEmpty());
        assertEquals(T0.plusSeconds(2), facts.items().get(5L).reportedAt());
    }
}
