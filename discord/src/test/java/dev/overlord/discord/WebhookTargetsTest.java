package dev.overlord.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overlord.alerts.Alert;
import dev.overlord.alerts.AlertTarget;
import dev.overlord.alerts.AlertTarget.Outcome;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    private static final Alert DEATH = new Alert(
            "6f1c2d9e-0000-4000-8000-000000000001",
            Alert.KIND_DEATH,
            "Larsson",
            Instant.parse("2026-11-23T09:41:07Z"),
            Alert.WARNING,
            "Larsson died",
            "Larsson died near Arwic (vitae 5%).",
            Map.of("vitae", "5", "location", "33.6N, 56.2E"));

    private FakeDiscord fake;
    private Webhooks webhooks;

    @BeforeEach
    void fake() throws Exception {
        fake = new FakeDiscord();
        webhooks = new Webhooks(
                TestSettings.of(Map.of("aclog-webhook", fake.webhook().toString())));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static Outcome send(AlertTarget t, Alert a) throws Exception {
        return t.send(a).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private AlertTarget aclog() {
        return webhooks.aclog().orElseThrow();
    }

    private static String rateLimited(double retryAfter, boolean global) {
        return "{\"message\":\"You are being rate limited.\",\"retry_after\":" + retryAfter + ",\"global\":" + global
                + "}";
    }

    @Test
    void posts_an_alert_as_one_embed_and_waits_for_discord_to_store_it() throws Exception {
        AlertTarget t = aclog();
        assertEquals("aclog-webhook", t.name());

        assertInstanceOf(AlertTarget.Sent.class, send(t, DEATH));

        List<FakeDiscord.Received> posts = fake.all("webhook");
        assertEquals(1, posts.size());
        assertEquals("wait=true", posts.get(0).query());
        JsonNode embed = posts.get(0).body().path("embeds").path(0);
        assertEquals("Larsson died", embed.path("title").asText());
        assertEquals(
                "Larsson died near Arwic (vitae 5%).", embed.path("description").asText());
        assertEquals(AlertEmbeds.RED, embed.path("color").asInt());
        assertEquals("2026-11-23T09:41:07Z", embed.path("timestamp").asText());
        assertEquals("Character", embed.path("fields").path(0).path("name").asText());
        assertEquals("Larsson", embed.path("fields").path(0).path("value").asText());
        assertEquals("location", embed.path("fields").path(2).path("name").asText());
        assertEquals("vitae", embed.path("fields").path(3).path("name").asText());
        assertTrue(posts.get(0).body().path("allowed_mentions").path("parse").isEmpty());
    }

    @Test
    void a_429_answers_retry_after_what_discord_asked_and_the_next_call_waits_it_out() throws Exception {
        AlertTarget t = aclog();
        fake.answerNext(
                "webhook",
                429,
                Map.of("Retry-After", "1", "X-RateLimit-Bucket", "webhook-bucket", "X-RateLimit-Scope", "user"),
                rateLimited(0.6, false));

        Outcome first = send(t, DEATH);
        AlertTarget.Retry retry = assertInstanceOf(AlertTarget.Retry.class, first);
        // Header (1 s) and body (0.6 s) disagree: the longer wins.
        assertEquals(Duration.ofSeconds(1), retry.after());
        assertTrue(retry.why().contains("429"), retry.why());

        Outcome second = send(t, DEATH);
        assertInstanceOf(AlertTarget.Sent.class, second);
        List<FakeDiscord.Received> tries = fake.all("webhook");
        assertEquals(
                List.of(429, 200),
                tries.stream().map(FakeDiscord.Received::status).toList());
        assertTrue(Duration.between(tries.get(0).at(), tries.get(1).at()).toMillis() >= 900, "sent before the limit");
        assertEquals(1, fake.webhookPosts().size());
    }

    @Test
    void a_global_429_from_the_body_stops_every_webhook_until_it_passes() throws Exception {
        // No waiting for buckets here: a blocked call answers Retry at once.
        webhooks = new Webhooks(
                TestSettings.of(Map.of("aclog-webhook", fake.webhook().toString(), "max-bucket-wait", "0 s")));
        AlertTarget t = aclog();
        AlertTarget other = webhooks.discord("discord-webhook:other", fake.api().resolve("webhooks/777/other-token"));
        fake.answerNext("webhook", 429, Map.of(), rateLimited(30, true));

        AlertTarget.Retry retry = assertInstanceOf(AlertTarget.Retry.class, send(t, DEATH));
        assertEquals(Duration.ofSeconds(30), retry.after());
        assertTrue(retry.why().contains("global"), retry.why());

        AlertTarget.Retry blocked = assertInstanceOf(AlertTarget.Retry.class, send(other, DEATH));
        assertTrue(blocked.after().compareTo(Duration.ofSeconds(25)) > 0, blocked.toString());
        assertEquals(1, fake.all("webhook").size(), "the blocked call reached Discord");
    }

    @Test
    void an_empty_bucket_is_waited_for_before_sending() throws Exception {
        AlertTarget t = aclog();
        fake.answerNext(
                "webhook",
                200,
                Map.of(
                        "X-RateLimit-Bucket", "abc",
                        "X-RateLimit-Remaining", "0",
                        "X-RateLimit-Reset-After", "1.2"),
                "{\"id\":\"1\"}");

        assertInstanceOf(AlertTarget.Sent.class, send(t, DEATH));
        assertInstanceOf(AlertTarget.Sent.class, send(t, DEATH));

        List<FakeDiscord.Received> tries = fake.all("webhook");
        assertEquals(2, tries.size());
        assertTrue(Duration.between(tries.get(0).at(), tries.get(1).at()).toMillis() >= 1_000, "did not wait");
    }

    @Test
    void a_5xx_answers_retry_with_a_backoff_that_doubles_and_starts_over_after_a_success() throws Exception {
        AlertTarget t = aclog();
        fake.answerNext("webhook", 502, Map.of(), "");
        fake.answerNext("webhook", 503, Map.of(), "{\"message\":\"overloaded\"}");

        AlertTarget.Retry a = assertInstanceOf(AlertTarget.Retry.class, send(t, DEATH));
        AlertTarget.Retry b = assertInstanceOf(AlertTarget.Retry.class, send(t, DEATH));
        assertEquals(Duration.ofMillis(100), a.after());
        assertEquals(Duration.ofMillis(200), b.after());
        assertTrue(b.why().contains("503"), b.why());

        assertInstanceOf(AlertTarget.Sent.class, send(t, DEATH));
        fake.answerNext("webhook", 500, Map.of(), "");
        assertEquals(
                Duration.ofMillis(100),
                assertInstanceOf(AlertTarget.Retry.class, send(t, DEATH)).after());
        assertEquals(1, fake.webhookPosts().size());
    }

    @Test
    void another_4xx_is_rejected_with_discords_reason_and_never_the_url() throws Exception {
        AlertTarget t = aclog();
        fake.answerNext("webhook", 404, Map.of(), "{\"message\":\"Unknown Webhook\",\"code\":10015}");

        AlertTarget.Rejected r = assertInstanceOf(AlertTarget.Rejected.class, send(t, DEATH));
        assertEquals("refused with 404: Unknown Webhook", r.why());
        assertFalse(t.toString().contains("webhook-secret-token"));
    }

    @Test
    void a_huge_error_body_is_read_only_up_to_the_bound() throws Exception {
        AlertTarget t = aclog();
        fake.answerNext("webhook", 400, Map.of(), "{\"message\":\"" + "x".repeat(4_000_000) + "\"}");

        AlertTarget.Rejected r = assertInstanceOf(AlertTarget.Rejected.class, send(t, DEATH));
        // The body was cut (no message could be parsed from 64 KiB of a 4 MB document).
        assertEquals("refused with 400", r.why());
    }

    @Test
    void an_unreachable_webhook_answers_retry_naming_no_url() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        AlertTarget t = webhooks.discord(
                "discord-webhook:gone", URI.create("http://127.0.0.1:" + closedPort + "/api/webhooks/1/secret-token"));

        AlertTarget.Retry r = assertInstanceOf(AlertTarget.Retry.class, send(t, DEATH));
        assertTrue(r.why().startsWith("unreachable"), r.why());
        assertFalse(r.why().contains("secret-token"), r.why());
        assertEquals(Duration.ofMillis(100), r.after());
    }

    @Test
    void an_http_webhook_posts_the_body_its_template_makes_with_the_same_outcomes() throws Exception {
        AlertTarget t = webhooks.http(
                "ops", fake.webhook(), a -> "{\"text\":\"" + a.title() + "\",\"who\":\"" + a.characterName() + "\"}");
        assertEquals("http:ops", t.name());

        assertInstanceOf(AlertTarget.Sent.class, send(t, DEATH));
        JsonNode body = fake.webhookPosts().get(0);
        assertEquals("Larsson died", body.path("text").asText());
        assertEquals("Larsson", body.path("who").asText());

        fake.answerNext("webhook", 503, Map.of(), "");
        assertInstanceOf(AlertTarget.Retry.class, send(t, DEATH));
        fake.answerNext("webhook", 429, Map.of("Retry-After", "2"), "");
        assertEquals(
                Duration.ofSeconds(2),
                assertInstanceOf(AlertTarget.Retry.class, send(t, DEATH)).after());
        fake.answerNext("webhook", 422, Map.of(), "{}");
        assertInstanceOf(AlertTarget.Rejected.class, send(t, DEATH));
    }

    @Test
    void an_http_webhook_whose_template_fails_rejects_without_sending() throws Exception {
        AlertTarget t = webhooks.http("ops", fake.webhook(), a -> {
            throw new IllegalArgumentException("no field vitae");
        });

        AlertTarget.Rejected r = assertInstanceOf(AlertTarget.Rejected.class, send(t, DEATH));
        assertTrue(r.why().contains("could not be made"), r.why());
        assertTrue(fake.received.isEmpty());
    }

    @Test
    void a_target_named_by_its_url_posts_there_and_logs_without_the_token() throws Exception {
        String name = "discord-webhook:" + fake.webhook();
        AlertTarget t = webhooks.discord(name).orElseThrow();
        assertEquals(name, t.name());

        assertInstanceOf(AlertTarget.Sent.class, send(t, DEATH));
        assertEquals(
                "555",
                fake.webhookPosts().isEmpty() ? "" : fake.all("webhook").get(0).target());
        assertEquals("discord-webhook:127.0.0.1/webhooks/555/***", Webhooks.loggable(name));
        assertFalse(t.toString().contains("webhook-secret-token"), t.toString());
        assertTrue(webhooks.discord("discord-webhook:not a url").isEmpty());
        assertTrue(webhooks.discord("discord-webhook:file:///etc/passwd").isEmpty());
    }
}
