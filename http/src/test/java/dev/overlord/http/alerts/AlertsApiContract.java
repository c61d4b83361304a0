package dev.overlord.http.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.ApiContract;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Alerts the whole way: frames in over a real plugin socket, the character's entity raises the
 * alert, the live feed carries it to a real browser socket, the projection stores it, and {@code
 * GET /alerts} lists it; a logged-in user acknowledges it.
 */
public abstract class AlertsApiContract extends ApiContract {

    @Override
    protected RunningServer configure(RunningServer server) {
        // A short grace period so an idle spell fits in a test; the rest as shipped.
        return server.with("overlord.character.idle-after = 2 seconds");
    }

    static ObjectNode idleTelemetry(String who) {
        return Frames.telemetry(who, 10, 20, 5).put("vt_state", "Idle");
    }

    @Test
    void aDeathIsOneAlertLiveAndListedAndASecondWithinTheCooldownIsNone() {
        String who = "Alert Dier";
        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.vitals(who, 0)).send(Frames.vitals(who, 5));
            JsonNode live = browser.awaitJson(j -> "alert".equals(j.path("type").asText())
                    && who.equals(j.path("character_name").asText()));
            assertEquals("death", live.path("kind").asText());
            assertEquals(who + " died (vitae 5%)", live.path("message").asText());
            assertEquals("critical", live.path("severity").asText());

            JsonNode listed = awaitOk(
                            "/alerts?character=" + enc(who),
                            b -> b.path("alerts").size() == 1)
                    .path("alerts")
                    .get(0);
            assertEquals(live.path("id").asText(), listed.path("id").asText(), "one id live and stored");
            assertEquals(
                    List.of(
                            "id",
                            "kind",
                            "rule",
                            "character_name",
                            "timestamp",
                            "severity",
                            "title",
                            "message",
                            "fields",
                            "acknowledged_by",
                            "acknowledged_at",
                            "cleared_at"),
                    fieldNames(listed));
            assertEquals("5", listed.path("fields").path("vitae").asText());

