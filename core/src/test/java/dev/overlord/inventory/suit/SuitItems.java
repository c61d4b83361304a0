package dev.overlord.inventory.suit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.overlord.inventory.Item;
import dev.overlord.inventory.OwnedItem;
import dev.overlord.inventory.Slot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds items and requests for suitbuilder tests. */
final class SuitItems {
    private SuitItems() {}

    static OwnedItem owned(
            String character,
            long id,
            Set<Slot> coverage,
            String set,
            int armorLevel,
            List<String> spells,
            Map<String, Integer> ratings) {
        String objectClass = coverage.stream().anyMatch(Slot.ARMOUR::contains) ? "Armor" : "Jewelry";
        return new OwnedItem(
                character,
                new Item(
                        id,
                        "item " + id,
                        objectClass,
                        0,
                        false,
                        Set.of(),
                        coverage,
                        null,
                        set,
                        armorLevel,
                        null,
                        null,
                        null,
                        null,
                        null,
                        spells,
                        ratings,
                        null,
                        null,
                        null,
                        null,
                        1,
                        null,
                        JsonNodeFactory.instance.objectNode()));
    }

    static OwnedItem piece(long id, Set<Slot> coverage, String set, int armorLevel, String... spells) {
        return owned("Alice", id, coverage, set, armorLevel, List.of(spells), Map.of());
    }

    static SuitRequest request(String primary, int pieces, int results, String... cantrips) {
        return new SuitRequest(
                primary == null ? null : new SuitRequest.WantedSet(primary, pieces),
                null,
                List.of(cantrips),
                List.of(),
                Map.of(),
                Map.of(),
                results,
                Duration.ofSeconds(30));
    }
}
