package dev.overlord.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.overlord.inventory.Item;
import dev.overlord.inventory.OwnedItem;
import dev.overlord.inventory.Slot;
import dev.overlord.inventory.suit.Suit;
import dev.overlord.inventory.suit.SuitListener;
import dev.overlord.inventory.suit.SuitRequest;
import dev.overlord.inventory.suit.SuitSearch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Times the suitbuilder over a fleet-sized pool (20 characters with 200 items each, armour,
 * jewellery, underclothes and the rest): time to the first suit, the longest gap between two
 * progress calls, and the whole search. Arguments: [characters] [items each] [time limit s] [seed].
 */
public final class SuitbuilderBench {
    private static final List<Set<Slot>> ARMOUR = List.of(
            Set.of(Slot.HEAD),
            Set.of(Slot.HANDS),
            Set.of(Slot.FEET),
            Set.of(Slot.CHEST),
            Set.of(Slot.ABDOMEN),
            Set.of(Slot.UPPER_ARMS),
            Set.of(Slot.LOWER_ARMS),
            Set.of(Slot.UPPER_LEGS),
            Set.of(Slot.LOWER_LEGS),
            Set.of(Slot.CHEST, Slot.UPPER_ARMS, Slot.LOWER_ARMS),
            Set.of(Slot.CHEST, Slot.ABDOMEN),
            Set.of(Slot.CHEST, Slot.ABDOMEN, Slot.UPPER_ARMS, Slot.LOWER_ARMS),
            Set.of(Slot.UPPER_ARMS, Slot.LOWER_ARMS),
            Set.of(Slot.ABDOMEN, Slot.UPPER_LEGS, Slot.LOWER_LEGS),
            Set.of(Slot.UPPER_LEGS, Slot.LOWER_LEGS),
            Set.of(Slot.LOWER_LEGS, Slot.FEET));
    private static final List<Set<Slot>> OTHER = List.of(
            Set.of(Slot.NECK),
            Set.of(Slot.LEFT_FINGER, Slot.RIGHT_FINGER),
            Set.of(Slot.LEFT_WRIST, Slot.RIGHT_WRIST),
            Set.of(Slot.SHIRT),
            Set.of(Slot.PANTS),
            Set.of(Slot.TRINKET),
            Set.of(Slot.CLOAK));
    private static final List<String> SETS = List.of(
            "Soldier's Set",
            "Adept's Set",
            "Archer's Set",
            "Defender's Set",
            "Tinker's Set",
            "Crafter's Set",
            "Hearty Set",
            "Dexterous Set",
            "Wise Set",
            "Swift Set");
    private static final List<String> CANTRIPS = List.of(
            "Legendary Strength",
            "Legendary Endurance",
            "Legendary Coordination",
            "Legendary Quickness",
            "Legendary Focus",
            "Legendary Willpower",
            "Legendary Invulnerability",
            "Legendary Impenetrability",
            "Epic Strength",
            "Epic Endurance",
            "Epic Coordination",
            "Epic Quickness",
            "Epic Focus",
            "Epic Willpower",
            "Epic Heavy Weapon Aptitude",
            "Epic Finesse Weapon Aptitude",
            "Major Armor",
            "Major Flame Ward",
            "Major Frost Ward",
            "Major Acid Ward",
            "Major Storm Ward",
            "Major Blade Ward",
            "Major Bludgeoning Ward",
            "Major Piercing Ward",
            "Legendary Magic Resistance",
            "Legendary Life Magic Aptitude",
            "Legendary War Magic Aptitude",
            "Legendary Summoning Prowess");

    private SuitbuilderBench() {}

