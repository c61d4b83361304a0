package dev.overlord.http.audit;

import static dev.overlord.http.testing.SocketClient.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The command audit trail through real parts: a logged-in browser on {@code /ws/live} sends
 * commands to a character whose plugin is connected and to one that is offline; both are recorded
 * with who, what and whether a plugin took them, and {@code GET /audit/commands} pages through them
 * for logged-in users only.
 */
class CommandAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningServer overlord = RunningServer.create();

    @Test
    void commandsToConnectedAndOfflineCharactersAreRecordedAndPaged() throws Exception {
        try (SocketClient plugin = overlord.plugin();
                SocketClient browser = overlord.browser()) {
            plugin.send(Frames.telemetry("Charlie", 1.0, 2.0, 0));
            // The plugin's session registered Charlie before its frame went live.
            browser.awaitJson(j -> Frames.isEvent(j, "telemetry", "Charlie"));

            browser.send(command("Charlie", "/say hello"));
            assertEquals(
                    "delivered",
                    browser.awaitType("command_result").path("status").asText());
            plugin.awaitJson(j -> "/say hello".equals(j.path("command").asText()));
            browser.send(command("Nobody Home", "/jump"));
            browser.awaitCount(j -> "command_result".equals(j.path("type").asText()), 2);

            JsonNode commands = waiting("both commands recorded")
                    .until(() -> page("?limit=500").path("commands"), c -> c.size() >= 2);
            JsonNode offline = commands.get(0);
            assertEquals("Nobody Home", offline.path("character_name").asText());
            assertEquals("/jump", offline.path("command").asText());
            assertFalse(offline.path("delivered").asBoolean(true));
            assertTrue(offline.path("session_id").isNull(), offline.toString());
            JsonNode delivered = commands.get(1);
            assertEquals("Charlie", delivered.path("character_name").asText());
            assertEquals("/say hello", delivered.path("command").asText());
            assertTrue(delivered.path("delivered").asBoolean(false));
            assertFalse(delivered.path("session_id").asText().isEmpty(), delivered.toString());
            for (JsonNode c : List.of(offline, delivered)) {
                assertEquals(RunningServer.ADMIN, c.path("user").asText());
                assertEquals("127.0.0.1", c.path("client_address").asText());
                assertTrue(c.path("at").asText().endsWith("Z"), c.toString());
                assertTrue(c.path("id").asLong() > 0, c.toString());
            }
            assertTrue(offline.path("id").asLong() > delivered.path("id").asLong(), "newest first");

            JsonNode charlie = page("?character=Charlie").path("commands");
            assertEquals(1, charlie.size(), charlie.toString());
            assertEquals("/say hello", charlie.get(0).path("command").asText());

            // A long command is kept cut to 1 KiB; five more to page through.
            browser.send(command("Nobody Home", "x".repeat(3000)));
            for (int i = 0; i < 4; i++) browser.send(command("Paged", "/page " + i));
            waiting("seven commands recorded")
                    .until(() -> page("?limit=500").path("commands").size() >= 7);
            JsonNode all = page("?limit=500").path("commands");
            assertEquals(1024, all.get(4).path("command").asText().length(), "the long command is cut");

            List<Long> paged = new ArrayList<>();
            String query = "?limit=3";
            int pages = 0;
            while (query != null) {
                JsonNode p = page(query);
                p.path("commands").forEach(c -> paged.add(c.path("id").asLong()));
                pages++;
                JsonNode next = p.path("next_before");
                query = next.isNull() ? null : "?limit=3&before=" + next.asLong();
            }
            List<Long> ids = new ArrayList<>();
            all.forEach(c -> ids.add(c.path("id").asLong()));
            assertEquals(ids, paged, "pages of 3 give every command once, newest first");
            assertEquals(3, pages);
        }
    }

    @Test
    void anAnonymousRequestIsRefusedAndBadParametersAreSaid() throws Exception {
        assertEquals(401, overlord.get("/audit/commands").statusCode());
        HttpResponse<String> bad =
                overlord.get("/audit/commands?limit=501", "Cookie", overlord.cookieHeader(overlord.sessionCookie()));
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(JSON.readTree(bad.body()).path("error").asText().contains("limit"), bad.body());
        HttpResponse<String> badBefore =
                overlord.get("/audit/commands?before=-3", "Cookie", overlord.cookieHeader(overlord.sessionCookie()));
        assertEquals(400, badBefore.statusCode(), badBefore.body());
    }

    private static String command(String character, String text) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("player_name", character)
                .put("command", text)
                .toString();
    }

    private static JsonNode page(String query) throws Exception {
        HttpResponse<String> r =
                overlord.get("/audit/commands" + query, "Cookie", overlord.cookieHeader(overlord.sessionCookie()));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
