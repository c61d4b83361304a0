package dev.overlord.discord;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VortexWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final VortexWatch watch = new VortexWatch("Larsson", "whirlwind of vortexes", Duration.ofMinutes(1));

    private static FeedMessage.Chat line(String who, String text) {
        return new FeedMessage.Chat(who, text, T0);
    }

    @Test
    void warns_for_the_monitored_character_ignoring_case_once_per_window() {
        assertTrue(watch.warn(line("larsson", "A WHIRLWIND OF VORTEXES surrounds you"), T0));
        assertFalse(watch.warn(line("Larsson", "a whirlwind of vortexes"), T0.plusSeconds(59)));
        assertTrue(watch.warn(line("Larsson", "a whirlwind of vortexes"), T0.plusSeconds(60)));
    }

    @Test
    void other_characters_and_other_lines_never_warn() {
        assertFalse(watch.warn(line("Olthoi Slayer", "a whirlwind of vortexes"), T0));
        assertFalse(watch.warn(line("Larsson", "a whirlwind of leaves"), T0));
        assertTrue(watch.warn(line("Larsson", "a whirlwind of vortexes"), T0));
    }

    @Test
    void without_a_monitored_character_nothing_warns() {
        VortexWatch off = new VortexWatch("", "whirlwind of vortexes", Duration.ofMinutes(1));
        assertFalse(off.enabled());
        assertFalse(off.warn(line("", "a whirlwind of vortexes"), T0));
    }
}
