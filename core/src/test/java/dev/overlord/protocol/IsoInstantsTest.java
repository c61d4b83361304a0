package dev.overlord.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-23T10:15:02Z", "2026-11-23T10:15:02.1Z", "2026-11-23T10:15:02.123456789Z",
                "1999-12-31T23:59:59.5z", "2024-02-29T00:00:00Z", "1970-01-01T00:00:00Z"
            })
    void agreesWithTheJdkOnUtcTimes(String text) {
        assertEquals(Instant.parse(text.replace('z', 'Z')), IsoInstants.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T10:15:02+01:00", "2026-11-23T00:15:02.250-05:30", "2026-01-01T00:00:00+14:00"})
    void agreesWithTheJdkOnOffsets(String text) {
        assertEquals(OffsetDateTime.parse(text).toInstant(), IsoInstants.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T10:15:02", "2026-11-23T10:15:02.987654"})
    void readsTimesWithoutAZoneAsUtc(String text) {
        assertEquals(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC), IsoInstants.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-30T10:15:02Z",
                "2026-13-01T10:15:02Z",
                "2026-11-23T24:00:00Z",
                "2026-11-23 10:15:02Z",
                "2026-11-23T10:15:02.Z",
                "2026-11-23T10:15:02.1234567890Z",
                "2026-11-23T10:15:02+0100",
                "2026-11-23T10:15:02ZZ",
                "yesterday",
                "2026-11-23",
                "+12026-11-23T10:15:02Z",
                "2026-11-23T10:15:0xZ"
            })
    void leavesAnythingUnusualToTheJdkParsers(String text) {
        assertNull(IsoInstants.parse(text));
    }
}