    public static void main(String[] args) {
        int characters = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int each = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 12;
        List<OwnedItem> items = pool(new Random(seed), characters, each);
        SuitRequest request = new SuitRequest(
                new SuitRequest.WantedSet("Soldier's Set", 5),
                new SuitRequest.WantedSet("Adept's Set", 3),
                List.of(
                        "Legendary Strength",
                        "Legendary Endurance",
                        "Legendary Coordination",
                        "Legendary Quickness",
                        "Legendary Focus",
                        "Legendary Willpower",
                        "Major Armor",
                        "Legendary Invulnerability"),
                List.of(),
                Map.of(),
                Map.of("crit_damage", 4),
                5,
                Duration.ofSeconds(limit));
        // warm the code up on a smaller pool first, as a running server would be
        SuitSearch.run(request, pool(new Random(seed + 1), 5, 200), SuitListener.NONE, () -> false);

        long start = System.nanoTime();
        long[] first = {-1};
        long[] lastEvent = {start};
        long[] maxGap = {0};
        int[] progressCalls = {0};
        SuitListener listener = new SuitListener() {
            @Override
            public void progress(long checked, long elapsedMs, Long bestScore) {
                long now = System.nanoTime();
                maxGap[0] = Math.max(maxGap[0], now - lastEvent[0]);
                lastEvent[0] = now;
                progressCalls[0]++;
            }

            @Override
            public void result(int rank, Suit suit) {
                if (first[0] < 0) first[0] = System.nanoTime() - start;
            }
        };
        SuitSearch.Outcome outcome = SuitSearch.run(request, items, listener, () -> false);
        long end = System.nanoTime();
        maxGap[0] = Math.max(maxGap[0], end - lastEvent[0]);
        System.out.printf(
                "suitbuilder: %d characters x %d items (%d items), limit %d s: first result %.1f ms,"
                        + " longest progress gap %.1f ms (%d progress calls), whole search %.1f ms (%s), %,d steps,"
                        + " best score %s%n",
                characters,
                each,
                items.size(),
                limit,
                first[0] / 1e6,
                maxGap[0] / 1e6,
                progressCalls[0],
                (end - start) / 1e6,
                outcome.reason(),
                outcome.checked(),
                outcome.suits().isEmpty()
                        ? "none"
                        : outcome.suits().get(0).score() + " missing "
                                + outcome.suits().get(0).missing());
    }

    static List<OwnedItem> pool(Random rnd, int characters, int each) {
        List<OwnedItem> items = new ArrayList<>();
        long id = 1;
        for (int c = 0; c < characters; c++) {
            for (int i = 0; i < each; i++) {
                int kind = rnd.nextInt(100);
                Set<Slot> coverage;
                String objectClass;
                if (kind < 40) {
                    coverage = ARMOUR.get(rnd.nextInt(ARMOUR.size()));
                    objectClass = "Armor";
                } else if (kind < 60) {
                    coverage = OTHER.get(rnd.nextInt(OTHER.size()));
                    objectClass =
                            coverage.contains(Slot.SHIRT) || coverage.contains(Slot.PANTS) ? "Clothing" : "Jewelry";
                } else {
                    coverage = Set.of();
                    objectClass = "MeleeWeapon";
                }
                boolean armour = objectClass.equals("Armor");
                List<String> spells = new ArrayList<>();
                for (int s = rnd.nextInt(armour ? 5 : 3); s > 0; s--)
                    spells.add(CANTRIPS.get(rnd.nextInt(CANTRIPS.size())));
                Map<String, Integer> ratings = new HashMap<>();
                if (rnd.nextInt(4) == 0) ratings.put("crit_damage", 1 + rnd.nextInt(3));
                if (rnd.nextInt(4) == 0) ratings.put("damage", 1 + rnd.nextInt(3));
                if (rnd.nextInt(6) == 0) ratings.put("damage_resist", 1 + rnd.nextInt(3));
                items.add(new OwnedItem(
                        "Mule" + c,
                        new Item(
                                id++,
                                objectClass + " " + id,
                                objectClass,
                                0,
                                false,
                                Set.of(),
                                coverage,
                                null,
                                armour && rnd.nextInt(3) > 0 ? SETS.get(rnd.nextInt(SETS.size())) : null,
                                armour ? 300 + rnd.nextInt(400) : null,
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
                                JsonNodeFactory.instance.objectNode())));
            }
        }
        return items;
    }
}
