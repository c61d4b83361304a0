package dev.overlord.discord;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standalone bot against a WebSocket server that acts like the server's /ws/live. */
class BotMainTest {

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> subscribes = new CopyOnWriteArrayList<>();
    private final AtomicInteger seq = new AtomicInteger();
    private FakeDiscord discord;
    private TinyWebSocketServer live;
    private BotMain.Running running;

    @BeforeEach
    void servers() throws Exception {
        discord = new FakeDiscord();
        live = new TinyWebSocketServer(c -> {}, (c, text) -> {
            subscribes.add(text);
            c.send("{\"type\":\"subscribed\",\"message_types\":[\"rare\",\"chat\"]}");
        });
    }

    @AfterEach
    void stop() {
        if (running != null) running.close();
        live.close();
        discord.close();
    }

    private void rare(String name) {
        String frame = "{\"seq\":" + seq.incrementAndGet() + ",\"type\":\"rare\",\"character_name\":\"Larsson\","
                + "\"name\":\"" + name + "\",\"timestamp\":\"2026-11-23T09:41:07Z\"}";
        live.connections.stream().filter(TinyWebSocketServer.Connection::isOpen).forEach(c -> c.send(frame));
    }

    @Test
    void subscribes_with_the_api_token_and_posts_a_rare_from_the_feed_even_after_the_feed_drops() throws Exception {
        DiscordSettings settings = TestSettings.of(Map.of(
                "bot-token", FakeDiscord.TOKEN,
                "api-url", discord.api().toString(),
                "common-rare-channel", Long.toString(FakeDiscord.COMMON),
                "great-rare-channel", Long.toString(FakeDiscord.GREAT),
                "live-url", live.url("/ws/live")));
        running = BotMain.run(settings, "api-token-xyz");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> subscribes.size() == 1 && running.bot().state().ready());
        JsonNode sub = json.readTree(subscribes.get(0));
        assertEquals("subscribe", sub.path("type").asText());
        assertEquals(
                List.of("rare", "chat"),
                List.of(
                        sub.path("message_types").get(0).asText(),
                        sub.path("message_types").get(1).asText()));
        TinyWebSocketServer.Connection first = live.connections.get(0);
        assertEquals("/ws/live", first.target);
        assertEquals("Bearer api-token-xyz", first.headers.get("authorization"));

        rare("Pearl of Blood Drinking");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> discord.messagesIn(FakeDiscord.COMMON).size() == 1);

        // The feed goes away; the bot comes back, resuming after the last event it saw.
        live.dropAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribes.size() == 2);
        TinyWebSocketServer.Connection second = live.connections.get(1);
        assertEquals("/ws/live?last_seq=1", second.target);
        rare("Ridgeback Dagger");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> discord.messagesIn(FakeDiscord.GREAT).size() == 1);
        assertEquals(1, discord.messagesIn(FakeDiscord.COMMON).size());
        assertTrue(discord.unexpected.isEmpty(), () -> "unexpected requests: " + discord.unexpected);
    }

    @Test
    void a_message_over_the_bound_is_skipped_and_the_next_one_still_arrives() throws Exception {
        DiscordSettings settings = TestSettings.of(Map.of(
                "bot-token", FakeDiscord.TOKEN,
                "api-url", discord.api().toString(),
                "common-rare-channel", Long.toString(FakeDiscord.COMMON),
                "max-feed-message-bytes", "4 KiB",
                "live-url", live.url("/ws/live")));
        running = BotMain.run(settings, "");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> subscribes.size() == 1 && running.bot().state().ready());
        assertTrue(live.connections.get(0).headers.get("authorization") == null);
        rare("y".repeat(10_000));
        rare("Pearl of Blood Drinking");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> discord.messagesIn(FakeDiscord.COMMON).size() == 1);
        assertEquals(1, running.feed().skipped());
    }
}
