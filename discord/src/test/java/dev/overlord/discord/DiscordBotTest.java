package dev.overlord.discord;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscordBotTest {

    private FakeDiscord fake;
    private DiscordBot bot;

    @BeforeEach
    void fake() throws Exception {
        fake = new FakeDiscord();
    }

    @AfterEach
    void stop() {
        if (bot != null) bot.close();
        fake.close();
    }

    private DiscordBot readyBot() {
        bot = DiscordBot.start(TestSettings.bot(fake));
        await().atMost(Duration.ofSeconds(20)).until(() -> bot.state().ready());
        // The start notice is the first post of every bot.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.messagesIn(FakeDiscord.ACLOG).size() == 1);
        return bot;
    }

    private static String rare(String character, String name) {
        return "{\"seq\":7,\"type\":\"rare\",\"character_name\":\"" + character + "\",\"name\":\"" + name
                + "\",\"timestamp\":\"2026-11-23T09:41:07Z\",\"ew\":12.5,\"ns\":-40.25}";
    }

    private static String chat(String character, String text) {
        return "{\"seq\":8,\"type\":\"chat\",\"character_name\":\"" + character + "\",\"text\":\"" + text
                + "\",\"timestamp\":\"2026-11-23T09:41:08Z\"}";
    }

    private static String title(JsonNode message) {
        return message.path("embeds").path(0).path("title").asText();
    }

    @Test
    void says_it_started_and_posts_a_common_rare_to_the_common_channel() {
        readyBot();
        assertEquals(
                "Overlord rare bot online",
                title(fake.messagesIn(FakeDiscord.ACLOG).get(0)));

        bot.onFeed(rare("Larsson", "Pearl of Blood Drinking"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.messagesIn(FakeDiscord.COMMON).size() == 1);
        JsonNode m = fake.messagesIn(FakeDiscord.COMMON).get(0);
        assertEquals("Rare: Pearl of Blood Drinking", title(m));
        assertTrue(m.path("embeds").path(0).path("description").asText().contains("Larsson"));
        assertEquals(
                "40.3S, 12.5E",
                m.path("embeds").path(0).path("fields").path(1).path("value").asText());
        assertTrue(fake.messagesIn(FakeDiscord.GREAT).isEmpty());
        assertTrue(fake.unexpected.isEmpty(), () -> "unexpected requests: " + fake.unexpected);
    }

    @Test
    void posts_a_great_rare_to_the_great_channel_whatever_its_case() {
        readyBot();
        bot.onFeed(rare("Larsson", "ridgeback dagger"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.messagesIn(FakeDiscord.GREAT).size() == 1);
        assertEquals(
                "Great rare: ridgeback dagger",
                title(fake.messagesIn(FakeDiscord.GREAT).get(0)));
        assertTrue(fake.messagesIn(FakeDiscord.COMMON).isEmpty());
    }

    @Test
    void warns_once_of_a_vortex_in_the_monitored_chat_and_never_for_other_characters() {
        readyBot();
        bot.onFeed(chat("Larsson", "You are caught in a Whirlwind of Vortexes!"));
        bot.onFeed(chat("Larsson", "You are caught in a whirlwind of vortexes!"));
        bot.onFeed(chat("Olthoi Slayer", "You are caught in a whirlwind of vortexes!"));
        bot.onFeed(chat("Larsson", "Hello there"));
        // A later post to the same channel: JDA sends one channel's messages in order, so once it
        // is there, any vortex warning posted before it is there too.
        bot.pluginsOnline(3);
        bot.pluginsOnline(0);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.messagesIn(FakeDiscord.ACLOG).size() >= 3);
        List<String> titles = fake.messagesIn(FakeDiscord.ACLOG).stream()
                .map(DiscordBotTest::title)
                .toList();
        assertEquals(List.of("Overlord rare bot online", "Vortex warning", "All plugins disconnected"), titles);
        assertTrue(fake.messagesIn(FakeDiscord.ACLOG)
                .get(1)
                .path("embeds")
                .path(0)
                .path("description")
                .asText()
                .contains("Larsson"));
    }

    @Test
    void tells_of_plugins_lost_and_regained_only_on_those_transitions() {
        readyBot();
        bot.pluginsOnline(2);
        bot.pluginsOnline(3);
        bot.pluginsOnline(0);
        bot.pluginsOnline(0);
        bot.pluginsOnline(1);
        bot.pluginsOnline(4);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.messagesIn(FakeDiscord.ACLOG).size() >= 3);
        List<String> titles = fake.messagesIn(FakeDiscord.ACLOG).stream()
                .map(DiscordBotTest::title)
                .toList();
        assertEquals(List.of("Overlord rare bot online", "All plugins disconnected", "Plugins back online"), titles);
    }

    @Test
    void waits_out_a_429_and_posts_the_rare_once() {
        readyBot();
        fake.answerNext(
                "message",
                429,
                Map.of("Retry-After", "1", "X-RateLimit-Scope", "user", "X-RateLimit-Bucket", "message-bucket"),
                "{\"message\":\"You are being rate limited.\",\"retry_after\":0.8,\"global\":false}");

        bot.onFeed(rare("Larsson", "Pearl of Blood Drinking"));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> fake.messagesIn(FakeDiscord.COMMON).size() == 1);
        List<FakeDiscord.Received> tries = fake.all("message").stream()
                .filter(r -> r.target().equals(Long.toString(FakeDiscord.COMMON)))
                .toList();
        assertEquals(
                List.of(429, 200),
                tries.stream().map(FakeDiscord.Received::status).toList());
        assertTrue(
                Duration.between(tries.get(0).at(), tries.get(1).at()).toMillis() >= 700,
                "the retry came before Retry-After had passed");
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> fake.messagesIn(FakeDiscord.COMMON).size() == 1);
    }

    @Test
    void retries_a_503_and_posts_the_rare_once() {
        readyBot();
        fake.answerNext("message", 503, Map.of(), "{\"message\":\"upstream down\",\"code\":0}");

        bot.onFeed(rare("Larsson", "Pearl of Blood Drinking"));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> fake.messagesIn(FakeDiscord.COMMON).size() == 1);
        assertEquals(
                List.of(503, 200),
                fake.all("message").stream()
                        .filter(r -> r.target().equals(Long.toString(FakeDiscord.COMMON)))
                        .map(FakeDiscord.Received::status)
                        .toList());
    }

    @Test
    void survives_a_gateway_drop_and_posts_a_rare_found_after_it() {
        readyBot();
        bot.onFeed(rare("Larsson", "Pearl of Blood Drinking"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.messagesIn(FakeDiscord.COMMON).size() == 1);

        fake.dropGateway();
        // JDA resumes its session (op 6) rather than identifying again.
        await().atMost(Duration.ofSeconds(30)).until(() -> fake.resumes.get() == 1);
        assertEquals(1, fake.identifies.get());
        await().atMost(Duration.ofSeconds(30)).until(() -> bot.state().ready());
        bot.onFeed(rare("Larsson", "Ridgeback Dagger"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.messagesIn(FakeDiscord.GREAT).size() == 1);
        // Nothing twice: one start notice, the first rare once.
        assertEquals(1, fake.messagesIn(FakeDiscord.ACLOG).size());
        assertEquals(1, fake.messagesIn(FakeDiscord.COMMON).size());
    }

    @Test
    void a_token_refused_by_rest_is_a_failed_state_and_no_retry_loop() {
        fake.refuseToken();
        bot = DiscordBot.start(TestSettings.bot(fake));

        await().atMost(Duration.ofSeconds(10)).until(() -> bot.state() instanceof DiscordBot.Failed);
        String reason = ((DiscordBot.Failed) bot.state()).reason();
        assertTrue(reason.contains("DISCORD_RARE_BOT_TOKEN"), reason);
        assertFalse(reason.contains(FakeDiscord.TOKEN), reason);
        assertTrue(bot.state().describe().startsWith("failed: "));
        // Not tried again and again (the backoff here is 100 ms).
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> fake.gatewayAsks.get() == 1);
        assertEquals(0, fake.identifies.get());
        // Feed messages while failed are harmless.
        bot.onFeed(rare("Larsson", "Pearl of Blood Drinking"));
        assertTrue(fake.all("message").isEmpty());
    }

    @Test
    void a_token_refused_by_the_gateway_is_a_failed_state() {
        fake.refuseIdentify();
        bot = DiscordBot.start(TestSettings.bot(fake));

        await().atMost(Duration.ofSeconds(20)).until(() -> bot.state() instanceof DiscordBot.Failed);
        String reason = ((DiscordBot.Failed) bot.state()).reason();
        assertTrue(reason.contains("4004"), reason);
        assertFalse(reason.contains(FakeDiscord.TOKEN), reason);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> fake.identifies.get() == 1);
    }

    @Test
    void without_a_token_the_bot_is_off_and_does_nothing() {
        bot = DiscordBot.start(TestSettings.of(Map.of("api-url", fake.api().toString())));
        assertInstanceOf(DiscordBot.Off.class, bot.state());
        bot.onFeed(rare("Larsson", "Pearl of Blood Drinking"));
        bot.pluginsOnline(0);
        assertEquals(0, fake.gatewayAsks.get());
        assertTrue(fake.received.isEmpty());
    }

    @Test
    void skips_feed_messages_that_are_not_rares_or_chat_or_are_too_large() {
        readyBot();
        bot.onFeed("not json");
        bot.onFeed("{\"type\":\"telemetry\",\"character_name\":\"Larsson\"}");
        bot.onFeed("{\"type\":\"rare\",\"character_name\":\"Larsson\"}");
        bot.onFeed(rare("Larsson", "x".repeat(70_000)));
        bot.onFeed(rare("Larsson", "Pearl of Blood Drinking"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.messagesIn(FakeDiscord.COMMON).size() == 1);
        assertEquals(
                "Rare: Pearl of Blood Drinking",
                title(fake.messagesIn(FakeDiscord.COMMON).get(0)));
        assertEquals(1, bot.dropped());
    }
}
