package dev.overlord.inventory.suit;

import dev.overlord.inventory.Slot;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a suitbuilder search is asked for: the armour set(s) wanted, the spells that should be
 * covered, slots locked to given items, minimum rating totals and how many suits to return.
 *
 * @param primary the main armour set and how many pieces of it at least
 * @param secondary a second armour set and its pieces, null when none
 * @param cantrips cantrip names the suit should carry (case-insensitive)
 * @param spells other spell names the suit should carry, counted like cantrips
 * @param locked slots held by a given item id
 * @param minRatings rating totals the suit must reach, by {@code Item.RATINGS} name
 * @param results how many distinct suits to keep (the best first)
 * @param timeLimit how long the search may run
 */
public record SuitRequest(
        WantedSet primary,
        WantedSet secondary,
        List<String> cantrips,
        List<String> spells,
        Map<Slot, Long> locked,
        Map<String, Integer> minRatings,
        int results,
        Duration timeLimit) {

    /** An armour set and the number of its pieces the suit must hold at least. */
    public record WantedSet(String name, int pieces) {}

    public SuitRequest {
        cantrips = List.copyOf(cantrips);
        spells = List.copyOf(spells);
        locked = Map.copyOf(locked);
        minRatings = Map.copyOf(minRatings);
        if (results < 1) throw new IllegalArgumentException("results must be at least 1");
    }
}
