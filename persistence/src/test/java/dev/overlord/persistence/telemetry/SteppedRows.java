package dev.overlord.persistence.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Telemetry made for testing {@code step}, and what {@code step} should select from it, computed in
 * Java. Shared with the http module's tests.
 */
public final class SteppedRows {

    private SteppedRows() {}

    /**
     * {@code count} rows of three characters that interleave at random sub-second times over
     * {@code seconds} from {@code first} (so buckets of a few seconds and more hold several rows of
     * each), plus for each character a few pairs with the same time and different positions.
     * Deterministic for a seed.
     */
    public static List<TelemetryRow> interleaved(Instant first, int seconds, int count, long seed) {
        Random random = new Random(seed);
        String[] names = {"Alice", "Bob", "Cleo"};
        List<TelemetryRow> list = new ArrayList<>(count + 6);
        for (int i = 0; i < count; i++) {
            Instant ts = first.plusMillis(random.nextInt(seconds * 1000));
            list.add(row(names[random.nextInt(names.length)], ts, random.nextInt(10_000) / 100.0, i));
        }
        for (int i = 0; i < names.length * 2; i++) {
            // Same character and time twice: which one a bucket keeps must be decided the same way.
            Instant ts = first.plusSeconds(random.nextInt(seconds));
            list.add(row(names[i % names.length], ts, 500 + i, 1_000 + i));
            list.add(row(names[i % names.length], ts, 600 + i, 2_000 + i));
        }
        return list;
    }

    private static TelemetryRow row(String name, Instant ts, double ew, long kills) {
        return new TelemetryRow(name, ts, ew, -ew, 0, kills, null, null, null, null, null, "Combat", "s-" + name);
    }

    /**
     * What {@code GET /history?step=} answers over {@code rows}: of the rows with
     * {@code from <= ts < to}, per character and bucket {@code floor(epoch seconds / step)} the one
     * with the largest {@code ts} (of equal times, the largest {@code ew}: the rows made here differ
     * there first), ordered by {@code (ts, character_name)}.
     */
    public static List<TelemetryRow> lastPerBucket(
            List<TelemetryRow> rows, Instant from, Instant to, String character, int step) {
        Comparator<TelemetryRow> last = Comparator.comparing(TelemetryRow::ts)
                .thenComparingDouble(TelemetryRow::ew)
                .thenComparing(TelemetryRow::kills);
        Map<String, TelemetryRow> kept = new LinkedHashMap<>();
        for (TelemetryRow r : rows) {
            if (r.ts().isBefore(from)
                    || !r.ts().isBefore(to)
                    || (character != null && !character.equals(r.characterName()))) {
                continue;
            }
            String key = r.characterName() + "\n" + Math.floorDiv(r.ts().getEpochSecond(), step);
            kept.merge(key, r, (a, b) -> last.compare(a, b) >= 0 ? a : b);
        }
        return kept.values().stream()
                .sorted(Comparator.comparing(TelemetryRow::ts).thenComparing(TelemetryRow::characterName))
                .toList();
    }
}
