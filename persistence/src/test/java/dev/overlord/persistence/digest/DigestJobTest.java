package dev.overlord.persistence.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** When a digest is due, what it says, and how its settings are read. */
class DigestJobTest {
    static final LocalTime SIX = LocalTime.of(6, 0);
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void theDueDayIsTheOneBeforeTheLatestScheduledTime() {
        // 06:00 in Paris on 2025-06-14 is 04:00 UTC.
        assertEquals(
                LocalDate.parse("2025-06-13"), DigestJob.dueDay(Instant.parse("2025-06-14T04:00:00Z"), SIX, PARIS));
        assertEquals(
                LocalDate.parse("2025-06-13"), DigestJob.dueDay(Instant.parse("2025-06-14T21:59:00Z"), SIX, PARIS));
        assertEquals(
                LocalDate.parse("2025-06-12"), DigestJob.dueDay(Instant.parse("2025-06-14T03:59:59Z"), SIX, PARIS));
        assertEquals(
                LocalDate.parse("2025-06-14"), DigestJob.dueDay(Instant.parse("2025-06-15T04:00:00Z"), SIX, PARIS));
    }

    @Test
    void theMessageShowsEachTotalAndNoXpAsNotAvailable() {
        DigestSettings s = DigestSettings.from(config("enabled = true, target = aclog-webhook"));
        var withXp = DigestJob.fields(
                new DayTotals("Ann", LocalDate.parse("2025-06-14"), 1_184, 2, 3, Duration.ofMinutes(307), 12_500_000L));
        assertEquals(
                "Ann on 2025-06-14: 1184 kills, 2 deaths, 3 rares, 5h 07m online, 12,500,000 XP",
                s.message().render(withXp));
        var without = DigestJob.fields(
                new DayTotals("Bob", LocalDate.parse("2025-06-14"), 0, 0, 0, Duration.ofSeconds(59), null));
        assertEquals(
                "Bob on 2025-06-14: 0 kills, 0 deaths, 0 rares, 0m online, n/a XP",
                s.message().render(without));
        assertEquals("Daily digest: Bob, 2025-06-14", s.title().render(without));
        assertEquals("digest:Bob:2025-06-14", DigestJob.id("Bob", LocalDate.parse("2025-06-14")));
    }

    @Test
    void settingsAreReadWithTheirDefaults() {
        DigestSettings s = DigestSettings.from(config(""));
        assertFalse(s.enabled());
        assertEquals(SIX, s.at());
        assertEquals(ZoneId.of("UTC"), s.zone());
        assertEquals(Duration.ofMinutes(5), s.checkEvery());
        DigestSettings custom = DigestSettings.from(
                config("enabled = true, at = \"21:30\", zone = \"Europe/Paris\", target = \"discord-channel:42\","
                        + " message = \"{character_name}: {kills}\""));
        assertTrue(custom.enabled());
        assertEquals(LocalTime.of(21, 30), custom.at());
        assertEquals("discord-channel:42", custom.target());
    }

    @Test
    void anEnabledDigestNeedsAValidTarget() {
        assertMessage(config("enabled = true"), "overlord.alerts.digest.target");
        // What the packaged configuration gives when OVERLORD_DIGEST_CHANNEL_ID is not set.
        assertMessage(
                ConfigFactory.parseString(
                                "overlord.alerts.digest { enabled = true, target = \"discord-channel:\"${?OVERLORD_TEST_UNSET_ID} }")
                        .resolve()
                        .withFallback(ConfigFactory.defaultReference()),
                "channel id");
        assertMessage(config("enabled = true, target = \"http:nope\""), "http:nope");
        assertMessage(config("at = \"6 o'clock\""), "overlord.alerts.digest.at");
        assertMessage(config("zone = \"Mars/Olympus\""), "overlord.alerts.digest.zone");
        assertMessage(config("message = \"{kills\""), "overlord.alerts.digest.message");
    }

    static void assertMessage(Config c, String part) {
        var e = assertThrows(IllegalArgumentException.class, () -> DigestSettings.from(c));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    static Config config(String digest) {
        return ConfigFactory.parseString("overlord.alerts.digest { " + digest + " }")
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }
}
