package dev.overlord.inventory.suit;

import static dev.overlord.inventory.suit.SuitItems.owned;
import static dev.overlord.inventory.suit.SuitItems.piece;
import static dev.overlord.inventory.suit.SuitItems.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.inventory.OwnedItem;
import dev.overlord.inventory.Slot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SuitSearchTest {
    private static final Set<Slot> COAT = Set.of(Slot.CHEST, Slot.UPPER_ARMS, Slot.LOWER_ARMS);
    private static final Set<Slot> RING = Set.of(Slot.LEFT_FINGER, Slot.RIGHT_FINGER);
    private static final Set<Slot> BRACELET = Set.of(Slot.LEFT_WRIST, Slot.RIGHT_WRIST);

    private static Suit best(SuitRequest request, List<OwnedItem> items) {
        return SuitSearch.run(request, items, SuitListener.NONE, () -> false)
                .suits()
                .get(0);
    }

    private static List<Long> ids(Suit suit) {
        return suit.picks().stream().map(p -> p.owned().item().id()).sorted().toList();
    }

    @Test
    void aPieceCoveringSeveralAreasBlocksThemAll() {
        List<OwnedItem> items = List.of(
                piece(1, COAT, null, 900),
                piece(2, Set.of(Slot.CHEST), null, 400),
                piece(3, Set.of(Slot.UPPER_ARMS, Slot.LOWER_ARMS), null, 400));

        Suit coat = best(request(null, 0, 2), items);
        List<Suit> both = SuitSearch.run(request(null, 0, 2), items, SuitListener.NONE, () -> false)
                .suits();

        assertEquals(List.of(1L), ids(coat));
        assertEquals(List.of(2L, 3L), ids(both.get(1)), "breastplate and sleeves together, never with the coat");
        assertEquals(
                Set.of(Slot.CHEST, Slot.UPPER_ARMS, Slot.LOWER_ARMS),
                coat.picks().get(0).blocks());
    }

    @Test
    void ringsFitEitherFingerAndBraceletsEitherWrist() {
        List<OwnedItem> items = List.of(
                piece(1, RING, null, 0, "Major Strength"),
                piece(2, RING, null, 0, "Epic Defender"),
                piece(3, RING, null, 0),
                piece(4, BRACELET, null, 0, "Legendary Focus"),
                piece(5, BRACELET, null, 0, "Minor Armor"));

        Suit suit =
                best(request(null, 0, 1, "Major Strength", "Epic Defender", "Legendary Focus", "Minor Armor"), items);

        assertEquals(List.of(1L, 2L, 4L, 5L), ids(suit));
        assertEquals(List.of(), suit.missing());
        assertEquals(
                Set.of(Slot.LEFT_FINGER, Slot.RIGHT_FINGER, Slot.LEFT_WRIST, Slot.RIGHT_WRIST),
                Set.copyOf(suit.picks().stream().map(Suit.Pick::slot).toList()));
    }

    @Test
    void aCantripOnTwoItemsIsReportedAndCostsTheWastedCopy() {
        List<OwnedItem> items = List.of(
                piece(1, Set.of(Slot.HEAD), null, 500, "Major Strength"),
                piece(2, Set.of(Slot.HANDS), null, 500, "Major Strength"),
                piece(3, Set.of(Slot.HANDS), null, 450, "Epic Defender"));

        Suit suit = best(request(null, 0, 1, "Major Strength"), items);
        Suit both = best(request(null, 0, 1, "Major Strength", "Epic Defender"), items);

        assertEquals(List.of(1L, 3L), ids(suit), "the wasted copy costs more than 50 armour level");
        assertEquals(List.of(), suit.overlapping());
        assertEquals(List.of(1L, 3L), ids(both));
        List<Suit> two = SuitSearch.run(request(null, 0, 2, "Major Strength"), items, SuitListener.NONE, () -> false)
                .suits();
        assertEquals(List.of(1L, 2L), ids(two.get(1)));
        assertEquals(List.of("Major Strength"), two.get(1).overlapping());
        assertEquals(1_000_000L + 1000 - 200, two.get(1).score());
    }

    @Test
    void aLockedItemStaysInItsSlot() {
        List<OwnedItem> items = List.of(
                piece(1, RING, null, 0, "Major Strength"),
                piece(2, RING, null, 0),
                piece(3, Set.of(Slot.HEAD), null, 100),
                piece(4, Set.of(Slot.HEAD), null, 600));
        SuitRequest r = new SuitRequest(
                null,
                null,
                List.of(),
                List.of(),
                Map.of(Slot.RIGHT_FINGER, 2L, Slot.HEAD, 3L),
                Map.of(),
                1,
                Duration.ofSeconds(5));

        Suit suit = best(r, items);

        assertEquals(List.of(1L, 2L, 3L), ids(suit));
        assertTrue(suit.picks().stream()
                .anyMatch(p -> p.slot() == Slot.RIGHT_FINGER && p.owned().item().id() == 2));
        assertTrue(suit.picks().stream()
                .anyMatch(p -> p.slot() == Slot.LEFT_FINGER && p.owned().item().id() == 1));
    }

    @Test
    void aLockedItemThatIsMissingOrDoesNotFitIsRefused() {
        List<OwnedItem> items = List.of(piece(1, RING, null, 0));
        SuitRequest missing = new SuitRequest(
                null, null, List.of(), List.of(), Map.of(Slot.HEAD, 9L), Map.of(), 1, Duration.ofSeconds(5));
        SuitRequest misplaced = new SuitRequest(
                null, null, List.of(), List.of(), Map.of(Slot.HEAD, 1L), Map.of(), 1, Duration.ofSeconds(5));

        assertTrue(SuitSearch.check(missing, items).orElseThrow().contains("not among"));
        assertTrue(SuitSearch.check(misplaced, items).orElseThrow().contains("cannot be worn in Head"));
        assertThrows(
                IllegalArgumentException.class, () -> SuitSearch.run(misplaced, items, SuitListener.NONE, () -> false));
    }

    @Test
    void setPiecesAreAtLeastTheWantedCount() {
        List<OwnedItem> items = List.of(
                piece(1, Set.of(Slot.HEAD), "Soldier's Set", 100),
                piece(2, Set.of(Slot.HEAD), null, 900),
                piece(3, Set.of(Slot.HANDS), "Soldier's Set", 100),
                piece(4, Set.of(Slot.HANDS), "Adept's Set", 800),
                piece(5, Set.of(Slot.FEET), "Adept's Set", 100));
        SuitRequest r = new SuitRequest(
                new SuitRequest.WantedSet("Soldier's Set", 1),
                new SuitRequest.WantedSet("Adept's Set", 2),
                List.of(),
                List.of(),
                Map.of(),
                Map.of(),
                1,
                Duration.ofSeconds(5));

        Suit suit = best(r, items);

        assertEquals(List.of(1L, 4L, 5L), ids(suit));
        assertEquals(Map.of("Soldier's Set", 1, "Adept's Set", 2), suit.sets());
        SuitRequest impossible = request("Soldier's Set", 3, 1);
        assertEquals(
                List.of(),
                SuitSearch.run(impossible, items, SuitListener.NONE, () -> false)
                        .suits());
    }

    @Test
    void minimumRatingsAreMet() {
        List<OwnedItem> items = List.of(
                owned("Alice", 1, Set.of(Slot.NECK), null, 0, List.of(), Map.of("crit_damage", 2)),
                owned("Bob", 2, Set.of(Slot.NECK), null, 0, List.of(), Map.of("damage", 9)),
                owned("Bob", 3, RING, null, 0, List.of(), Map.of("crit_damage", 1)),
                owned("Bob", 4, RING, null, 0, List.of(), Map.of("damage", 1)));
        SuitRequest r = new SuitRequest(
                null, null, List.of(), List.of(), Map.of(), Map.of("crit_damage", 3), 1, Duration.ofSeconds(5));

        Suit suit = best(r, items);

        assertEquals(List.of(1L, 3L, 4L), ids(suit));
        assertEquals(3L, suit.ratings().get("crit_damage"));
    }

    @Test
    void aCancelledSearchStopsAndSaysSo() {
        AtomicInteger asked = new AtomicInteger();
        SuitSearch.Outcome outcome =
                SuitSearch.run(request(null, 0, 5), big(), SuitListener.NONE, () -> asked.incrementAndGet() > 0);

        assertEquals(SuitSearch.Reason.CANCELLED, outcome.reason());
        assertEquals(1, asked.get(), "stops at the first check that sees the cancel");
        assertEquals(List.of(), outcome.suits());
    }

    @Test
    void aSearchStopsAtItsTimeLimit() {
        SuitRequest r =
                new SuitRequest(null, null, List.of("Major Strength"), List.of(), Map.of(), Map.of(), 5, Duration.ZERO);

        SuitSearch.Outcome outcome = SuitSearch.run(r, big(), SuitListener.NONE, () -> false);

        assertEquals(SuitSearch.Reason.TIME_LIMIT, outcome.reason());
        assertEquals(1, outcome.checked(), "stopped at the first check");
    }

    /** A pool too big to search through in a few thousand steps. */
    private static List<OwnedItem> big() {
        Random rnd = new Random(7);
        List<OwnedItem> items = new ArrayList<>();
        List<Slot> areas = List.copyOf(Slot.ARMOUR);
        for (int i = 0; i < 300; i++) {
            items.add(owned(
                    "Mule",
                    i,
                    Set.of(areas.get(rnd.nextInt(areas.size()))),
                    null,
                    rnd.nextInt(600),
                    rnd.nextInt(4) == 0 ? List.of("Major Strength") : List.of(),
                    Map.of("crit_damage", rnd.nextInt(3))));
        }
        return items;
    }
}
