package dev.overlord.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Discord on loopback, as much of it as JDA and the webhook client use: REST ({@code gateway/bot},
 * {@code users/@me}, message create, webhook execute) on the JDK's HTTP server, and a gateway
 * (HELLO, IDENTIFY → READY and GUILD_CREATE with one guild and its text channels, RESUME →
 * RESUMED, heartbeat ACK) on a small WebSocket server. It records every message posted and can be
 * told to answer the next requests with a 429 or a 5xx, to refuse the token, or to drop the gateway.
 */
final class FakeDiscord implements AutoCloseable {

    static final String TOKEN = "fake-bot-token-ABCDEF";
    static final long GUILD = 1_000;
    static final long BOT_USER = 2_000;
    static final long COMMON = 3_001;
    static final long GREAT = 3_002;
    static final long ACLOG = 3_003;
    static final long ALERTS = 3_004;

    /** One POST that reached the fake, with the status it was answered. */
    record Received(String kind, String target, String query, JsonNode body, int status, Instant at) {}

    /** A scripted answer for the next request of a kind. */
    record Answer(int status, Map<String, String> headers, String body) {}

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer rest;
    private final TinyWebSocketServer gateway;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedDeque<Answer>> scripted =
            Map.of("message", new ConcurrentLinkedDeque<>(), "webhook", new ConcurrentLinkedDeque<>());
    final AtomicInteger identifies = new AtomicInteger();
    final AtomicInteger resumes = new AtomicInteger();
    final AtomicInteger gatewayAsks = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(10_000);
    private volatile boolean refuseToken;
    private volatile boolean refuseIdentify;

    FakeDiscord() throws IOException {
        gateway = new TinyWebSocketServer(this::hello, this::onGateway);
        rest = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        rest.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        rest.createContext("/", this::handle);
        rest.start();
    }

    /** The REST base to give JDA and the settings. */
    URI api() {
        return URI.create("http://127.0.0.1:" + rest.getAddress().getPort() + "/api/v10/");
    }

    /** A webhook URL on this fake (its path carries a token, as Discord's do). */
    URI webhook() {
        return api().resolve("webhooks/555/webhook-secret-token");
    }

    /** Answers 401 to gateway/bot and users/@me from now on. */
    void refuseToken() {
        refuseToken = true;
    }

    /** Closes the gateway with 4004 (authentication failed) on IDENTIFY from now on. */
    void refuseIdentify() {
        refuseIdentify = true;
    }

    /** The next request of this kind ({@code message} or {@code webhook}) gets this answer. */
    void answerNext(String kind, int status, Map<String, String> headers, String body) {
        scripted.get(kind).addLast(new Answer(status, headers, body));
    }

    /** Drops every gateway connection without a close frame. */
    void dropGateway() {
        gateway.dropAll();
    }

    /** Message bodies accepted (2xx) for this channel. */
    List<JsonNode> messagesIn(long channel) {
        return received.stream()
                .filter(r ->
                        r.kind().equals("message") && r.target().equals(Long.toString(channel)) && r.status() == 200)
                .map(Received::body)
                .toList();
    }

    /** Webhook bodies accepted (2xx). */
    List<JsonNode> webhookPosts() {
        return received.stream()
                .filter(r -> r.kind().equals("webhook") && r.status() == 200)
                .map(Received::body)
                .toList();
    }

