package dev.overlord.inventory.suit;

import dev.overlord.inventory.Item;
import dev.overlord.inventory.OwnedItem;
import dev.overlord.inventory.Slot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The suitbuilder: finds the best combinations of worn items (armour, underclothes, jewellery,
 * trinket, cloak) from a pool of owned items, by a depth-first branch-and-bound search.
 *
 * <p><b>Fitting.</b> An item covering armour areas takes all of them at once (a coat blocks chest,
 * abdomen and arms). A shirt or pants item takes its own layer slot. A ring fits either finger, a
 * bracelet either wrist. Each slot holds at most one item and no two items share a slot.
 *
 * <p><b>Constraints</b> (a suit breaking one is never returned): at least the wanted pieces of the
 * primary and secondary set, the locked items in their slots, each minimum rating total reached.
 *
 * <p><b>Score</b> (higher is better), so that the terms rank in this order:
 * {@code 1,000,000 x wanted spells covered + armour level + 10 x rating points - 200 x wasted
 * copies}, where each item's armour level counts up to 5,000 and each of its ratings up to 100
 * (so the armour and rating terms stay below one covered spell), and a wasted copy is a wanted
 * spell carried by one more item than needed. Spells carried twice that were not asked for are
 * reported as overlapping but cost nothing.
 *
 * <p><b>Search.</b> Slots are visited fewest candidates first; each slot is filled by an item
 * that fits among the slots still free, or left empty (then no later item may take it), so each
 * combination is seen once. A branch is cut when the sets or ratings can no longer be met, or
 * when an upper bound on its score (spells still available, but no more per free slot than its
 * richest candidate carries; the best share of armour and ratings per free slot) cannot beat the
 * worst suit kept. Items with at least {@code results + 2} items
 * that fit the same way and are as good in everything are dropped before the search.
 */
public final class SuitSearch {
    /** The most time between two progress calls, in milliseconds. */
    public static final long PROGRESS_EVERY_MS = 100;

    static final long SPELL_WEIGHT = 1_000_000;
    static final long RATING_WEIGHT = 10;
    static final long OVERLAP_PENALTY = 200;
    static final int MAX_ARMOR = 5_000;
    static final int MAX_RATING = 100;
    /** The most wanted spells (cantrips and spells together) a request may name. */
    public static final int MAX_WANTED = 62;

    private static final Slot[] SLOTS = Slot.values();
    private static final int NO_PICK = -1;

    /** Why a search ended. */
    public enum Reason {
        COMPLETE,
        TIME_LIMIT,
        CANCELLED
    }

    /** How a search ended: the reason, partial combinations examined, time, and the suits kept. */
    public record Outcome(Reason reason, long checked, long elapsedMs, List<Suit> suits) {}

    private SuitSearch() {}

    /**
     * The slots an item may be placed in, each with every slot it then blocks; empty when it is
     * not worn (a weapon, a pack, an item without coverage).
     */
    public static Map<Slot, Set<Slot>> placements(Item item) {
        Set<Slot> cov = item.coverage();
        Map<Slot, Set<Slot>> out = new EnumMap<>(Slot.class);
        if (cov.isEmpty()) return out;
        if (cov.contains(Slot.SHIRT)) {
            out.put(Slot.SHIRT, EnumSet.of(Slot.SHIRT));
            return out;
        }
        if (cov.contains(Slot.PANTS)) {
            out.put(Slot.PANTS, EnumSet.of(Slot.PANTS));
            return out;
        }
        EnumSet<Slot> areas = EnumSet.noneOf(Slot.class);
        for (Slot s : cov) if (Slot.ARMOUR.contains(s)) areas.add(s);
        if (!areas.isEmpty()) {
            Set<Slot> blocks = Set.copyOf(areas);
            for (Slot s : areas) out.put(s, blocks);
            return out;
        }
        for (Slot s : List.of(Slot.NECK, Slot.TRINKET, Slot.CLOAK)) if (cov.contains(s)) out.put(s, Set.of(s));
        if (cov.contains(Slot.LEFT_WRIST) || cov.contains(Slot.RIGHT_WRIST)) {
            out.put(Slot.LEFT_WRIST, Set.of(Slot.LEFT_WRIST));
            out.put(Slot.RIGHT_WRIST, Set.of(Slot.RIGHT_WRIST));
        }
        if (cov.contains(Slot.LEFT_FINGER) || cov.contains(Slot.RIGHT_FINGER)) {
            out.put(Slot.LEFT_FINGER, Set.of(Slot.LEFT_FINGER));
            out.put(Slot.RIGHT_FINGER, Set.of(Slot.RIGHT_FINGER));
        }
        return out;
    }

