package dev.overlord.http.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link IsoInstant} writes exactly what {@link Instant#toString()} writes. */
class IsoInstantTest {

    private static void assertSame(IsoInstant f, Instant t) {
        assertEquals(t.toString(), new String(f.chars(), 0, f.format(t)), "epoch second " + t.getEpochSecond());
    }

    @Test
    void edgesOfTheFormat() {
        IsoInstant f = new IsoInstant();
        for (String s : new String[] {
            "1970-01-01T00:00:00Z",
            "2026-11-23T10:15:02Z",
            "2026-11-23T10:15:02.500Z",
            "2026-11-23T10:15:02.120Z",
            "2026-11-23T10:15:02.000001Z",
            "2026-11-23T10:15:02.123456Z",
            "2026-11-23T10:15:02.000000001Z",
            "2026-11-23T23:59:59.999999999Z",
            "2024-02-29T12:00:00Z",
            "9999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "0999-06-30T08:09:10.010Z",
            "1969-12-31T23:59:59.999Z"
        }) {
            assertSame(f, Instant.parse(s));
        }
        // Outside four-digit years Instant prints a sign; so must we.
        assertSame(f, Instant.parse("+10000-01-01T00:00:00Z"));
        assertSame(f, Instant.parse("-0001-12-31T23:59:59.5Z"));
        assertSame(f, Instant.parse("2026-11-23T10:15:02Z"));
    }

    @Test
    void randomInstantsInAndAcrossDays() {
        IsoInstant f = new IsoInstant();
        SplittableRandom random = new SplittableRandom(42);
        Instant t = Instant.parse("2026-11-23T00:00:00Z");
        for (int i = 0; i < 200_000; i++) {
            // Mostly small steps (the cached day is reused), sometimes far jumps; all fraction widths.
            long seconds =
                    i % 100 == 0 ? random.nextLong(-62_000_000_000L, 253_000_000_000L) : random.nextLong(0, 5_000);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            t = i % 100 == 0
                    ? Instant.ofEpochSecond(seconds, nanos)
                    : Instant.ofEpochSecond(t.getEpochSecond() + seconds, nanos);
            assertSame(f, t);
        }
    }
}
