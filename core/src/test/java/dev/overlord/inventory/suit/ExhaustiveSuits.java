package dev.overlord.inventory.suit;

import dev.overlord.inventory.Item;
import dev.overlord.inventory.OwnedItem;
import dev.overlord.inventory.Slot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The suitbuilder's reference: tries every way of wearing every subset of the items, keeps those
 * meeting the constraints and scores them by the documented formula, written out again here.
 */
final class ExhaustiveSuits {
    private ExhaustiveSuits() {}

    /** The best {@code request.results()} scores over distinct item sets, best first. */
    static List<Long> bestScores(SuitRequest request, List<OwnedItem> items) {
        Map<Set<Long>, Long> combos = new HashMap<>();
        List<OwnedItem> wearable = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        for (OwnedItem o : items)
            if (!SuitSearch.placements(o.item()).isEmpty() && ids.add(o.item().id())) wearable.add(o);
        walk(request, wearable, 0, EnumSet.noneOf(Slot.class), new ArrayList<>(), combos);
        return combos.values().stream()
                .sorted((a, b) -> Long.compare(b, a))
                .limit(request.results())
                .toList();
    }

    private static void walk(
            SuitRequest request,
            List<OwnedItem> items,
            int at,
            EnumSet<Slot> taken,
            List<Placed> chosen,
            Map<Set<Long>, Long> combos) {
        if (at == items.size()) {
            Long score = score(request, chosen);
            if (score != null) {
                Set<Long> key = new TreeSet<>();
                for (Placed p : chosen) key.add(p.item().id());
                combos.merge(key, score, Math::max);
            }
            return;
        }
        Item item = items.get(at).item();
        Slot lockedAt = null;
        for (Map.Entry<Slot, Long> e : request.locked().entrySet())
            if (e.getValue() == item.id()) lockedAt = e.getKey();
        if (lockedAt == null) walk(request, items, at + 1, taken, chosen, combos);
        for (Map.Entry<Slot, Set<Slot>> p : SuitSearch.placements(item).entrySet()) {
            if (lockedAt != null && p.getKey() != lockedAt) continue;
            if (p.getValue().stream().anyMatch(taken::contains)) continue;
            // a slot locked to another item is not free for this one
            boolean lockedForOther = false;
            for (Map.Entry<Slot, Long> e : request.locked().entrySet())
                if (p.getKey() == e.getKey() && e.getValue() != item.id()) lockedForOther = true;
            if (lockedForOther) continue;
            EnumSet<Slot> next = EnumSet.copyOf(taken);
            next.addAll(p.getValue());
            chosen.add(new Placed(item, p.getKey()));
            walk(request, items, at + 1, next, chosen, combos);
            chosen.remove(chosen.size() - 1);
        }
    }

    private record Placed(Item item, Slot slot) {}

    /** The score of a combination, or null when it breaks a constraint. */
    static Long score(SuitRequest request, List<Placed> chosen) {
        int primary = 0, secondary = 0;
        Map<String, Long> ratings = new HashMap<>();
        long armor = 0, ratingPoints = 0;
        Map<String, Integer> carriers = new HashMap<>();
        for (Placed p : chosen) {
            Item it = p.item();
            if (request.primary() != null && request.primary().name().equalsIgnoreCase(it.armorSet())) primary++;
            if (request.secondary() != null && request.secondary().name().equalsIgnoreCase(it.armorSet())) secondary++;
            it.ratings().forEach((k, v) -> ratings.merge(k, (long) Math.max(0, v), Long::sum));
            armor += it.armorLevel() == null ? 0 : Math.max(0, Math.min(5_000, it.armorLevel()));
            for (int v : it.ratings().values()) ratingPoints += Math.max(0, Math.min(100, v));
            for (String s : new HashSet<>(
                    it.spells().stream().map(x -> x.toLowerCase(Locale.ROOT)).toList()))
                carriers.merge(s, 1, Integer::sum);
        }
        if (request.primary() != null && primary < request.primary().pieces()) return null;
        if (request.secondary() != null && secondary < request.secondary().pieces()) return null;
        for (Map.Entry<String, Integer> m : request.minRatings().entrySet())
            if (ratings.getOrDefault(m.getKey(), 0L) < m.getValue()) return null;
        Set<String> wanted = new HashSet<>();
        request.cantrips().forEach(s -> wanted.add(s.toLowerCase(Locale.ROOT)));
        request.spells().forEach(s -> wanted.add(s.toLowerCase(Locale.ROOT)));
        long covered = 0, wasted = 0;
        for (String w : wanted) {
            int c = carriers.getOrDefault(w, 0);
            if (c > 0) covered++;
            if (c > 1) wasted += c - 1;
        }
        return 1_000_000 * covered + armor + 10 * ratingPoints - 200 * wasted;
    }

    /** The score of a suit the search returned, recomputed; null when it breaks a constraint. */
    static Long rescore(SuitRequest request, Suit suit) {
        List<Placed> chosen = new ArrayList<>();
        for (Suit.Pick p : suit.picks()) chosen.add(new Placed(p.owned().item(), p.slot()));
        return score(request, chosen);
    }
}