    /** Why the request cannot run over these items (a locked item missing or misplaced), or empty. */
    public static Optional<String> check(SuitRequest request, List<OwnedItem> items) {
        int wanted = wantedNames(request).size();
        if (wanted > MAX_WANTED) return Optional.of("at most " + MAX_WANTED + " cantrips and spells");
        Map<Long, Item> byId = new HashMap<>();
        for (OwnedItem o : items) byId.putIfAbsent(o.item().id(), o.item());
        EnumSet<Slot> taken = EnumSet.noneOf(Slot.class);
        Set<Long> used = new HashSet<>();
        for (Map.Entry<Slot, Long> e : new TreeMap<>(request.locked()).entrySet()) {
            Item item = byId.get(e.getValue());
            if (item == null) return Optional.of("locked item " + e.getValue() + " is not among the characters' items");
            Set<Slot> blocks = placements(item).get(e.getKey());
            if (blocks == null)
                return Optional.of("locked item " + e.getValue() + " cannot be worn in "
                        + e.getKey().wireName());
            if (!used.add(item.id())) return Optional.of("locked item " + e.getValue() + " is locked twice");
            for (Slot s : blocks) {
                if (!taken.add(s)) return Optional.of("locked items overlap on " + s.wireName());
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a search to the end, the time limit or cancellation, on the calling thread, telling
     * {@code listener} of progress and of each suit entering the best list.
     *
     * @throws IllegalArgumentException when {@link #check} finds a problem
     */
    public static Outcome run(
            SuitRequest request, List<OwnedItem> items, SuitListener listener, BooleanSupplier cancelled) {
        check(request, items).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return new Run(request, items, listener, cancelled).search();
    }

    static List<String> wantedNames(SuitRequest r) {
        LinkedHashMap<String, String> names = new LinkedHashMap<>();
        for (String s : r.cantrips()) names.putIfAbsent(s.toLowerCase(Locale.ROOT), s);
        for (String s : r.spells()) names.putIfAbsent(s.toLowerCase(Locale.ROOT), s);
        return List.copyOf(names.values());
    }

    static long clampedArmor(Item item) {
        Integer al = item.armorLevel();
        return al == null ? 0 : Math.max(0, Math.min(MAX_ARMOR, al));
    }

    static long clampedRatings(Item item) {
        long sum = 0;
        for (int v : item.ratings().values()) sum += Math.max(0, Math.min(MAX_RATING, v));
        return sum;
    }

    /** One search's state; single-threaded. */
    private static final class Run {
        private final SuitRequest request;
        private final SuitListener listener;
        private final BooleanSupplier cancelled;
        private final List<String> wanted;
        private final List<String> ratingNames;
        private final long[] minRating;
        private final int needPrimary;
        private final int needSecondary;

        // per item
        private final List<OwnedItem> pool = new ArrayList<>();
        private long[] value;
        private long[] req;
        private int[] setFlag;
        private long[][] rating; // [item][min rating index]
        private int[][] blockMask; // [item][slot ordinal], 0 when it does not fit there
        private boolean[] used;

        // per slot ordinal
        private final int[][] cand = new int[SLOTS.length][];
        private final long[] maxShare = new long[SLOTS.length];
        private final long[] availReq = new long[SLOTS.length];
        /** The most wanted spells one candidate of the slot carries. */
        private final int[] maxReqBits = new int[SLOTS.length];

        private final int[] hasPrimary = new int[SLOTS.length];
        private final int[] hasSecondary = new int[SLOTS.length];
        private final int[] hasEither = new int[SLOTS.length];
        private long[][] maxRating; // [slot][min rating index]
        private int[] order;
        private final int[] pickAt = new int[SLOTS.length];
        private final boolean[] pairRight = new boolean[SLOTS.length];

        // the fixed part: locked items
        private final List<Integer> lockedPicks = new ArrayList<>();
        private final Map<Integer, Slot> lockedSlot = new HashMap<>();
        private final long[] ratingSum;

        // best list, best first
        private final List<Long> bestScores = new ArrayList<>();
        private final List<Suit> best = new ArrayList<>();

        private final long started = System.nanoTime();
        private final long deadline;
        private long lastProgress = started;
        private long checked;
        private long work; // candidates looked at: the clock is read every few thousand
        private Reason stopped;

        Run(SuitRequest request, List<OwnedItem> items, SuitListener listener, BooleanSupplier cancelled) {
            this.request = request;
            this.listener = listener;
            this.cancelled = cancelled;
            this.wanted = wantedNames(request);
            this.ratingNames = List.copyOf(new TreeMap<>(request.minRatings()).keySet());
            this.minRating = new long[ratingNames.size()];
            for (int m = 0; m < minRating.length; m++)
                minRating[m] = request.minRatings().get(ratingNames.get(m));
            this.ratingSum = new long[ratingNames.size()];
            this.needPrimary = request.primary() == null ? 0 : request.primary().pieces();
            this.needSecondary =
                    request.secondary() == null ? 0 : request.secondary().pieces();
            this.deadline = started + Math.max(0, request.timeLimit().toNanos());
            prepare(items);
        }

        private void prepare(List<OwnedItem> items) {
            Set<Long> lockedIds = new HashSet<>(request.locked().values());
            Set<Long> seen = new HashSet<>();
            for (OwnedItem o : items) {
                if (placements(o.item()).isEmpty() || !seen.add(o.item().id())) continue;
                pool.add(o);
            }
            List<OwnedItem> kept = dropDominated(pool, lockedIds);
            pool.clear();
            pool.addAll(kept);
            int n = pool.size();
            value = new long[n];
            req = new long[n];
            setFlag = new int[n];
            rating = new long[n][ratingNames.size()];
            blockMask = new int[n][SLOTS.length];
            used = new boolean[n];
            Map<String, Integer> wantBit = new HashMap<>();
            for (int b = 0; b < wanted.size(); b++) wantBit.put(wanted.get(b).toLowerCase(Locale.ROOT), b);
            for (int i = 0; i < n; i++) {
                Item item = pool.get(i).item();
                value[i] = clampedArmor(item) + RATING_WEIGHT * clampedRatings(item);
                req[i] = reqMask(item, wantBit);
                setFlag[i] = setFlag(item);
                for (int m = 0; m < ratingNames.size(); m++)
                    rating[i][m] = Math.max(0, item.ratings().getOrDefault(ratingNames.get(m), 0));
                for (Map.Entry<Slot, Set<Slot>> e : placements(item).entrySet())
                    blockMask[i][e.getKey().ordinal()] = mask(e.getValue());
            }
            Arrays.fill(pickAt, NO_PICK);
            int lockedMask = 0;
            for (Map.Entry<Slot, Long> e : new TreeMap<>(request.locked()).entrySet()) {
                for (int i = 0; i < n; i++) {
                    if (pool.get(i).item().id() == e.getValue()) {
                        lockedPicks.add(i);
                        lockedSlot.put(i, e.getKey());
                        used[i] = true;
                        lockedMask |= blockMask[i][e.getKey().ordinal()];
                    }
                }
            }
            this.lockedMask = lockedMask;
            maxRating = new long[SLOTS.length][ratingNames.size()];
            List<Integer> free = new ArrayList<>();
            for (Slot s : SLOTS) {
                int so = s.ordinal();
                if ((lockedMask & (1 << so)) != 0) {
                    cand[so] = new int[0];
                    continue;
                }
                List<Integer> c = new ArrayList<>();
                for (int i = 0; i < n; i++) if (blockMask[i][so] != 0 && !used[i]) c.add(i);
                // set pieces first: the sets are a must, so a first suit comes sooner
                c.sort(Comparator.<Integer>comparingInt(i -> -Integer.bitCount(setFlag[i]))
                        .thenComparingInt(i -> -Long.bitCount(req[i]))
                        .thenComparingLong(i -> -value[i]));
                cand[so] = c.stream().mapToInt(Integer::intValue).toArray();
                for (int i : cand[so]) {
                    maxShare[so] = Math.max(maxShare[so], Math.ceilDiv(value[i], Integer.bitCount(blockMask[i][so])));
                    availReq[so] |= req[i];
                    maxReqBits[so] = Math.max(maxReqBits[so], Long.bitCount(req[i]));
                    if ((setFlag[i] & 1) != 0) hasPrimary[so] = 1;
                    if ((setFlag[i] & 2) != 0) hasSecondary[so] = 1;
                    if (setFlag[i] != 0) hasEither[so] = 1;
                    for (int m = 0; m < ratingNames.size(); m++)
                        maxRating[so][m] = Math.max(maxRating[so][m], rating[i][m]);
                }
                free.add(so);
            }
            free.sort(Comparator.<Integer>comparingInt(so -> cand[so].length).thenComparingInt(so -> so));
            order = free.stream().mapToInt(Integer::intValue).toArray();
            pairRight[Slot.RIGHT_FINGER.ordinal()] =
                    free.contains(Slot.LEFT_FINGER.ordinal()) && free.contains(Slot.RIGHT_FINGER.ordinal());
            pairRight[Slot.RIGHT_WRIST.ordinal()] =
                    free.contains(Slot.LEFT_WRIST.ordinal()) && free.contains(Slot.RIGHT_WRIST.ordinal());
        }

        private int lockedMask;

        /** Drops items that at least {@code results + 2} others fitting the same way beat or equal. */
        private List<OwnedItem> dropDominated(List<OwnedItem> items, Set<Long> lockedIds) {
            Map<String, Integer> wantBit = new HashMap<>();
            for (int b = 0; b < wanted.size(); b++) wantBit.put(wanted.get(b).toLowerCase(Locale.ROOT), b);
            int n = items.size();
            long[] reqs = new long[n];
            int[] sets = new int[n];
            // armour level, then each rating: the things a better item must not lack
            long[][] stats = new long[n][1 + Item.RATINGS.size()];
            Map<Map<Slot, Set<Slot>>, List<Integer>> groups = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Item item = items.get(i).item();
                reqs[i] = reqMask(item, wantBit);
                sets[i] = setFlag(item);
                stats[i][0] = clampedArmor(item);
                for (int r = 0; r < Item.RATINGS.size(); r++)
                    stats[i][r + 1] = Math.max(0, item.ratings().getOrDefault(Item.RATINGS.get(r), 0));
                groups.computeIfAbsent(placements(item), k -> new ArrayList<>()).add(i);
            }
            int enough = request.results() + 2;
            boolean[] drop = new boolean[n];
            for (List<Integer> g : groups.values()) {
                if (g.size() <= enough) continue;
                for (int a : g) {
                    if (lockedIds.contains(items.get(a).item().id())) continue;
                    int beaten = 0;
                    for (int b : g) {
                        if (b == a || reqs[b] != reqs[a] || (sets[b] & sets[a]) != sets[a]) continue;
                        int cmp = atLeast(stats[b], stats[a]);
                        if (cmp > 0 || (cmp == 0 && (sets[b] != sets[a] || b < a))) {
                            if (++beaten >= enough) break;
                        }
                    }
                    if (beaten >= enough) drop[a] = true;
                }
            }
            List<OwnedItem> kept = new ArrayList<>();
            for (int i = 0; i < n; i++) if (!drop[i]) kept.add(items.get(i));
            return kept;
        }

        /** -1 when b is worse than a somewhere, 0 when equal everywhere, 1 when as good and better somewhere. */
        private static int atLeast(long[] b, long[] a) {
            boolean better = false;
            for (int k = 0; k < a.length; k++) {
                if (b[k] < a[k]) return -1;
                if (b[k] > a[k]) better = true;
            }
            return better ? 1 : 0;
        }

        private long reqMask(Item item, Map<String, Integer> wantBit) {
            long m = 0;
            for (String s : item.spells()) {
                Integer b = wantBit.get(s.toLowerCase(Locale.ROOT));
                if (b != null) m |= 1L << b;
            }
            return m;
        }

        private int setFlag(Item item) {
            String set = item.armorSet();
            if (set == null) return 0;
            int f = 0;
            if (request.primary() != null
                    && set.equalsIgnoreCase(request.primary().name())) f |= 1;
            if (request.secondary() != null
                    && set.equalsIgnoreCase(request.secondary().name())) f |= 2;
            return f;
        }

        private static int mask(Set<Slot> slots) {
            int m = 0;
            for (Slot s : slots) m |= 1 << s.ordinal();
            return m;
        }

        Outcome search() {
            long covered = 0, val = 0;
            int prim = 0, sec = 0, overlaps = 0;
            for (int i : lockedPicks) {
                overlaps += Long.bitCount(covered & req[i]);
                covered |= req[i];
                val += value[i];
                prim += setFlag[i] & 1;
                sec += (setFlag[i] >> 1) & 1;
                for (int m = 0; m < ratingSum.length; m++) ratingSum[m] += rating[i][m];
            }
            dfs(0, lockedMask, covered, val, prim, sec, overlaps);
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            return new Outcome(stopped == null ? Reason.COMPLETE : stopped, checked, elapsed, List.copyOf(best));
        }

        private void tick() {
            long now = System.nanoTime();
            if (cancelled.getAsBoolean()) {
                stopped = Reason.CANCELLED;
            } else if (now - deadline >= 0) {
                stopped = Reason.TIME_LIMIT;
            } else if (now - lastProgress >= PROGRESS_EVERY_MS * 1_000_000) {
                lastProgress = now;
                listener.progress(
                        checked, (now - started) / 1_000_000, bestScores.isEmpty() ? null : bestScores.get(0));
            }
        }

        private void dfs(int k, int occ, long covered, long val, int prim, int sec, int overlaps) {
            if (++checked == 1) tick(); // a search may be cancelled before it starts
            if (stopped != null) return;
            while (k < order.length && (occ & (1 << order[k])) != 0) k++;
            if (k == order.length) {
                leaf(covered, val, prim, sec, overlaps);
                return;
            }
            if (!promising(k, occ, covered, val, prim, sec, overlaps)) return;
            int s = order[k];
            int leftPick = NO_PICK;
            boolean right = pairRight[s];
            if (right) leftPick = pickAt[s - 1]; // LEFT_x is declared just before RIGHT_x
            if (!right || leftPick != NO_PICK) {
                for (int i : cand[s]) {
                    if ((++work & 4095) == 0) tick();
                    if (stopped != null) return;
                    if (used[i] || (right && i <= leftPick)) continue;
                    int b = blockMask[i][s];
                    if ((b & occ) != 0) continue;
                    used[i] = true;
                    pickAt[s] = i;
                    for (int m = 0; m < ratingSum.length; m++) ratingSum[m] += rating[i][m];
                    dfs(
                            k + 1,
                            occ | b,
                            covered | req[i],
                            val + value[i],
                            prim + (setFlag[i] & 1),
                            sec + ((setFlag[i] >> 1) & 1),
                            overlaps + Long.bitCount(covered & req[i]));
                    for (int m = 0; m < ratingSum.length; m++) ratingSum[m] -= rating[i][m];
                    pickAt[s] = NO_PICK;
                    used[i] = false;
                    if (stopped != null) return;
                }
            }
            dfs(k + 1, occ | (1 << s), covered, val, prim, sec, overlaps);
        }

        private boolean promising(int k, int occ, long covered, long val, int prim, int sec, int overlaps) {
            long share = 0, reqAvail = 0;
            int primSlots = 0, secSlots = 0, eitherSlots = 0, reqBits = 0;
            long[] rat = ratingSum.length == 0 ? null : ratingSum.clone();
            for (int j = k; j < order.length; j++) {
                int s = order[j];
                if ((occ & (1 << s)) != 0) continue;
                share += maxShare[s];
                reqAvail |= availReq[s];
                reqBits += maxReqBits[s];
                primSlots += hasPrimary[s];
                secSlots += hasSecondary[s];
                eitherSlots += hasEither[s];
                if (rat != null) for (int m = 0; m < rat.length; m++) rat[m] += maxRating[s][m];
            }
            if (prim + primSlots < needPrimary || sec + secSlots < needSecondary) return false;
            // the two sets compete for the same slots
            if (Math.max(needPrimary - prim, 0) + Math.max(needSecondary - sec, 0) > eitherSlots) return false;
            if (rat != null) for (int m = 0; m < rat.length; m++) if (rat[m] < minRating[m]) return false;
            if (best.size() < request.results()) return true;
            // each free slot adds at most the wanted spells of its richest candidate
            int more = Math.min(Long.bitCount(reqAvail & ~covered), reqBits);
            long bound = SPELL_WEIGHT * (Long.bitCount(covered) + more) + val + share - OVERLAP_PENALTY * overlaps;
            return bound > bestScores.get(bestScores.size() - 1);
        }

        private void leaf(long covered, long val, int prim, int sec, int overlaps) {
            if (prim < needPrimary || sec < needSecondary) return;
            for (int m = 0; m < ratingSum.length; m++) if (ratingSum[m] < minRating[m]) return;
            long score = SPELL_WEIGHT * Long.bitCount(covered) + val - OVERLAP_PENALTY * overlaps;
            int size = bestScores.size();
            if (size >= request.results() && score <= bestScores.get(size - 1)) return;
            int at = 0;
            while (at < size && bestScores.get(at) >= score) at++;
            Suit suit = describe(score);
            bestScores.add(at, score);
            best.add(at, suit);
            if (bestScores.size() > request.results()) {
                bestScores.remove(bestScores.size() - 1);
                best.remove(best.size() - 1);
            }
            listener.result(at + 1, suit);
        }

        private Suit describe(long score) {
            List<Suit.Pick> picks = new ArrayList<>();
            for (int i : lockedPicks) picks.add(pick(i, lockedSlot.get(i)));
            for (int so = 0; so < SLOTS.length; so++) if (pickAt[so] != NO_PICK) picks.add(pick(pickAt[so], SLOTS[so]));
            picks.sort(Comparator.comparingInt(p -> p.slot().ordinal()));
            Map<String, Integer> sets = new TreeMap<>();
            Map<String, Long> ratings = new TreeMap<>();
            Map<String, Integer> spellCount = new LinkedHashMap<>();
            Map<String, String> spelling = new HashMap<>();
            long armor = 0;
            for (Suit.Pick p : picks) {
                Item item = p.owned().item();
                if (item.armorSet() != null) sets.merge(item.armorSet(), 1, Integer::sum);
                item.ratings().forEach((name, v) -> ratings.merge(name, (long) v, Long::sum));
                if (item.armorLevel() != null) armor += item.armorLevel();
                for (String s : new LinkedHashSet<>(item.spells())) {
                    String key = s.toLowerCase(Locale.ROOT);
                    spelling.putIfAbsent(key, s);
                    spellCount.merge(key, 1, Integer::sum);
                }
            }
            List<String> covered = new ArrayList<>(), missing = new ArrayList<>(), overlapping = new ArrayList<>();
            for (String w : wanted) (spellCount.containsKey(w.toLowerCase(Locale.ROOT)) ? covered : missing).add(w);
            spellCount.forEach((key, c) -> {
                if (c > 1) overlapping.add(spelling.get(key));
            });
            return new Suit(score, List.copyOf(picks), sets, covered, missing, overlapping, armor, ratings);
        }

        private Suit.Pick pick(int i, Slot slot) {
            int m = blockMask[i][slot.ordinal()];
            EnumSet<Slot> blocks = EnumSet.noneOf(Slot.class);
            for (Slot s : SLOTS) if ((m & (1 << s.ordinal())) != 0) blocks.add(s);
            return new Suit.Pick(slot, Set.copyOf(blocks), pool.get(i));
        }
    }
}
