package dev.overlord.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscordSettingsTest {

    @Test
    void the_shipped_defaults_have_discord_off_and_say_why_by_setting_name() {
        DiscordSettings s = TestSettings.of(Map.of());
        assertFalse(s.botEnabled());
        assertFalse(s.webhookEnabled());
        assertEquals(
                List.of(
                        "Discord bot off: no DISCORD_RARE_BOT_TOKEN",
                        "Discord aclog webhook off: no DISCORD_ACLOG_WEBHOOK"),
                s.offReasons());
        assertEquals("whirlwind of vortexes", s.vortexPhrase());
        assertTrue(s.apiUrl().isEmpty());
        assertEquals("ws://127.0.0.1:8765/ws/live", s.liveUrl().toString());
        assertTrue(s.isGreat("Ridgeback Dagger"));
        assertTrue(s.isGreat("  zharalim crookblade "));
        assertFalse(s.isGreat("Pearl of Blood Drinking"));
    }

    @Test
    void a_token_and_a_webhook_turn_their_parts_on_and_never_show_in_to_string() {
        DiscordSettings s = TestSettings.of(Map.of(
                "bot-token", "secret-token-value",
                "aclog-webhook", "https://discord.com/api/webhooks/1/hook-secret",
                "common-rare-channel", "123456789012345678",
                "aclog-channel", "42"));
        assertTrue(s.botEnabled());
        assertTrue(s.webhookEnabled());
        assertEquals(123456789012345678L, s.commonRareChannel());
        assertEquals(
                List.of(
                        "Discord great rares off: no GREAT_RARE_CHANNEL_ID",
                        "Discord vortex warnings off: no MONITOR_CHARACTER"),
                s.offReasons());
        assertFalse(s.toString().contains("secret-token-value"), s.toString());
        assertFalse(s.toString().contains("hook-secret"), s.toString());
    }

    @Test
    void the_great_rares_list_can_be_replaced() {
        DiscordSettings s = TestSettings.of(Map.of("great-rares", List.of("Pearl of Blood Drinking")));
        assertTrue(s.isGreat("pearl of blood drinking"));
        assertFalse(s.isGreat("Ridgeback Dagger"));
    }

    @Test
    void a_bad_value_is_a_clear_error_naming_the_setting_not_the_secret() {
        IllegalArgumentException channel = assertThrows(
                IllegalArgumentException.class, () -> TestSettings.of(Map.of("great-rare-channel", "#great-rares")));
        assertTrue(channel.getMessage().contains("GREAT_RARE_CHANNEL_ID"), channel.getMessage());

        IllegalArgumentException hook = assertThrows(
                IllegalArgumentException.class, () -> TestSettings.of(Map.of("aclog-webhook", "ftp://x/hook-secret")));
        assertTrue(hook.getMessage().contains("DISCORD_ACLOG_WEBHOOK"), hook.getMessage());
        assertFalse(hook.getMessage().contains("hook-secret"), hook.getMessage());
    }

    @Test
    void an_api_url_gets_its_trailing_slash() {
        DiscordSettings s = TestSettings.of(Map.of("api-url", "http://127.0.0.1:9/api/v10"));
        assertEquals("http://127.0.0.1:9/api/v10/", s.apiUrl().orElseThrow().toString());
    }
}