    List<Received> all(String kind) {
        return received.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    @Override
    public void close() {
        rest.stop(0);
        gateway.close();
    }

    // --- REST ---

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            byte[] in = ex.getRequestBody().readNBytes(1 << 20);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (method.equals("GET") && path.equals("/api/v10/gateway/bot")) {
                gatewayAsks.incrementAndGet();
                if (refuseToken || !("Bot " + TOKEN).equals(auth)) {
                    reply(ex, 401, Map.of(), "{\"message\":\"401: Unauthorized\",\"code\":0}");
                    return;
                }
                reply(
                        ex,
                        200,
                        Map.of(),
                        "{\"url\":\"" + gateway.url("") + "\",\"shards\":1,"
                                + "\"session_start_limit\":{\"total\":1000,\"remaining\":999,\"reset_after\":0,\"max_concurrency\":1}}");
            } else if (method.equals("GET") && path.equals("/api/v10/users/@me")) {
                if (refuseToken || !("Bot " + TOKEN).equals(auth)) {
                    reply(ex, 401, Map.of(), "{\"message\":\"401: Unauthorized\",\"code\":0}");
                    return;
                }
                reply(ex, 200, Map.of(), user().toString());
            } else if (method.equals("POST") && path.matches("/api/v10/channels/\\d+/messages")) {
                String channel = path.split("/")[4];
                answer(ex, "message", channel, in, () -> message(channel, in).toString());
            } else if (method.equals("POST") && path.matches("/api/v10/webhooks/\\d+/[^/]+")) {
                answer(
                        ex,
                        "webhook",
                        path.split("/")[4],
                        in,
                        () -> message("0", in).toString());
            } else {
                unexpected.add(method + " " + path);
                reply(ex, 404, Map.of(), "{\"message\":\"404: Not Found\",\"code\":0}");
            }
        }
    }

    private void answer(HttpExchange ex, String kind, String target, byte[] in, java.util.function.Supplier<String> ok)
            throws IOException {
        JsonNode body = json.readTree(in.length == 0 ? "{}".getBytes() : in);
        Answer a = scripted.get(kind).pollFirst();
        if (a != null) {
            received.add(new Received(kind, target, ex.getRequestURI().getRawQuery(), body, a.status(), Instant.now()));
            reply(ex, a.status(), a.headers(), a.body());
            return;
        }
        received.add(new Received(kind, target, ex.getRequestURI().getRawQuery(), body, 200, Instant.now()));
        reply(
                ex,
                200,
                Map.of(
                        "X-RateLimit-Bucket",
                        kind + "-bucket",
                        "X-RateLimit-Limit",
                        "5",
                        "X-RateLimit-Remaining",
                        "4",
                        "X-RateLimit-Reset-After",
                        "1.0"),
                ok.get());
    }

    private static void reply(HttpExchange ex, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        // Discord's own 429s come through its proxy; JDA takes a 429 without Via for Cloudflare's.
        ex.getResponseHeaders().set("Via", "1.1 google");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) ex.getResponseBody().write(b);
    }

    private ObjectNode user() {
        ObjectNode u = json.createObjectNode();
        u.put("id", Long.toString(BOT_USER));
        u.put("username", "overlord-bot");
        u.put("discriminator", "0000");
        u.putNull("avatar");
        u.putNull("global_name");
        u.put("bot", true);
        u.put("verified", true);
        u.put("mfa_enabled", false);
        u.put("flags", 0);
        return u;
    }

    private ObjectNode message(String channel, byte[] in) {
        ObjectNode m = json.createObjectNode();
        m.put("id", Long.toString(ids.incrementAndGet()));
        m.put("type", 0);
        m.put("channel_id", channel);
        m.set("author", user());
        m.put("content", "");
        m.put("timestamp", Instant.now().toString());
        m.putNull("edited_timestamp");
        m.put("tts", false);
        m.put("mention_everyone", false);
        m.put("pinned", false);
        m.put("flags", 0);
        m.putArray("mentions");
        m.putArray("mention_roles");
        m.putArray("attachments");
        m.putArray("components");
        try {
            JsonNode body = json.readTree(in);
            ArrayNode embeds = m.putArray("embeds");
            if (body != null) {
                for (JsonNode e : body.path("embeds")) embeds.add(((ObjectNode) e.deepCopy()).put("type", "rich"));
            }
        } catch (IOException e) {
            m.putArray("embeds");
        }
        return m;
    }

    // --- gateway ---

    private void hello(TinyWebSocketServer.Connection c) {
        c.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
    }

    private final AtomicInteger seq = new AtomicInteger();

    private void onGateway(TinyWebSocketServer.Connection c, String text) {
        JsonNode m;
        try {
            m = json.readTree(text);
        } catch (IOException e) {
            c.close(4002, "decode error");
            return;
        }
        switch (m.path("op").asInt(-1)) {
            case 1 -> c.send("{\"op\":11}");
            case 2 -> {
                identifies.incrementAndGet();
                if (refuseIdentify || !TOKEN.equals(m.path("d").path("token").asText())) {
                    c.close(4004, "Authentication failed.");
                    return;
                }
                c.send(dispatch("READY", ready()));
                c.send(dispatch("GUILD_CREATE", guild()));
            }
            case 6 -> {
                resumes.incrementAndGet();
                if (!TOKEN.equals(m.path("d").path("token").asText())) {
                    c.close(4004, "Authentication failed.");
                    return;
                }
                c.send(dispatch("RESUMED", json.createObjectNode()));
            }
            default -> {}
        }
    }

    private String dispatch(String type, ObjectNode d) {
        ObjectNode o = json.createObjectNode();
        o.put("op", 0);
        o.put("s", seq.incrementAndGet());
        o.put("t", type);
        o.set("d", d);
        return o.toString();
    }

    private ObjectNode ready() {
        ObjectNode d = json.createObjectNode();
        d.put("v", 10);
        d.set("user", user());
        d.putArray("guilds").addObject().put("id", Long.toString(GUILD)).put("unavailable", true);
        d.put("session_id", "fake-session");
        d.put("resume_gateway_url", gateway.url(""));
        d.putArray("private_channels");
        d.putObject("application").put("id", Long.toString(BOT_USER)).put("flags", 0);
        return d;
    }

    private ObjectNode guild() {
        ObjectNode g = json.createObjectNode();
        String id = Long.toString(GUILD);
        g.put("id", id);
        g.put("name", "Dereth");
        g.put("owner_id", Long.toString(BOT_USER));
        g.put("member_count", 1);
        g.put("large", false);
        g.put("unavailable", false);
        g.put("joined_at", "2024-01-01T00:00:00+00:00");
        g.put("premium_progress_bar_enabled", false);
        g.put("afk_timeout", 300);
        ObjectNode everyone = g.putArray("roles").addObject();
        everyone.put("id", id)
                .put("name", "@everyone")
                .put("permissions", "68608")
                .put("position", 0);
        everyone.put("color", 0)
                .put("hoist", false)
                .put("managed", false)
                .put("mentionable", false)
                .put("flags", 0);
        ArrayNode channels = g.putArray("channels");
        channel(channels, COMMON, "common-rares", 0);
        channel(channels, GREAT, "great-rares", 1);
        channel(channels, ACLOG, "aclog", 2);
        channel(channels, ALERTS, "alerts", 3);
        ObjectNode me = g.putArray("members").addObject();
        me.set("user", user());
        me.putArray("roles");
        me.put("joined_at", "2024-01-01T00:00:00+00:00");
        me.put("deaf", false).put("mute", false).put("flags", 0);
        g.putArray("threads");
        g.putArray("guild_scheduled_events");
        g.putArray("emojis");
        g.putArray("stickers");
        g.putArray("voice_states");
        g.putArray("presences");
        g.putArray("features");
        return g;
    }

    private static void channel(ArrayNode channels, long id, String name, int position) {
        ObjectNode c = channels.addObject();
        c.put("id", Long.toString(id));
        c.put("type", 0);
        c.put("name", name);
        c.put("position", position);
        c.putArray("permission_overwrites");
        c.put("nsfw", false);
        c.put("rate_limit_per_user", 0);
        c.putNull("parent_id");
    }
}
