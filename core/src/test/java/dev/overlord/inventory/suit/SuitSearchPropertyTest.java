package dev.overlord.inventory.suit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.inventory.OwnedItem;
import dev.overlord.inventory.Slot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The suitbuilder finds the same best scores as trying every combination, on small random pools. */
class SuitSearchPropertyTest {
    private static final List<Set<Slot>> COVERAGES = List.of(
            Set.of(Slot.HEAD),
            Set.of(Slot.CHEST),
            Set.of(Slot.CHEST, Slot.ABDOMEN),
            Set.of(Slot.CHEST, Slot.UPPER_ARMS, Slot.LOWER_ARMS),
            Set.of(Slot.UPPER_ARMS, Slot.LOWER_ARMS),
            Set.of(Slot.ABDOMEN),
            Set.of(Slot.HANDS),
            Set.of(Slot.UPPER_LEGS, Slot.LOWER_LEGS),
            Set.of(Slot.ABDOMEN, Slot.UPPER_LEGS, Slot.LOWER_LEGS),
            Set.of(Slot.FEET),
            Set.of(Slot.LOWER_LEGS, Slot.FEET),
            Set.of(Slot.SHIRT),
            Set.of(Slot.PANTS),
            Set.of(Slot.NECK),
            Set.of(Slot.LEFT_FINGER, Slot.RIGHT_FINGER),
            Set.of(Slot.LEFT_FINGER, Slot.RIGHT_FINGER),
            Set.of(Slot.LEFT_WRIST, Slot.RIGHT_WRIST),
            Set.of(Slot.TRINKET),
            Set.of(Slot.CLOAK));
    private static final List<String> SPELLS =
            List.of("Major Strength", "Epic Defender", "Legendary Focus", "Minor Armor", "Major Flame Ward");
    private static final List<String> SETS = List.of("Soldier's Set", "Adept's Set");

    @Property(tries = 100)
    void findsTheSameBestScoresAsTryingEverything(@ForAll long seed) {
        check(seed, COVERAGES);
    }

    /** Few kinds of item, so that many are dominated and dropped before the search. */
    @Property(tries = 100)
    void dropsOnlyItemsThatCannotChangeTheBestScores(@ForAll long seed) {
        check(seed, List.of(Set.of(Slot.HEAD), Set.of(Slot.LEFT_FINGER, Slot.RIGHT_FINGER), Set.of(Slot.NECK)));
    }

    private static void check(long seed, List<Set<Slot>> coverages) {
        Random rnd = new Random(seed);
        List<OwnedItem> items = pool(rnd, coverages);
        SuitRequest request = request(rnd, items);
        List<Long> expected = ExhaustiveSuits.bestScores(request, items);

        SuitSearch.Outcome outcome = SuitSearch.run(request, items, SuitListener.NONE, () -> false);

        assertEquals(SuitSearch.Reason.COMPLETE, outcome.reason());
        assertEquals(expected, outcome.suits().stream().map(Suit::score).toList(), () -> "seed " + seed);
        Set<Set<Long>> distinct = new HashSet<>();
        for (Suit suit : outcome.suits()) {
            Long rescored = ExhaustiveSuits.rescore(request, suit);
            assertNotNull(rescored, "a returned suit breaks a constraint");
            assertEquals(rescored, suit.score());
            EnumSet<Slot> taken = EnumSet.noneOf(Slot.class);
            Set<Long> ids = new TreeSet<>();
            for (Suit.Pick p : suit.picks()) {
                for (Slot s : p.blocks()) assertTrue(taken.add(s), "two items on " + s);
                assertTrue(ids.add(p.owned().item().id()), "one item worn twice");
            }
            request.locked()
                    .forEach((slot, id) -> assertTrue(suit.picks().stream()
                            .anyMatch(p -> p.slot() == slot && p.owned().item().id() == id)));
            assertTrue(distinct.add(ids), "the same suit twice");
        }
    }

    static List<OwnedItem> pool(Random rnd, List<Set<Slot>> coverages) {
        List<OwnedItem> items = new ArrayList<>();
        int characters = 2 + rnd.nextInt(2);
        int count = 10 + rnd.nextInt(11);
        for (int i = 0; i < count; i++) {
            Set<Slot> coverage = coverages.get(rnd.nextInt(coverages.size()));
            boolean armour = coverage.stream().anyMatch(Slot.ARMOUR::contains);
            String set = armour && rnd.nextInt(3) > 0 ? SETS.get(rnd.nextInt(SETS.size())) : null;
            List<String> spells = new ArrayList<>();
            for (int s = rnd.nextInt(3); s > 0; s--) spells.add(SPELLS.get(rnd.nextInt(SPELLS.size())));
            Map<String, Integer> ratings = new HashMap<>();
            if (rnd.nextInt(3) == 0) ratings.put("crit_damage", 1 + rnd.nextInt(3));
            if (rnd.nextInt(4) == 0) ratings.put("damage", 1 + rnd.nextInt(2));
            items.add(SuitItems.owned(
                    "Mule" + rnd.nextInt(characters),
                    1000 + i,
                    coverage,
                    set,
                    armour ? 100 * rnd.nextInt(4) : 0,
                    spells,
                    ratings));
        }
        return items;
    }

    static SuitRequest request(Random rnd, List<OwnedItem> items) {
        SuitRequest.WantedSet primary =
                rnd.nextBoolean() ? new SuitRequest.WantedSet(SETS.get(0), rnd.nextInt(4)) : null;
        SuitRequest.WantedSet secondary =
                rnd.nextInt(3) == 0 ? new SuitRequest.WantedSet(SETS.get(1), rnd.nextInt(3)) : null;
        List<String> cantrips = new ArrayList<>();
        for (int s = rnd.nextInt(4); s > 0; s--) cantrips.add(SPELLS.get(rnd.nextInt(SPELLS.size())));
        Map<String, Integer> min = rnd.nextInt(4) == 0 ? Map.of("crit_damage", 1 + rnd.nextInt(3)) : Map.of();
        Map<Slot, Long> locked = new HashMap<>();
        if (rnd.nextInt(3) == 0) {
            OwnedItem o = items.get(rnd.nextInt(items.size()));
            List<Slot> slots = new ArrayList<>(SuitSearch.placements(o.item()).keySet());
            locked.put(slots.get(rnd.nextInt(slots.size())), o.item().id());
        }
        return new SuitRequest(
                primary,
                secondary,
                cantrips,
                rnd.nextBoolean() ? List.of("major strength") : List.of(),
                locked,
                min,
                1 + rnd.nextInt(3),
                Duration.ofSeconds(60));
    }
}
