package dev.overlord.http.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.persistence.users.PluginTokenStore;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-plugin tokens on {@code /ws/position}: a token speaks only for its characters (others'
 * frames refused, counted, told, socket kept), the shared secret still works, and a character
 * claimed by a second live session is listed at {@code GET /plugins/contested}.
 */
class PluginTokenTest {
    @RegisterExtension
    static final RunningServer overlord = RunningServer.create().with("overlord.auth.session-refresh = 200 ms");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String token(String label, String... characters) {
        String token =
                new PluginTokenStore(overlord.server().database().dataSource()).create(label, List.of(characters));
        // The server rereads tokens every 200 ms here; until then the token is unknown (401).
        SocketClient.waiting("token " + label + " known")
                .until(() -> SocketClient.handshakeStatus(
                                overlord.ws("/ws/position"), Map.of(PluginSocketRoute.SECRET_HEADER, token))
                        != 401);
        return token;
    }

    @Test
    void aTokenSpeaksForItsCharactersOnlyAndTheSocketGoesOn() {
        String token = token("alts-of-ann", "Ann", "Ann Two");
        long refusedBefore = overlord.metric("overlord_frames_rejected_total", "reason", "character_not_allowed");
        try (SocketClient plugin = SocketClient.connect(overlord.ws("/ws/position?secret=" + token), Map.of())) {
            plugin.send(Frames.chat("ann", "mine (names compare case-insensitively)"));
            plugin.send(Frames.chat("Bob", "posing as Bob"));
            JsonNode error = plugin.awaitType("error");
            assertEquals("character_not_allowed", error.path("reason").asText());
            assertTrue(error.path("detail").asText().contains("alts-of-ann"), error.toString());

            plugin.send(Frames.chat("Ann Two", "still here"));
            SocketClient.waiting("the later frame stored")
                    .until(() -> overlord.metric("overlord_frames_in_total", "type", "chat") >= 2);
            assertFalse(plugin.isClosed(), "the socket is kept");
        }
        assertEquals(
                refusedBefore + 1,
                overlord.metric("overlord_frames_rejected_total", "reason", "character_not_allowed"));
    }

    @Test
    void theSharedSecretStillSpeaksForAnyone() {
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.chat("Anyone", "hello"));
            SocketClient.waiting("accepted")
                    .until(() -> overlord.metric("overlord_frames_in_total", "type", "chat") >= 1);
            assertTrue(plugin.json().stream()
                    .noneMatch(j -> j.path("type").asText().equals("error")));
        }
    }

    @Test
    void aSecondLiveSessionClaimingACharacterIsListed() throws Exception {
        try (SocketClient first = overlord.plugin();
                SocketClient second = overlord.plugin()) {
            first.send(Frames.chat("Contested Name", "first"));
            // The registry learns claims in order of arrival; give the first a moment by waiting for its echo.
            SocketClient.waiting("first frame in")
                    .until(() -> overlord.metric("overlord_frames_in_total", "type", "chat") >= 1);
            second.send(Frames.chat("Contested Name", "second"));
            SocketClient.waiting("contest counted")
                    .until(() -> overlord.metric("overlord_plugin_claims_contested_total") >= 1);

            HttpResponse<String> r =
                    overlord.get("/plugins/contested", "Cookie", overlord.cookieHeader(overlord.sessionCookie()));
            assertEquals(200, r.statusCode());
            JsonNode contested = JSON.readTree(r.body()).path("contested");
            assertTrue(contested.findValuesAsText("character_name").contains("Contested Name"), r.body());
            assertEquals(401, overlord.get("/plugins/contested").statusCode(), "login required");
        }
    }

    @Test
    void withTokensRequiredTheSharedSecretIsRefused() {
        try (RunningServer strict = RunningServer.create()
                .with("overlord.plugin.require-tokens = on")
                .start()) {
            assertEquals(
                    401,
                    SocketClient.handshakeStatus(
                            strict.ws("/ws/position"), Map.of(PluginSocketRoute.SECRET_HEADER, strict.sharedSecret())));
        }
    }
}
