package dev.overlord.discord;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overlord.alerts.Alert;
import dev.overlord.alerts.AlertTarget;
import dev.overlord.alerts.AlertTarget.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscordChannelTargetTest {

    private static final Alert IDLE = new Alert(
            "6f1c2d9e-0000-4000-8000-000000000002",
            Alert.KIND_IDLE,
            "Larsson",
            Instant.parse("2026-11-23T09:41:07Z"),
            Alert.WARNING,
            "Larsson is idle",
            "Larsson has been idle for 5 minutes.",
            Map.of("idle_minutes", "5"));

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

    private static Outcome send(AlertTarget t, Alert a) throws Exception {
        return t.send(a).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private void ready() {
        bot = DiscordBot.start(TestSettings.bot(fake));
        await().atMost(Duration.ofSeconds(20)).until(() -> bot.state().ready());
    }

    @Test
    void posts_an_alert_to_its_channel_with_a_nonce_from_the_alert_id() throws Exception {
        ready();
        AlertTarget t = bot.channelTarget(FakeDiscord.ALERTS);
        assertEquals("discord-channel:3004", t.name());

        assertInstanceOf(AlertTarget.Sent.class, send(t, IDLE));

        assertEquals(1, fake.messagesIn(FakeDiscord.ALERTS).size());
        JsonNode m = fake.messagesIn(FakeDiscord.ALERTS).get(0);
        assertEquals("Larsson is idle", m.path("embeds").path(0).path("title").asText());
        assertEquals(AlertEmbeds.AMBER, m.path("embeds").path(0).path("color").asInt());
        // Sent again (the outbox lost the answer): the same nonce, so Discord keeps one message.
        assertInstanceOf(AlertTarget.Sent.class, send(t, IDLE));
        assertEquals(
                m.path("nonce").asText(),
                fake.messagesIn(FakeDiscord.ALERTS).get(1).path("nonce").asText());
        assertTrue(m.path("enforce_nonce").asBoolean());
        assertEquals(DiscordBot.nonce("alert|" + IDLE.id()), m.path("nonce").asText());
    }

    @Test
    void a_429_is_waited_out_within_the_call() throws Exception {
        ready();
        fake.answerNext(
                "message",
                429,
                Map.of("Retry-After", "1", "X-RateLimit-Scope", "user"),
                "{\"message\":\"You are being rate limited.\",\"retry_after\":1,\"global\":false}");

        assertInstanceOf(AlertTarget.Sent.class, send(bot.channelTarget(FakeDiscord.ALERTS), IDLE));
        assertEquals(1, fake.messagesIn(FakeDiscord.ALERTS).size());
    }

    @Test
    void a_channel_the_bot_cannot_see_or_a_refusal_is_rejected() throws Exception {
        ready();
        AlertTarget.Rejected unknown =
                assertInstanceOf(AlertTarget.Rejected.class, send(bot.channelTarget(99_999), IDLE));
        assertTrue(unknown.why().contains("not visible"), unknown.why());

        fake.answerNext("message", 403, Map.of(), "{\"message\":\"Missing Access\",\"code\":50001}");
        AlertTarget.Rejected refused =
                assertInstanceOf(AlertTarget.Rejected.class, send(bot.channelTarget(FakeDiscord.ALERTS), IDLE));
        assertTrue(refused.why().contains("403"), refused.why());
    }

    @Test
    void a_bot_that_is_not_ready_answers_retry_and_an_absent_one_rejects() throws Exception {
        fake.refuseToken();
        bot = DiscordBot.start(TestSettings.bot(fake));
        await().atMost(Duration.ofSeconds(10)).until(() -> bot.state() instanceof DiscordBot.Failed);
        AlertTarget.Retry r =
                assertInstanceOf(AlertTarget.Retry.class, send(bot.channelTarget(FakeDiscord.ALERTS), IDLE));
        assertTrue(r.why().contains("failed"), r.why());
        bot.close();

        bot = DiscordBot.start(TestSettings.of(Map.of()));
        assertInstanceOf(AlertTarget.Rejected.class, send(bot.channelTarget(FakeDiscord.ALERTS), IDLE));
        assertTrue(fake.all("message").isEmpty());
    }
}
