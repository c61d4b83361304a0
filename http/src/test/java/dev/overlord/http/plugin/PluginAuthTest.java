package dev.overlord.http.plugin;

import static dev.overlord.http.testing.RunningServer.urlEncode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /ws/position} admits a plugin only with the shared secret, and refuses others before the upgrade. */
class PluginAuthTest {
    @RegisterExtension
    static final RunningServer overlord = RunningServer.create();

    @Test
    void theSecretInTheQueryOpensASession() {
        try (SocketClient plugin = SocketClient.connect(
                overlord.ws("/ws/position?secret=" + urlEncode(overlord.sharedSecret())), Map.of())) {
            assertAnswersAsASession(plugin);
        }
    }

    @Test
    void theSecretInTheHeaderOpensASession() {
        try (SocketClient plugin = SocketClient.connect(
                overlord.ws("/ws/position"), Map.of(PluginSocketRoute.SECRET_HEADER, overlord.sharedSecret()))) {
            assertAnswersAsASession(plugin);
        }
    }

    @Test
    void aWrongSecretIsRefusedWith401BeforeTheUpgrade() {
        assertEquals(401, SocketClient.handshakeStatus(overlord.ws("/ws/position?secret=wrong"), Map.of()));
        assertEquals(
                401,
                SocketClient.handshakeStatus(
                        overlord.ws("/ws/position"),
                        Map.of(PluginSocketRoute.SECRET_HEADER, overlord.sharedSecret() + "x")));
    }

    @Test
    void aMissingSecretIsRefusedWith401BeforeTheUpgrade() {
        assertEquals(401, SocketClient.handshakeStatus(overlord.ws("/ws/position"), Map.of()));
        assertEquals(401, SocketClient.handshakeStatus(overlord.ws("/ws/position?secret="), Map.of()));
    }

    @Test
    void theRefusalSaysWhyWithoutAWebSocket() {
        var refused = overlord.get("/ws/position?secret=wrong");
        assertEquals(401, refused.statusCode());
        assertEquals("invalid or missing plugin secret", refused.body());
    }

    /** A plugin session answers a frame that is not JSON with an error: the socket reached one. */
    private static void assertAnswersAsASession(SocketClient plugin) {
        plugin.send("hello?");
        assertEquals("malformed_json", plugin.awaitType("error").path("reason").asText());
    }
}
