package dev.overlord.http.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.agent.mcp.Jackson2McpJsonMapper;
import dev.overlord.agent.mcp.McpStdio;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The twelve tools through a real MCP client, over {@code /mcp} (Streamable HTTP) and over stdio
 * (the {@link McpStdio} subprocess forwarding to {@code /mcp}), against a server fed real frames
 * over a real plugin socket: each answers what its endpoint answers, refusals come back as tool
 * errors with the reason, and {@code /mcp} admits only a login or a token.
 */
class McpToolsTest {
    static final String TOKEN = "mcp-token-" + UUID.randomUUID();

    @RegisterExtension
    static final RunningServer overlord = RunningServer.create().with("overlord.agent.mcp.token = \"" + TOKEN + "\"");

    static final String WHO = "Mcp Larsson";
    static final String RARE = "Pearl of Blood Drinking";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static McpSyncClient http;

    @BeforeAll
    static void play() {
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.telemetry(WHO, 12.5, -33.0, 118));
            plugin.send(Frames.vitals(WHO, 0));
            ObjectNode inv = Frames.of("full_inventory", WHO);
            ArrayNode items = inv.putArray("items");
            item(items, 1001, "Olthoi Helm", "Armor", "Head", true, 600, List.of("Legendary Strength", "Major Focus"))
                    .put("armor_set", "Soldier's Set");
            item(
                            items,
                            1002,
                            "Celdon Breastplate",
                            "Armor",
                            "Chest, Abdomen, UpperArms",
                            true,
                            640,
                            List.of("Legendary Endurance"))
                    .put("armor_set", "Soldier's Set")
                    .put("crit_damage_rating", 2);
            item(items, 1003, "Gold Ring", "Jewelry", "LeftFinger, RightFinger", false, 0, List.of("Major Armor"));
            item(items, 1004, "Prismatic Taper", "SpellComponent", "", false, 0, List.of())
                    .put("stack_size", 318);
            plugin.send(inv);
            plugin.send(Frames.of("combat_stats", WHO)
                    .put("session_id", "s1")
                    .put("kills", 5)
                    .set("offense", JSON.createObjectNode().put("attacks", 10).put("hits", 8)));
            ObjectNode quest = Frames.of("quest", WHO);
            quest.putArray("quests")
                    .addObject()
                    .put("name", "stipendtimer_0812")
                    .put("solves", 14);
            plugin.send(quest);
            plugin.send(Frames.rare(WHO, RARE));
            String c = RunningServer.urlEncode(WHO).replace("+", "%20");
            awaitOk("/inventory/" + c, b -> b.path("item_count").asInt() == 4);
            awaitOk("/combat-stats/" + c, b -> b.path("sessions").size() == 1);
            awaitOk("/quests/" + c, b -> b.path("quests").has("stipendtimer_0812"));
            awaitOk("/rares?character=" + c, b -> b.path("rares").size() == 1);
        }
        http = McpClient.sync(HttpClientStreamableHttpTransport.builder(overlord.origin())
                        .endpoint("/mcp")
                        .jsonMapper(new Jackson2McpJsonMapper())
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + TOKEN))
                        .build())
                .requestTimeout(TIMEOUT)
                .build();
        http.initialize();
    }

    @AfterAll
    static void closeClient() {
        if (http != null) http.closeGracefully();
    }

    static ObjectNode item(
            ArrayNode items,
            long id,
            String name,
            String cls,
            String mask,
            boolean equipped,
            int al,
            List<String> spells) {
        ObjectNode i = items.addObject()
                .put("id", id)
                .put("name", name)
                .put("object_class", cls)
                .put("container_id", cls.equals("SpellComponent") ? 2000 : 0)
                .put("equipped", equipped);
        if (!mask.isEmpty()) i.put("equip_mask", mask);
        if (al > 0) i.put("armor_level", al);
        ArrayNode s = i.putArray("spells");
        spells.forEach(s::add);
        return i;
    }

    static void awaitOk(String path, java.util.function.Predicate<JsonNode> ready) {
        SocketClient.waiting(path).until(() -> {
            HttpResponse<String> r = overlord.get(path);
            return r.statusCode() == 200 && ready.test(JSON.readTree(r.body()));
        });
    }

    // ---- every tool ----

    static final List<String> TWELVE = List.of(
            "get_live_players",
            "get_player_state",
            "get_combat_stats",
            "get_equipment_cantrips",
            "get_inventory",
            "get_inventory_search",
            "search_items",
            "get_recent_rares",
            "get_quest_status",
            "get_server_health",
            "query_telemetry_db",
            "suitbuilder_search");

    @Test
    void listsTheTwelveToolsWithStrictSchemas() {
        listsTwelve(http);
    }

    static void listsTwelve(McpSyncClient client) {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertEquals(TWELVE, tools.stream().map(McpSchema.Tool::name).toList());
        for (McpSchema.Tool t : tools) {
            assertEquals("object", t.inputSchema().get("type"), t.name());
            assertEquals(false, t.inputSchema().get("additionalProperties"), t.name());
            assertTrue(t.description().length() > 20, t.name());
            assertEquals(Boolean.TRUE, t.annotations().readOnlyHint(), t.name());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> limit = (Map<String, Object>)
                ((Map<String, Object>) tools.get(4).inputSchema().get("properties")).get("limit");
        assertEquals(1, ((Number) limit.get("minimum")).intValue());
        assertEquals(500, ((Number) limit.get("maximum")).intValue());
    }

    @Test
    void everyToolAnswersOverHttp() {
        everyToolAnswers(http);
    }

    @Test
    void everyToolAnswersOverStdio() {
        try (StdioSubprocess stdio = new StdioSubprocess(TOKEN)) {
            listsTwelve(stdio.client);
            everyToolAnswers(stdio.client);
            McpSchema.CallToolResult refused = stdio.client.callTool(call("get_inventory", Map.of("character", 7)));
            assertTrue(refused.isError());
            assertEquals("get_inventory: argument 'character' must be a string, got the whole number 7", text(refused));
        }
    }

    static Process stdio(String token) throws java.io.IOException {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                McpStdio.class.getName());
        pb.environment().put(McpStdio.URL_ENV, overlord.origin() + "/mcp");
        pb.environment().put(McpStdio.TOKEN_ENV, token);
        return pb.start();
    }

    @Test
    void aStdioServerExitsWhenItsClientClosesItsInput() throws Exception {
        Process p = stdio(TOKEN);
        try {
            p.getOutputStream().close();
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "McpStdio did not exit");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aStdioServerWithAWrongTokenSaysSoAndExits() throws Exception {
        Process p = stdio("wrong-" + TOKEN);
        try {
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "McpStdio did not exit");
            assertEquals(1, p.exitValue());
            String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(err.contains("did not answer"), err);
            assertFalse(err.contains(TOKEN), "the token is never printed");
            assertEquals(0, p.getInputStream().readAllBytes().length, "nothing on stdout, the protocol's channel");
        } finally {
            p.destroyForcibly();
        }
    }

    static void everyToolAnswers(McpSyncClient c) {
        // online means telemetry within the last 30 s: say something now
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.telemetry(WHO, 12.5, -33.0, 118));
            SocketClient.waiting("online")
                    .until(() -> overlord.get("/live").body().contains(WHO));
        }
        JsonNode live = ok(c, "get_live_players", Map.of());
        assertTrue(live.path("count").asInt() >= 1, live.toString());
        assertTrue(names(live.path("players"), "character_name").contains(WHO), live.toString());

        JsonNode state = ok(c, "get_player_state", Map.of("character", WHO));
        assertEquals(WHO, state.path("character_name").asText());
        assertTrue(state.path("online").asBoolean());
        assertEquals(400, state.path("vitals").path("health_current").asInt());
        assertEquals(118, state.path("telemetry").path("kills").asInt());

        JsonNode combat = ok(c, "get_combat_stats", Map.of("character", WHO, "sessions", 1));
        assertEquals(1, combat.path("sessions").size());
        assertEquals(5, combat.path("lifetime").path("totals").path("kills").asInt(), combat.toString());

        JsonNode gear = ok(c, "get_equipment_cantrips", Map.of("character", WHO));
        assertEquals(List.of("Celdon Breastplate", "Olthoi Helm"), names(gear.path("equipped"), "name"));
        List<String> spells = new ArrayList<>();
        gear.path("spells").forEach(s -> spells.add(s.asText()));
        assertEquals(List.of("Legendary Endurance", "Legendary Strength", "Major Focus"), spells);

        JsonNode inventory = ok(c, "get_inventory", Map.of("character", WHO, "limit", 2));
        assertEquals(4, inventory.path("item_count").asInt());
        assertEquals(2, inventory.path("items").size());
        assertTrue(inventory.path("more").asBoolean());

        JsonNode mine = ok(c, "get_inventory_search", Map.of("character", WHO, "q", "ring"));
        assertEquals(List.of("Gold Ring"), names(mine.path("items"), "name"));

        JsonNode found = ok(
                c,
                "search_items",
                Map.of(
                        "spells_any",
                        List.of("Legendary Strength", "Legendary Endurance"),
                        "min_ratings",
                        Map.of("crit_damage", 2),
                        "characters",
                        List.of(WHO)));
        assertEquals(1, found.path("total").asInt(), found.toString());
        assertEquals(
                "Celdon Breastplate", found.path("items").get(0).path("name").asText());

        JsonNode rares = ok(c, "get_recent_rares", Map.of("character", WHO, "limit", 5));
        assertEquals(RARE, rares.path("rares").get(0).path("name").asText());

        JsonNode quests = ok(c, "get_quest_status", Map.of("character", WHO));
        assertEquals(
                14,
                quests.path("quests").path("stipendtimer_0812").path("solves").asInt());

        JsonNode health = ok(c, "get_server_health", Map.of());
        assertEquals("unknown", health.path("status").asText(), health.toString());

        // The server's own read-only pool: the rare the plugin reported, counted in SQL.
        JsonNode counted = ok(
                c,
                "query_telemetry_db",
                Map.of(
                        "sql",
                        "SELECT COUNT(*) AS n FROM rare_events WHERE character_name = '" + WHO + "' AND name = '"
                                + RARE.replace("'", "''") + "'"));
        assertEquals(1, counted.path("rows").get(0).get(0).asInt(), counted.toString());
        assertFalse(counted.path("truncated").asBoolean(), counted.toString());
        McpSchema.CallToolResult refused = c.callTool(call("query_telemetry_db", Map.of("sql", "SELECT * FROM users")));
        assertTrue(refused.isError());
        assertEquals("table users is not visible", text(refused));

        JsonNode suits = ok(
                c,
                "suitbuilder_search",
                Map.of(
                        "characters",
                        List.of(WHO),
                        "primary_set",
                        Map.of("name", "Soldier's Set", "pieces", 2),
                        "cantrips",
                        List.of("Legendary Strength"),
                        "results",
                        2,
                        "time_limit_s",
                        10));
        assertEquals("complete", suits.path("done").path("reason").asText(), suits.toString());
        JsonNode best = suits.path("suits").get(0);
        assertEquals(1, best.path("rank").asInt());
        assertEquals(2, best.path("sets").path("Soldier's Set").asInt(), best.toString());
        assertTrue(best.path("covered").toString().contains("Legendary Strength"));
    }

    @Test
    void aLongAnswerIsCutToTheBoundWithANote() throws Exception {
        String hoarder = "Mcp Hoarder";
        try (SocketClient plugin = overlord.plugin()) {
            ObjectNode inv = Frames.of("full_inventory", hoarder);
            ArrayNode items = inv.putArray("items");
            for (int i = 0; i < 400; i++) {
                item(
                        items,
                        50_000 + i,
                        "Hoarded Robe " + i + " of the Long Name",
                        "Clothing",
                        "Chest",
                        false,
                        0,
                        List.of(
                                "Legendary Focus",
                                "Legendary Willpower",
                                "Epic Creature Enchantment Aptitude",
                                "Major Armor",
                                "Epic Strength"));
            }
            plugin.send(inv);
            awaitOk("/inventory/Mcp%20Hoarder", b -> b.path("item_count").asInt() == 400);
        }
        McpSchema.CallToolResult r = http.callTool(call("get_inventory", Map.of("character", hoarder, "limit", 500)));
        String text = text(r);
        assertTrue(text.length() <= dev.overlord.agent.tools.OverlordTools.MAX_ANSWER_CHARS, "" + text.length());
        JsonNode answer = JSON.readTree(text);
        assertEquals(400, answer.path("item_count").asInt());
        int kept = answer.path("items").size();
        assertTrue(kept > 10 && kept < 400, "kept " + kept);
        assertEquals(
                kept,
                answer.path("truncated")
                        .path("lists")
                        .path("items")
                        .path("kept")
                        .asInt());
        assertEquals(
                400,
                answer.path("truncated").path("lists").path("items").path("of").asInt());
    }

    // ---- refusals ----

    @Test
    void argumentsTheSchemaRefusesComeBackAsToolErrorsWithTheReason() {
        assertEquals(
                "get_inventory: argument 'character' must be a string, got the whole number 7",
                refusal("get_inventory", Map.of("character", 7)));
        assertEquals(
                "get_inventory: argument 'limit' must be from 1 to 500, got 0",
                refusal("get_inventory", Map.of("character", WHO, "limit", 0)));
        assertEquals("get_combat_stats: argument 'character' is required", refusal("get_combat_stats", Map.of()));
        assertEquals(
                "get_recent_rares: argument 'character' must be at most 64 characters, got 65",
                refusal("get_recent_rares", Map.of("character", "x".repeat(65))));
        assertTrue(refusal("get_server_health", Map.of("drop", "tables"))
                .startsWith("get_server_health: unknown argument 'drop'"));
        assertEquals(
                "search_items: argument 'sort' must be one of name, armor_level, max_damage, workmanship, value,"
                        + " tinks, character_name, got 'price'",
                refusal("search_items", Map.of("sort", "price")));
        assertEquals(
                "suitbuilder_search: argument 'primary_set.pieces' must be from 0 to 11, got 12",
                refusal(
                        "suitbuilder_search",
                        Map.of(
                                "characters",
                                List.of(WHO),
                                "primary_set",
                                Map.of("name", "Soldier's Set", "pieces", 12))));
        assertEquals(
                "query_telemetry_db: argument 'sql' must be at most 10000 characters, got 10001",
                refusal("query_telemetry_db", Map.of("sql", "s".repeat(10_001))));
    }

    @Test
    void whatTheEndpointRefusesComesBackAsAToolErrorWithItsMessage() {
        assertEquals(
                "unknown character 'Nobody Here'", refusal("get_quest_status", Map.of("character", "Nobody Here")));
        assertTrue(
                refusal("get_player_state", Map.of("character", "Nobody Here")).startsWith("no live state for"));
        assertTrue(refusal("search_items", Map.of("min_ratings", Map.of("luck", 1)))
                .startsWith("parameter 'min_rating_luck': is not a rating"));
    }

    @Test
    void anUnknownToolIsAnErrorNamingIt() {
        String refused = refusal("drop_tables", Map.of());
        assertTrue(refused.startsWith("unknown tool 'drop_tables'; tools are get_live_players, "), refused);
    }

    // ---- access ----

    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
             "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""";

    static HttpResponse<String> post(String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Accept", "application/json, text/event-stream"));
        all.addAll(List.of(headers));
        return overlord.postJson("/mcp", body, all.toArray(String[]::new));
    }

    @Test
    void onlyALoginOrTheTokenMayCall() {
        HttpResponse<String> none = post(INITIALIZE);
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").isPresent());
        assertEquals(
                401, post(INITIALIZE, "Authorization", "Bearer wrong-" + TOKEN).statusCode());
        assertEquals(401, post(INITIALIZE, "Authorization", "Basic " + TOKEN).statusCode());
        assertEquals(
                401,
                post(INITIALIZE, "Cookie", overlord.cookieHeader("forged.0.0.sig"))
                        .statusCode());

        HttpResponse<String> token = post(INITIALIZE, "Authorization", "Bearer " + TOKEN);
        assertEquals(200, token.statusCode(), token.body());
        assertTrue(token.body().contains("\"serverInfo\""), token.body());
        HttpResponse<String> cookie = post(INITIALIZE, "Cookie", overlord.cookieHeader(overlord.sessionCookie()));
        assertEquals(200, cookie.statusCode(), cookie.body());
    }

    @Test
    void aForeignPageATooLargeBodyAndGetAreRefused() throws Exception {
        assertEquals(
                403,
                post(INITIALIZE, "Authorization", "Bearer " + TOKEN, "Origin", "https://evil.example")
                        .statusCode());
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":{\"pad\":\""
                + "x".repeat(300 * 1024) + "\"}}";
        assertEquals(413, post(huge, "Authorization", "Bearer " + TOKEN).statusCode());
        HttpResponse<String> get = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(overlord.http("/mcp"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        HttpResponse<String> garbage = post("{not json", "Authorization", "Bearer " + TOKEN);
        assertEquals(400, garbage.statusCode());
        assertTrue(garbage.body().contains("not a JSON-RPC message"), garbage.body());
    }

    // ---- helpers ----

    static McpSchema.CallToolRequest call(String tool, Map<String, Object> args) {
        return new McpSchema.CallToolRequest(tool, args);
    }

    static JsonNode ok(McpSyncClient c, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = c.callTool(call(tool, args));
        assertFalse(Boolean.TRUE.equals(r.isError()), tool + ": " + text(r));
        try {
            return JSON.readTree(text(r));
        } catch (Exception e) {
            throw new AssertionError(tool + " answered no JSON: " + text(r), e);
        }
    }

    static String refusal(String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = http.callTool(call(tool, args));
        assertTrue(Boolean.TRUE.equals(r.isError()), tool + " should refuse: " + text(r));
        return text(r);
    }

    static String text(McpSchema.CallToolResult r) {
        assertEquals(1, r.content().size());
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    static List<String> names(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    /** {@link McpStdio} as a real subprocess on this test's classpath, with a client on its stdin/stdout. */
    static final class StdioSubprocess implements AutoCloseable {
        final McpSyncClient client;

        StdioSubprocess(String token) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ServerParameters params = ServerParameters.builder(java)
                    .args("-cp", System.getProperty("java.class.path"), McpStdio.class.getName())
                    .env(Map.of(McpStdio.URL_ENV, overlord.origin() + "/mcp", McpStdio.TOKEN_ENV, token))
                    .build();
            client = McpClient.sync(new StdioClientTransport(params, new Jackson2McpJsonMapper()))
                    .requestTimeout(TIMEOUT)
                    .initializationTimeout(Duration.ofSeconds(30))
                    .build();
            try {
                client.initialize();
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        }

        @Override
        public void close() {
            client.closeGracefully();
        }
    }
}