            // Dies again at once: journaled, no second alert. A vortex after it proves the frames were seen.
            plugin.send(Frames.vitals(who, 0)).send(Frames.vitals(who, 7));
            plugin.send(Frames.chat(who, "You are caught in a whirlwind of vortexes!"));
            awaitOk(
                    "/alerts?character=" + enc(who) + "&kind=vortex",
                    b -> b.path("alerts").size() == 1);
            assertEquals(
                    1,
                    ok("/alerts?character=" + enc(who) + "&kind=death")
                            .path("alerts")
                            .size());
        }
    }

    @Test
    void anIdleSpellPastTheGracePeriodIsAnAlertThatActivityClears() {
        String who = "Alert Idler";
        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.telemetry(who, 10, 20, 5));
            // Idle telemetry every poll, as a plugin sends it every couple of seconds, until the alert shows.
            SocketClient.waiting("an idle alert")
                    .until(
                            () -> {
                                plugin.send(idleTelemetry(who));
                                return ok("/alerts?character=" + enc(who) + "&kind=idle");
                            },
                            b -> b.path("alerts").size() == 1);
            JsonNode idle = ok("/alerts?character=" + enc(who)).path("alerts").get(0);
            assertTrue(idle.path("cleared_at").isNull(), idle.toString());
            browser.awaitJson(j -> "alert".equals(j.path("type").asText())
                    && "idle".equals(j.path("kind").asText()));

            plugin.send(Frames.telemetry(who, 10, 20, 6));
            JsonNode cleared =
                    browser.awaitJson(j -> "alert_cleared".equals(j.path("type").asText()));
            assertEquals(who, cleared.path("character_name").asText());
            assertEquals("idle", cleared.path("kind").asText());
            awaitOk(
                    "/alerts?character=" + enc(who),
                    b -> !b.path("alerts").get(0).path("cleared_at").isNull());
            assertEquals(1, ok("/alerts?character=" + enc(who)).path("alerts").size(), "one alert per spell");
        }
    }

    @Test
    void aLoggedInUserAcknowledgesAnAlertAndTheFirstAcknowledgementStands() {
        String who = "Alert Acked";
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.vitals(who, 0)).send(Frames.vitals(who, 3));
        }
        String id = awaitOk(
                        "/alerts?character=" + enc(who), b -> b.path("alerts").size() == 1)
                .path("alerts")
                .get(0)
                .path("id")
                .asText();
        String cookie = overlord.cookieHeader(overlord.sessionCookie());
        HttpResponse<String> ack =
                overlord.postJson("/alerts/" + id + "/ack", "{}", "Cookie", cookie, "Origin", overlord.origin());
        assertEquals(200, ack.statusCode(), ack.body());
        JsonNode body = parse(ack.body());
        assertEquals(id, body.path("id").asText());
        assertEquals(RunningServer.ADMIN, body.path("acknowledged_by").asText());
        AtomicReference<String> at =
                new AtomicReference<>(body.path("acknowledged_at").asText());
        HttpResponse<String> again =
                overlord.postJson("/alerts/" + id + "/ack", "{}", "Cookie", cookie, "Origin", overlord.origin());
        assertEquals(at.get(), parse(again.body()).path("acknowledged_at").asText(), "the first stands");
        JsonNode listed = ok("/alerts?character=" + enc(who)).path("alerts").get(0);
        assertEquals(RunningServer.ADMIN, listed.path("acknowledged_by").asText());

        HttpResponse<String> unknown =
                overlord.postJson("/alerts/no-such-alert/ack", "{}", "Cookie", cookie, "Origin", overlord.origin());
        assertEquals(404, unknown.statusCode(), unknown.body());
        HttpResponse<String> foreign =
                overlord.postJson("/alerts/" + id + "/ack", "{}", "Cookie", cookie, "Origin", "https://evil.example");
        assertEquals(403, foreign.statusCode(), "a foreign page cannot acknowledge: " + foreign.body());
    }

    @Test
    void pagingWalksBackwardsAndBadParametersAre400() {
        String who = "Alert Pager";
        try (SocketClient plugin = overlord.plugin()) {
            for (int i = 0; i < 3; i++) {
                plugin.send(Frames.chat(who, "whirlwind of vortexes " + i));
            }
        }
        // One vortex alert per minute per character: three lines are one alert.
        awaitOk("/alerts?character=" + enc(who), b -> b.path("alerts").size() == 1);
        JsonNode all = ok("/alerts?limit=500").path("alerts");
        assertTrue(all.size() >= 1);
        JsonNode first = ok("/alerts?limit=1");
        assertEquals(1, first.path("alerts").size());
        String next = first.path("next_before").asText();
        assertFalse(next.isEmpty(), first.toString());
        if (all.size() > 1) {
            JsonNode second = ok("/alerts?limit=1&before=" + enc(next)).path("alerts");
            assertEquals(
                    all.get(1).path("id").asText(), second.get(0).path("id").asText());
        }
        assertEquals(400, get("/alerts?limit=0").statusCode());
        assertEquals(
                400,
                get("/alerts?kind=" + enc("Robert'); DROP TABLE alerts;--")).statusCode());
        assertEquals(400, get("/alerts?before=nope-" + "x".repeat(80)).statusCode());
    }

    @Test
    void aPluginCannotForgeAnAlert() {
        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            plugin.send(
                    "{\"type\":\"alert\",\"character_name\":\"Alert Forger\",\"kind\":\"death\",\"message\":\"x\"}");
            JsonNode error = plugin.awaitType("error");
            assertEquals("reserved_type", error.path("reason").asText());
            // The socket goes on: its next frame arrives.
            plugin.send(Frames.chat("Alert Forger", "still here"));
            browser.awaitJson(j -> "chat".equals(j.path("type").asText())
                    && "Alert Forger".equals(j.path("character_name").asText()));
            assertTrue(
                    browser.json().stream()
                            .noneMatch(j -> "alert".equals(j.path("type").asText())
                                    && "Alert Forger"
                                            .equals(j.path("character_name").asText())),
                    "no forged alert reached the browser");
        }
    }
}
