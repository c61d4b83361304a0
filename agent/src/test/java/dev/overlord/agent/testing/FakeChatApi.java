package dev.overlord.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local OpenAI-compatible chat completions API on an ephemeral loopback port
 * ({@code POST /v1/chat/completions}), answering each request with what its {@link Script} says.
 * It keeps every request body and {@code Authorization} header it was sent, for assertions.
 * Point the server at it with {@code AGENT_RUNNER=chat}, {@code AGENT_CHAT_URL=}{@link #baseUrl()}.
 */
public final class FakeChatApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** What to answer to one request (its parsed body); {@code null}: hold the request until close. */
    @FunctionalInterface
    public interface Script extends Function<JsonNode, ObjectNode> {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-chat-api");
        t.setDaemon(true);
        return t;
    });
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private volatile int streamPiece;

    /**
     * From now on a request with {@code stream: true} is answered as server-sent events of {@code
     * chat.completion.chunk}s: the text and each tool call's arguments in pieces of {@code piece}
     * characters, then {@code data: [DONE]}, as OpenAI-compatible servers stream.
     */
    public FakeChatApi streaming(int piece) {
        this.streamPiece = piece;
        return this;
    }

    private FakeChatApi(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", exchange -> handle(exchange, script));
        server.start();
    }

    public static FakeChatApi start(Script script) {
        try {
            return new FakeChatApi(script);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Asks for {@code tool} with {@code arguments} first; once the conversation holds a tool
     * result, answers {@code "<answer> <the last tool result>"}.
     */
    public static FakeChatApi callingTool(String tool, String arguments, String answer) {
        return start(request -> {
            JsonNode last = lastMessage(request);
            if ("tool".equals(last.path("role").asText()))
                return answer(answer + " " + last.path("content").asText());
            return toolCall("call_" + request.path("messages").size(), tool, arguments);
        });
    }

    /** A model that asks for {@code tool} on every turn and never answers. */
    public static FakeChatApi neverDone(String tool) {
        return start(request -> toolCall("call_" + request.path("messages").size(), tool, "{}"));
    }

    /** Answers {@code text} at once, without tools. */
    public static FakeChatApi answering(String text) {
        return start(request -> answer(text));
    }

    /** Never answers (holds each request until closed): for timeouts. */
    public static FakeChatApi silent() {
        return start(request -> null);
    }

    /** {@code http://127.0.0.1:port/v1}: the {@code AGENT_CHAT_URL} to give the server. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Every request body received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** Every {@code Authorization} header received ("" when none). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** A completion whose message is {@code text}. */
    public static ObjectNode answer(String text) {
        ObjectNode body = completion();
        ObjectNode choice =
                body.withArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        return body;
    }

    /** A completion asking for one tool call. */
    public static ObjectNode toolCall(String id, String tool, String arguments) {
        ObjectNode body = completion();
        ObjectNode choice =
                body.withArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.putNull("content");
        ArrayNode calls = message.putArray("tool_calls");
        calls.addObject()
                .put("id", id)
                .put("type", "function")
                .putObject("function")
                .put("name", tool)
                .put("arguments", arguments);
        return body;
    }

    public static JsonNode lastMessage(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.path(messages.size() - 1);
    }

    private static ObjectNode completion() {
        return F.objectNode()
                .put("id", "chatcmpl-fake")
                .put("object", "chat.completion")
                .put("model", "fake");
    }

    private void handle(HttpExchange exchange, Script script) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "{\"error\":{\"message\":\"POST only\"}}");
                return;
            }
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(request);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            ObjectNode reply = script.apply(request);
            if (reply == null) {
                closed.await();
                return;
            }
            if (streamPiece > 0 && request.path("stream").asBoolean(false)) stream(exchange, reply, streamPiece);
            else send(exchange, 200, reply.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code completion} as the chunks a streaming server would send. */
    private static void stream(HttpExchange exchange, ObjectNode completion, int piece) throws IOException {
        JsonNode message = completion.path("choices").path(0).path("message");
        List<ObjectNode> deltas = new java.util.ArrayList<>();
        deltas.add(F.objectNode().put("role", "assistant"));
        String text = message.path("content").asText("");
        for (int i = 0; i < text.length(); i += piece)
            deltas.add(F.objectNode().put("content", text.substring(i, Math.min(text.length(), i + piece))));
        int index = 0;
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode first = F.objectNode();
            first.putArray("tool_calls")
                    .addObject()
                    .put("index", index)
                    .put("id", call.path("id").asText())
                    .put("type", "function")
                    .putObject("function")
                    .put("name", call.path("function").path("name").asText())
                    .put("arguments", "");
            deltas.add(first);
            String arguments = call.path("function").path("arguments").asText();
            for (int i = 0; i < arguments.length(); i += piece) {
                ObjectNode more = F.objectNode();
                more.putArray("tool_calls")
                        .addObject()
                        .put("index", index)
                        .putObject("function")
                        .put("arguments", arguments.substring(i, Math.min(arguments.length(), i + piece)));
                deltas.add(more);
            }
            index++;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (ObjectNode delta : deltas) {
                ObjectNode chunk = F.objectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk");
                chunk.putArray("choices").addObject().put("index", 0).set("delta", delta);
                out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write(": the end\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
