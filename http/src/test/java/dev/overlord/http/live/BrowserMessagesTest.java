package dev.overlord.http.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a browser may say on {@code /ws/live}: subscribe to event types, send a command to a
 * character's plugin, ask for a dungeon map. Anything else is answered with an error and the
 * socket stays open.
 */
class BrowserMessagesTest {
    @RegisterExtension
    static final RunningServer overlord = RunningServer.create();

    /** Sends a chat marker and waits for it: every event published before it has been delivered. */
    private static void flush(SocketClient plugin, SocketClient browser, String character) {
        String marker = "marker-" + System.nanoTime();
        plugin.send(Frames.chat(character, marker));
        browser.awaitJson(j -> Frames.isEvent(j, "chat", character)
                && marker.equals(j.path("text").asText()));
    }

    @Test
    void aSubscriptionLetsOnlyItsTypesThroughButAnswersStillArrive() {
        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            browser.send("{\"type\":\"subscribe\",\"message_types\":[\"chat\",\"rare\"]}");
            JsonNode ack = browser.awaitType("subscribed");
            assertEquals(Set.of("chat", "rare"), names(ack.path("message_types")));

            plugin.send(Frames.telemetry("Fenn", 1, 2, 3));
            plugin.send(Frames.vitals("Fenn", 0));
            plugin.send(Frames.rare("Fenn", "Dragonslayer Pendant"));
            plugin.send(Frames.of("spawn", "Fenn").put("mob", "Tusker Guard"));
            browser.send("{\"type\":\"what_is_this\"}");
            flush(plugin, browser, "Fenn");

            assertEquals(
                    Set.of("chat", "rare"),
                    browser.events().stream().map(j -> j.path("type").asText()).collect(Collectors.toSet()));
            assertEquals(2, browser.events().size());
            assertTrue(
                    browser.awaitType("error").path("error").asText().contains("what_is_this"),
                    "control messages pass the filter");
        }
    }

    @Test
    void anEmptySubscriptionMeansEverything() {
        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            browser.send("{\"type\":\"subscribe\",\"message_types\":[\"chat\"]}");
            browser.awaitType("subscribed");
            browser.send("{\"type\":\"subscribe\",\"message_types\":[]}");
            browser.awaitCount(
                    j -> "subscribed".equals(j.path("type").asText())
                            && j.path("message_types").isEmpty(),
                    1);

            plugin.send(Frames.telemetry("Ivo", 1, 2, 3));
            plugin.send(Frames.vitals("Ivo", 0));
            flush(plugin, browser, "Ivo");

            assertEquals(
                    List.of("telemetry", "vitals", "chat"),
                    browser.events().stream().map(j -> j.path("type").asText()).toList());
        }
    }

    @Test
    void aCommandReachesThePluginThatSpeaksForTheCharacter() {
        try (SocketClient browser = overlord.browser();
                SocketClient larsson = overlord.plugin();
                SocketClient other = overlord.plugin()) {
            larsson.send(Frames.telemetry("Larsson", 10, 20, 1));
            other.send(Frames.telemetry("Kestrel", 30, 40, 1));
            browser.awaitJson(j -> Frames.isEvent(j, "telemetry", "Larsson"));
            browser.awaitJson(j -> Frames.isEvent(j, "telemetry", "Kestrel"));

            String command = "{\"player_name\":\"Larsson\",\"command\":\"/radar start\"}";
            browser.send(command);

            JsonNode result = browser.awaitType("command_result");
            assertEquals("delivered", result.path("status").asText());
            assertEquals("Larsson", result.path("player_name").asText());
            assertEquals("/radar start", result.path("command").asText());
            assertEquals(
                    List.of(command),
                    larsson.awaitCount(j -> j.has("command"), 1).stream()
                            .map(JsonNode::toString)
                            .toList());
            flush(other, browser, "Kestrel");
            assertTrue(other.texts().isEmpty(), "only Larsson's plugin gets it: " + other.texts());
        }
    }

    @Test
    void aCommandForACharacterNoPluginSpeaksForIsReportedOffline() {
        try (SocketClient browser = overlord.browser()) {
            browser.send("{\"player_name\":\"Nobody Here\",\"command\":\"/vt start\"}");

            JsonNode result = browser.awaitType("command_result");
            assertEquals("offline", result.path("status").asText());
            assertEquals("Nobody Here", result.path("player_name").asText());
            assertTrue(result.path("error").asText().contains("not connected"), result.toString());
        }
    }

    @Test
    void aCommandGoesOfflineWhenThePluginDisconnects() {
        try (SocketClient browser = overlord.browser()) {
            try (SocketClient plugin = overlord.plugin()) {
                plugin.send(Frames.telemetry("Lumen", 1, 1, 1));
                browser.awaitJson(j -> Frames.isEvent(j, "telemetry", "Lumen"));
            }
            // The registry forgets the session once it has stopped; ask until it has.
            SocketClient.waiting("Lumen to be reported offline").until(() -> {
                int asked = browser.json().stream()
                        .filter(BrowserMessagesTest::isCommandResult)
                        .toList()
                        .size();
                browser.send("{\"player_name\":\"Lumen\",\"command\":\"/ping\"}");
                List<JsonNode> results = browser.awaitCount(BrowserMessagesTest::isCommandResult, asked + 1);
                return "offline".equals(results.get(asked).path("status").asText());
            });
        }
    }

    @Test
    void aDungeonMapRequestGetsTheLatestMapOfThatLandblock() {
        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            ObjectNode older = Frames.dungeonMap("Orrin", "0x01AB", "old tiles");
            ObjectNode newer = Frames.dungeonMap("Orrin", "0x01AB", "new tiles");
            ObjectNode elsewhere = Frames.dungeonMap("Orrin", "0x02CD", "other tiles");
            plugin.send(older).send(newer).send(elsewhere);
            browser.awaitCount(j -> Frames.isEvent(j, "dungeon_map", "Orrin"), 3);

            browser.send("{\"type\":\"request_dungeon_map\",\"landblock\":\"0x01AB\"}");

            JsonNode map =
                    browser.awaitJson(j -> "dungeon_map".equals(j.path("type").asText()) && !j.has("seq"));
            assertEquals(newer.toString(), map.toString());
        }
    }

    @Test
    void aDungeonMapRequestForAnUnknownLandblockIsAnError() {
        try (SocketClient browser = overlord.browser()) {
            browser.send("{\"type\":\"request_dungeon_map\",\"landblock\":\"0xFFFF\"}");
            assertTrue(browser.awaitType("error").path("error").asText().contains("0xFFFF"));
        }
    }

    @Test
    void malformedUnknownAndBinaryMessagesAreAnsweredAndTheSocketStaysOpen() {
        try (SocketClient browser = overlord.browser();
                SocketClient plugin = overlord.plugin()) {
            browser.send("{not json");
            browser.send("{\"type\":\"launch_missiles\"}");
            browser.sendBinary(new byte[] {1, 2, 3});
            browser.send("{\"player_name\":\"Pike\"}");

            List<String> errors = browser
                    .awaitCount(j -> "error".equals(j.path("type").asText()), 4)
                    .stream()
                    .map(j -> j.path("error").asText())
                    .toList();
            assertTrue(errors.contains("not valid JSON"), errors.toString());
            assertTrue(errors.contains("unknown message type 'launch_missiles'"), errors.toString());
            assertTrue(errors.contains("binary messages are not supported; send JSON text"), errors.toString());
            assertTrue(errors.contains("a command needs both player_name and command"), errors.toString());

            plugin.send(Frames.chat("Pike", "still listening?"));
            assertEquals(
                    "still listening?",
                    browser.awaitJson(j -> Frames.isEvent(j, "chat", "Pike"))
                            .path("text")
                            .asText());
            assertFalse(browser.isClosed());
        }
    }

    private static boolean isCommandResult(JsonNode j) {
        return "command_result".equals(j.path("type").asText());
    }

    private static Set<String> names(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
