package dev.overlord.agent.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.agent.sql.SqlRefused;
import dev.overlord.agent.sql.TelemetrySql;
import dev.overlord.inventory.Item;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The assistant's twelve read-only tools. Each checks its arguments against its schema, then asks
 * the server's own HTTP API ({@link ReadApi}) the question an operator's browser would, so a tool
 * answers exactly what that endpoint answers, with its checks and load limits; {@code
 * query_telemetry_db} goes to the SQL walls instead. Answers are cut to {@link #MAX_ANSWER_CHARS}.
 */
public final class OverlordTools implements ToolBox {
    /** About 15,000 tokens: enough for a page of items, small enough for a model's context. */
    public static final int MAX_ANSWER_CHARS = 60_000;

    /** The twelve tools' names, in the order they are listed. */
    public static final List<String> NAMES = List.of(
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

    static final int MAX_NAME = 64;
    static final int MAX_TEXT = 128;
    static final int MAX_SQL = 10_000;
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Tool(ToolSpec spec, Function<JsonNode, CompletionStage<ObjectNode>> run) {}

    private final ReadApi api;
    private final Optional<TelemetrySql> sql;
    private final Executor blocking;
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    /**
     * @param api the server's HTTP API, answered in-process
     * @param sql the SQL walls; empty when the telemetry SQL tool is not configured
     * @param blocking where the SQL tool's blocking query runs (never an actor's or a stream's thread)
     */
    public OverlordTools(ReadApi api, Optional<TelemetrySql> sql, Executor blocking) {
        this.api = api;
        this.sql = sql;
        this.blocking = blocking;
        define();
        if (!List.copyOf(tools.keySet()).equals(NAMES))
            throw new IllegalStateException("the tools defined are not the ones NAMES lists: " + tools.keySet());
    }

    @Override
    public List<ToolSpec> specs() {
        return tools.values().stream().map(Tool::spec).toList();
    }

    @Override
    public CompletionStage<JsonNode> call(String name, JsonNode arguments) {
        Tool tool = name == null ? null : tools.get(name);
        if (tool == null) {
            return CompletableFuture.failedFuture(
                    new ToolError("unknown tool '" + ArgumentSchema.shorten(String.valueOf(name)) + "'; tools are "
                            + String.join(", ", tools.keySet())));
        }
        Optional<String> bad = ArgumentSchema.check(tool.spec().inputSchema(), arguments);
        if (bad.isPresent()) return CompletableFuture.failedFuture(new ToolError(name + ": " + bad.get()));
        JsonNode args = arguments == null || !arguments.isObject() ? F.objectNode() : arguments;
        try {
            return tool.run().apply(args).thenApply(answer -> (JsonNode) AnswerBound.cap(answer, MAX_ANSWER_CHARS));
        } catch (ToolError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void define() {
        add(
                "get_live_players",
                "Characters online now (telemetry in the last 30 s): each one's latest telemetry frame"
                        + " (position ew/ns/z, kills, kills_per_hour, deaths, rares_found, vt_state). Answers GET /live.",
                ArgumentSchema.object(),
                a -> get("/live", Map.of()).thenApply(live -> {
                    ObjectNode out = F.objectNode();
                    out.put("count", live.path("players").size());
                    out.set("players", live.path("players"));
                    return out;
                }));
        add(
                "get_player_state",
                "One character's live state: its latest telemetry and vitals frames, when it was last heard"
                        + " from and whether it is online. Answers GET /live/{character}.",
                character(),
                a -> get("/live/" + segment(text(a, "character")), Map.of()));
        add(
                "get_combat_stats",
                "A character's combat statistics: lifetime totals (offense, defense, by element, by monster)"
                        + " and its latest sessions, newest first. Answers GET /combat-stats/{character}.",
                character().integer("sessions", "how many recent sessions to include (default 3)", 1, 20, false),
                a -> get(
                        "/combat-stats/" + segment(text(a, "character")),
                        Map.of(
                                "sessions",
                                List.of(String.valueOf(a.path("sessions").asInt(3))))));
        add(
                "get_equipment_cantrips",
                "What a character wears and wields now, each item with its slots and spells (cantrips"
                        + " included), and every spell its equipment carries. From GET /inventory/{character}.",
                character(),
                a -> get("/inventory/" + segment(text(a, "character")), Map.of())
                        .thenApply(OverlordTools::equipment));
        add(
                "get_inventory",
                "A character's whole inventory, items sorted by name, a page at a time (limit, offset)."
                        + " Answers GET /inventory/{character}.",
                character()
                        .integer("limit", "most items to return (default 100)", 1, 500, false)
                        .integer("offset", "items to skip (default 0)", 0, 100_000, false),
                a -> get("/inventory/" + segment(text(a, "character")), Map.of())
                        .thenApply(inv -> page(
                                inv,
                                a.path("limit").asInt(100),
                                a.path("offset").asInt(0))));
        add(
                "get_inventory_search",
                "Search one character's items: text in the name, object class, armour set, spells, equipped."
                        + " Answers GET /inventory/search?characters={character}.",
                searchFilters(character(), false),
                a -> get("/inventory/search", searchQuery(a, List.of(text(a, "character")))));
        add(
                "search_items",
                "Search items across every character (or those named in 'characters'): name text, object"
                        + " class, material, armour set, spells (all/any), minimum armour level, damage and"
                        + " ratings, tinks, workmanship, wield requirement, equipped; sorted and paged; with"
                        + " counts per set, material and class. Answers GET /inventory/search.",
                searchFilters(ArgumentSchema.object(), true),
                a -> get("/inventory/search", searchQuery(a, strings(a, "characters"))));
        add(
                "get_recent_rares",
                "The latest rare finds, newest first, of every character or one. Answers GET /rares.",
                ArgumentSchema.object()
                        .string("character", "only this character's rares", 1, MAX_NAME, false)
                        .integer("limit", "most rares to return (default 20)", 1, 100, false),
                a -> {
                    Map<String, List<String>> q = new LinkedHashMap<>();
                    q.put("limit", List.of(String.valueOf(a.path("limit").asInt(20))));
                    if (a.hasNonNull("character")) q.put("character", List.of(text(a, "character")));
                    return get("/rares", q);
                });
        add(
                "get_quest_status",
                "A character's quest timers from its latest quest report, keyed by quest name."
                        + " Answers GET /quests/{character}.",
                character(),
                a -> get("/quests/" + segment(text(a, "character")), Map.of()));
        add(
                "get_server_health",
                "The game server's status as the last check saw it: up, down or unknown, players, uptime,"
                        + " latency, since when. Answers GET /server-health.",
                ArgumentSchema.object(),
                a -> get("/server-health", Map.of()));
        add(
                "query_telemetry_db",
                "One read-only SQL SELECT over the telemetry and statistics tables (telemetry_events,"
                        + " spawn_events, rare_events, portals, char_stats, rare_stats, combat_stats,"
                        + " character_stats ...). Only SELECT/WITH; rows and size are capped and a timeout"
                        + " applies; a refusal says why.",
                ArgumentSchema.object().string("sql", "one SELECT statement", 1, MAX_SQL, true),
                this::querySql);
        add(
                "suitbuilder_search",
                "Find the best suits (armour, jewellery, shirt, pants, trinket, cloak) from the named"
                        + " characters' items: sets with piece counts, wanted cantrips and spells, locked"
                        + " items per slot, minimum ratings. Runs POST /inventory/suitbuilder to its end and"
                        + " returns the best suits, best first.",
                suitbuilderSchema(),
                this::suitbuilder);
    }

    private void add(
            String name,
            String description,
            ArgumentSchema schema,
            Function<JsonNode, CompletionStage<ObjectNode>> run) {
        tools.put(name, new Tool(new ToolSpec(name, description, schema.build()), run));
    }

    private static ArgumentSchema character() {
        return ArgumentSchema.object()
                .string("character", "the character's name, exactly as in game", 1, MAX_NAME, true);
    }

    private static ArgumentSchema searchFilters(ArgumentSchema s, boolean acrossCharacters) {
        s.string("q", "text the item's name contains (case-insensitive)", 1, MAX_TEXT, false)
                .strings(
                        "object_class",
                        "any of these object classes (Armor, Jewelry, Clothing, MeleeWeapon ...)",
                        MAX_TEXT,
                        1,
                        20,
                        false)
                .strings("armor_set", "any of these armour sets (\"Soldier's Set\" ...)", MAX_TEXT, 1, 20, false)
                .strings("spells_any", "spell or cantrip names the item has at least one of", MAX_TEXT, 1, 20, false)
                .strings("spells_all", "spell or cantrip names the item has all of", MAX_TEXT, 1, 20, false)
                .bool("equipped", "only items worn (true) or not worn (false)", false)
                .integer("limit", "most items to return (default 20)", 1, 100, false)
                .integer("offset", "items to skip (default 0)", 0, 10_000, false);
        if (!acrossCharacters) return s;
        return s.strings("characters", "only these characters' items", MAX_NAME, 1, 50, false)
                .strings("material", "any of these materials", MAX_TEXT, 1, 20, false)
                .integer("min_armor_level", "at least this armour level", 0, 100_000, false)
                .integer("min_damage", "at least this maximum damage", 0, 100_000, false)
                .integerMap(
                        "min_ratings",
                        "minimum ratings by name: " + String.join(", ", Item.RATINGS),
                        Item.RATINGS.size(),
                        0,
                        10_000,
                        false)
                .integer("tinks_min", "at least this many tinks", 0, 100, false)
                .integer("tinks_max", "at most this many tinks", 0, 100, false)
                .number("workmanship_min", "at least this workmanship", 0, 100, false)
                .number("workmanship_max", "at most this workmanship", 0, 100, false)
                .integer("max_wield", "wield requirement at most this", 0, 100_000, false)
                .oneOf(
                        "sort",
                        "order by (default name)",
                        List.of("name", "armor_level", "max_damage", "workmanship", "value", "tinks", "character_name"),
                        false)
                .oneOf("order", "asc (default) or desc", List.of("asc", "desc"), false);
    }

    private static Map<String, List<String>> searchQuery(JsonNode a, List<String> characters) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("limit", List.of(String.valueOf(a.path("limit").asInt(20))));
        q.put("offset", List.of(String.valueOf(a.path("offset").asInt(0))));
        if (!characters.isEmpty()) q.put("characters", characters);
        for (String list : List.of("object_class", "armor_set", "spells_any", "spells_all", "material")) {
            List<String> v = strings(a, list);
            // A comma inside a value would split it on the server: such a value matches nothing anyway.
            if (!v.isEmpty()) q.put(list, v);
        }
        for (String one : List.of(
                "q",
                "min_armor_level",
                "min_damage",
                "tinks_min",
                "tinks_max",
                "workmanship_min",
                "workmanship_max",
                "max_wield",
                "equipped",
                "sort",
                "order")) {
            if (a.hasNonNull(one)) q.put(one, List.of(a.get(one).asText()));
        }
        a.path("min_ratings").fields().forEachRemaining(e -> {
            if (!e.getValue().isNull())
                q.put("min_rating_" + e.getKey(), List.of(e.getValue().asText()));
        });
        return q;
    }

    private static ArgumentSchema suitbuilderSchema() {
        ArgumentSchema set = ArgumentSchema.object()
                .string("name", "the set's name, e.g. \"Soldier's Set\"", 1, 200, true)
                .integer("pieces", "at least this many pieces of it (default 1)", 0, 11, false);
        return ArgumentSchema.object()
                .strings("characters", "whose items may be used", MAX_NAME, 1, 50, true)
                .object("primary_set", "the main armour set", set, false)
                .object("secondary_set", "a second armour set", set, false)
                .strings("cantrips", "cantrips the suit should carry (\"Legendary Strength\" ...)", 200, 0, 62, false)
                .strings("spells", "other spells the suit should carry", 200, 0, 62, false)
                .integerMap(
                        "locked",
                        "item ids that must be worn, by slot (Head, Chest, LeftFinger ...)",
                        20,
                        0,
                        4_294_967_295L,
                        false)
                .integerMap(
                        "min_ratings",
                        "minimum suit totals by rating: " + String.join(", ", Item.RATINGS),
                        Item.RATINGS.size(),
                        0,
                        10_000,
                        false)
                .integer("results", "how many suits to return (default 3)", 1, 10, false)
                .integer("time_limit_s", "search time in seconds (default 20)", 1, 60, false);
    }

    // ---- answers ----

    private CompletionStage<ObjectNode> get(String path, Map<String, List<String>> query) {
        return api.get(path, query)
                .toCompletableFuture()
                .orTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(reply -> json(path, reply));
    }

    /** A 2xx JSON object, or the endpoint's refusal as a {@link ToolError} carrying its message. */
    private static ObjectNode json(String path, ReadApi.Reply reply) {
        JsonNode body = parse(reply.body());
        if (reply.ok() && body instanceof ObjectNode o) return o;
        String message = body != null && body.path("error").isTextual()
                ? body.path("error").asText()
                : ArgumentSchema.shorten(reply.body().strip());
        if (reply.ok()) throw new IllegalStateException(path + " answered something other than a JSON object");
        if (reply.status() >= 500 && reply.status() != 503) {
            throw new IllegalStateException(path + " failed (" + reply.status() + "): " + message);
        }
        throw new ToolError(message.isEmpty() ? "refused (" + reply.status() + ")" : message);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static ObjectNode equipment(ObjectNode inventory) {
        ObjectNode out = F.objectNode();
        out.put("character_name", inventory.path("character_name").asText());
        ArrayNode equipped = out.putArray("equipped");
        Set<String> spells = new LinkedHashSet<>();
        for (JsonNode item : inventory.path("items")) {
            if (!item.path("equipped").asBoolean(false)) continue;
            ObjectNode e = equipped.addObject();
            e.put("id", item.path("id").asLong());
            e.put("name", item.path("name").asText());
            e.set("slots", item.path("equipped_slots"));
            if (item.hasNonNull("armor_set")) e.set("armor_set", item.get("armor_set"));
            e.set("spells", item.path("spells"));
            item.path("spells").forEach(s -> spells.add(s.asText()));
        }
        ArrayNode all = out.putArray("spells");
        spells.stream().sorted().forEach(all::add);
        return out;
    }

    static ObjectNode page(ObjectNode inventory, int limit, int offset) {
        ObjectNode out = F.objectNode();
        out.put("character_name", inventory.path("character_name").asText());
        out.set("version", inventory.path("version"));
        out.set("updated_at", inventory.path("updated_at"));
        JsonNode items = inventory.path("items");
        out.put("item_count", items.size()).put("offset", offset);
        ArrayNode page = out.putArray("items");
        for (int i = offset; i < items.size() && page.size() < limit; i++) page.add(items.get(i));
        out.put("more", offset + page.size() < items.size());
        return out;
    }

    private CompletionStage<ObjectNode> querySql(JsonNode a) {
        if (sql.isEmpty()) throw new ToolError("query_telemetry_db is not configured on this server");
        String text = text(a, "sql");
        TelemetrySql walls = sql.get();
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return walls.query(text);
                            } catch (SqlRefused refused) {
                                throw new ToolError(refused.getMessage());
                            }
                        },
                        blocking)
                .orTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
    }

    private CompletionStage<ObjectNode> suitbuilder(JsonNode a) {
        int results = a.path("results").asInt(3);
        int timeLimit = a.path("time_limit_s").asInt(20);
        ObjectNode body = F.objectNode();
        for (String field :
                List.of("characters", "primary_set", "secondary_set", "cantrips", "spells", "locked", "min_ratings")) {
            if (a.hasNonNull(field)) body.set(field, a.get(field));
        }
        body.put("results", results).put("time_limit_s", timeLimit);
        return api.postJson("/inventory/suitbuilder", body.toString())
                .toCompletableFuture()
                .orTimeout(CALL_TIMEOUT.toMillis() + timeLimit * 1000L, TimeUnit.MILLISECONDS)
                .thenApply(reply -> {
                    if (!reply.ok() || !reply.contentType().startsWith("text/event-stream")) {
                        return json("/inventory/suitbuilder", reply);
                    }
                    return suits(reply.body(), results);
                });
    }

    /**
     * The best suits from a suitbuilder event stream: each {@code result} is inserted at its rank
     * and the list kept to {@code results}, as a browser does; {@code done} says why it ended.
     */
    static ObjectNode suits(String stream, int results) {
        List<JsonNode> best = new ArrayList<>();
        JsonNode done = null;
        for (String block : stream.replace("\r\n", "\n").split("\n\n")) {
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) event = line.substring(6).strip();
                else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) data.append('\n');
                    data.append(line.substring(5).strip());
                }
            }
            if (data.isEmpty()) continue;
            JsonNode d = parse(data.toString());
            if (d == null) continue;
            if (event.equals("result")) {
                int rank = Math.max(1, Math.min(d.path("rank").asInt(1), best.size() + 1));
                best.add(rank - 1, d);
                while (best.size() > results) best.remove(best.size() - 1);
            } else if (event.equals("done")) {
                done = d;
            }
        }
        ObjectNode out = F.objectNode();
        ArrayNode list = out.putArray("suits");
        for (int i = 0; i < best.size(); i++) {
            ObjectNode s = best.get(i).deepCopy();
            s.put("rank", i + 1);
            list.add(s);
        }
        out.set("done", done == null ? F.objectNode().put("reason", "ended without a done event") : done);
        if (best.isEmpty()) out.put("note", "no suit met every constraint");
        return out;
    }

    // ---- arguments ----

    private static String text(JsonNode a, String name) {
        return a.path(name).asText();
    }

    private static List<String> strings(JsonNode a, String name) {
        List<String> out = new ArrayList<>();
        a.path(name).forEach(v -> out.add(v.asText()));
        return out;
    }

    /** One URL path segment: every reserved character escaped (a space as %20, a slash as %2F). */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
