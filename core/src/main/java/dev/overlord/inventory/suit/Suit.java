package dev.overlord.inventory.suit;

import dev.overlord.inventory.OwnedItem;
import dev.overlord.inventory.Slot;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One combination of worn items the suitbuilder found, with what it scores on.
 *
 * @param score the ranking score ({@link SuitSearch} documents how it is made)
 * @param picks the items, each with the slot it was placed in and the slots it blocks
 * @param sets pieces per armour set name
 * @param covered the wanted spells the suit carries
 * @param missing the wanted spells it lacks
 * @param overlapping spells carried by more than one item (all but one copy are wasted)
 * @param armorLevel total armour level
 * @param ratings rating totals by name
 */
public record Suit(
        long score,
        List<Pick> picks,
        Map<String, Integer> sets,
        List<String> covered,
        List<String> missing,
        List<String> overlapping,
        long armorLevel,
        Map<String, Long> ratings) {

    /** An item placed in a slot; {@code blocks} holds every slot it takes. */
    public record Pick(Slot slot, Set<Slot> blocks, OwnedItem owned) {}
}
