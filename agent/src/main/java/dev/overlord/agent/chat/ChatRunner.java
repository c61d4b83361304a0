package dev.overlord.agent.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.agent.runner.Answer;
import dev.overlord.agent.runner.Question;
import dev.overlord.agent.runner.Runner;
import dev.overlord.agent.runner.RunnerEvent;
import dev.overlord.agent.runner.RunnerFailure;
import dev.overlord.agent.tools.ToolBox;
import dev.overlord.agent.tools.ToolError;
import dev.overlord.agent.tools.ToolSpec;
import dev.overlord.net.BoundedBody;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Runner} over an OpenAI-compatible chat completions API (a local model server, or a
 * hosted one): sends the system prompt, the conversation, the question and the {@link ToolBox}'s
 * tools, and runs the tool loop itself (the model's {@code tool_calls} are answered by the tool box
 * and sent back) for at most {@code max-turns} model calls within the question's timeout. Every
 * answer from the API is read bounded and checked; the key is sent only as a bearer header and
 * never logged or shown.
 */
public final class ChatRunner implements Runner {
    private static final Logger log = LoggerFactory.getLogger(ChatRunner.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Tool calls the model may ask for in one turn. */
    static final int MAX_CALLS_PER_TURN = 16;

    static final int MAX_ARGUMENTS_CHARS = 65_536;
    static final int MAX_NAME = 64;
    static final int MAX_CALL_ID = 128;
    /** How much of a tool's result the browser is shown as it happens. */
    static final int PREVIEW = 200;

    static final String SYSTEM_PROMPT = "You are Overlord's assistant. You answer questions about the game"
            + " characters this server tracks (positions, vitals, combat, inventory, rares, quests, the"
            + " game server's health) using only the read-only tools given to you. Call tools to look"
            + " facts up rather than guessing; say so when the tools cannot answer. Be brief.";

    private final ChatSettings settings;
    private final ToolBox tools;
    private final HttpClient http;

    public ChatRunner(ChatSettings settings, ToolBox tools) {
        this.settings = settings;
        this.tools = tools;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String kind() {
        return "chat";
    }

    @Override
    public CompletionStage<Answer> ask(Question question, Consumer<RunnerEvent> events) {
        if (settings.completions().isEmpty()) {
            return CompletableFuture.failedFuture(new RunnerFailure(
                    RunnerFailure.Kind.UNAVAILABLE,
                    "the chat runner is not configured: set AGENT_CHAT_URL (and AGENT_CHAT_MODEL)"));
        }
        Conversation c =
                new Conversation(question, events, settings.completions().get());
        CompletableFuture.delayedExecutor(question.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> c.fail(c.tooLong()));
        c.turn(1);
        return c.result;
    }

    /** One question's tool loop; each step runs when the previous one completed (never two at once). */
    private final class Conversation {
        final CompletableFuture<Answer> result = new CompletableFuture<>();
        final Consumer<RunnerEvent> events;
        final URI endpoint;
        final long deadline;
        final Duration timeout;
        final ArrayNode messages = F.arrayNode();
        volatile CompletableFuture<?> inFlight;

        Conversation(Question q, Consumer<RunnerEvent> events, URI endpoint) {
            this.events = events;
            this.endpoint = endpoint;
            this.timeout = q.timeout();
            this.deadline = System.nanoTime() + timeout.toNanos();
            messages.addObject().put("role", "system").put("content", SYSTEM_PROMPT);
            for (Question.Turn t : q.history()) {
                String role = "assistant".equals(t.role()) ? "assistant" : "user";
                messages.addObject().put("role", role).put("content", t.text());
            }
            messages.addObject().put("role", "user").put("content", q.message());
        }

        /** The question's own deadline passed: said the same way whichever timer noticed first. */
        RunnerFailure tooLong() {
            return new RunnerFailure(
                    RunnerFailure.Kind.TIMEOUT,
                    "The assistant took longer than " + timeout.toSeconds() + " s and was stopped");
        }

        void fail(RunnerFailure failure) {
            if (result.completeExceptionally(failure)) {
                CompletableFuture<?> f = inFlight;
                if (f != null) f.cancel(true);
            }
        }

        void turn(int n) {
            if (result.isDone()) return;
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) return; // the timeout says so
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofNanos(remaining))
                    .header("Content-Type", "application/json")
                    .header("Accept", settings.stream() ? "text/event-stream, application/json" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body().toString()));
            if (!settings.key().isEmpty()) request.header("Authorization", "Bearer " + settings.key());
            CompletableFuture<HttpResponse<Reply>> sent;
            try {
                sent = http.sendAsync(request.build(), this::reply);
            } catch (RuntimeException e) {
                fail(new RunnerFailure(RunnerFailure.Kind.UNAVAILABLE, "the chat API cannot be reached"));
                return;
            }
            inFlight = sent;
            sent.whenComplete((response, error) -> {
                if (error != null) {
                    // the request's timeout is the question's deadline: its expiry is the question's
                    fail(unwrap(error) instanceof HttpTimeoutException ? tooLong() : transportFailure(error));
                    return;
                }
                try {
                    answered(response, n);
                } catch (RunnerFailure f) {
                    fail(f);
                } catch (RuntimeException e) {
                    log.warn("agent chat: could not read the API's answer: {}", e.toString());
                    fail(new RunnerFailure(RunnerFailure.Kind.FAILED, "the chat API's answer could not be read"));
                }
            });
        }

        private ObjectNode body() {
            ObjectNode body = F.objectNode();
            body.put("model", settings.model());
            body.set("messages", messages);
            body.put("stream", settings.stream());
            ArrayNode specs = F.arrayNode();
            for (ToolSpec spec : tools.specs()) {
                ObjectNode fn = specs.addObject().put("type", "function").putObject("function");
                fn.put("name", spec.name()).put("description", spec.description());
                fn.set("parameters", spec.inputSchema());
            }
            if (!specs.isEmpty()) {
                body.set("tools", specs);
                body.put("tool_choice", "auto");
            }
            return body;
        }

        /**
         * A streamed answer (2xx, {@code text/event-stream}) is read as it comes, its text passed on
         * at once; any other is read whole, bounded.
         */
        private HttpResponse.BodySubscriber<Reply> reply(HttpResponse.ResponseInfo info) {
            boolean eventStream = info.statusCode() / 100 == 2
                    && info.headers()
                            .firstValue("Content-Type")
                            .map(t -> t.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream"))
                            .orElse(false);
            if (eventStream)
                return HttpResponse.BodySubscribers.mapping(
                        new StreamedCompletion(
                                settings.maxResponseBytes(),
                                MAX_CALLS_PER_TURN,
                                MAX_ARGUMENTS_CHARS,
                                piece -> emit(new RunnerEvent.Text(piece))),
                        message -> new Reply(null, message));
            return HttpResponse.BodySubscribers.mapping(
                    new BoundedBody((int) settings.maxResponseBytes()), whole -> new Reply(whole, null));
        }

        private void answered(HttpResponse<Reply> response, int n) {
            if (result.isDone()) return;
            int status = response.statusCode();
            if (status == 401 || status == 403)
                throw new RunnerFailure(
                        RunnerFailure.Kind.UNAVAILABLE,
                        "the chat API refused our key (HTTP " + status + "); check AGENT_CHAT_KEY");
            if (status == 404)
                throw new RunnerFailure(
                        RunnerFailure.Kind.UNAVAILABLE,
                        "no chat completions at the configured AGENT_CHAT_URL (HTTP 404)");
            if (status / 100 != 2)
                throw new RunnerFailure(RunnerFailure.Kind.FAILED, "the chat API answered HTTP " + status);
            Reply reply = response.body();
            if (reply.whole() != null && reply.whole().truncated()) throw tooLarge(settings.maxResponseBytes());
            JsonNode message;
            if (reply.streamed() != null) {
                message = reply.streamed();
            } else {
                JsonNode body;
                try {
                    body = JSON.readTree(reply.whole().bytes());
                } catch (IOException e) {
                    throw new RunnerFailure(RunnerFailure.Kind.FAILED, "the chat API's answer is not JSON");
                }
                message = body == null ? null : body.path("choices").path(0).path("message");
            }
            if (message == null || !message.isObject())
                throw new RunnerFailure(RunnerFailure.Kind.FAILED, "the chat API's answer has no choices[0].message");
            JsonNode calls = message.path("tool_calls");
            if (calls.isArray() && !calls.isEmpty()) {
                if (n >= settings.maxTurns())
                    throw new RunnerFailure(
                            RunnerFailure.Kind.FAILED,
                            "The model was still calling tools after " + n + " turns and was stopped"
                                    + " (overlord.agent.chat.max-turns = " + settings.maxTurns() + ")");
                if (calls.size() > MAX_CALLS_PER_TURN)
                    throw new RunnerFailure(
                            RunnerFailure.Kind.FAILED,
                            "The model asked for " + calls.size() + " tool calls at once; at most " + MAX_CALLS_PER_TURN
                                    + " are run");
                callTools(calls, message.path("content"), n);
                return;
            }
            JsonNode content = message.path("content");
            if (!content.isTextual() || content.asText().isBlank())
                throw new RunnerFailure(RunnerFailure.Kind.FAILED, "The model gave an empty answer");
            String text = content.asText();
            if (reply.streamed() == null) emit(new RunnerEvent.Text(text)); // streamed: passed on as it came
            result.complete(new Answer(text, n, false));
        }

        /** Runs the turn's calls one after another, adds their results, then asks the model again. */
        private void callTools(JsonNode calls, JsonNode content, int n) {
            ArrayNode asked = F.arrayNode();
            ObjectNode assistant = messages.addObject().put("role", "assistant");
            if (content.isTextual()) assistant.put("content", content.asText());
            else assistant.putNull("content");
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            int i = 0;
            for (JsonNode call : calls) {
                Call c = Call.read(call, "call_" + n + "_" + i++);
                ObjectNode fn = asked.addObject()
                        .put("id", c.id())
                        .put("type", "function")
                        .putObject("function");
                fn.put("name", c.name()).put("arguments", c.argumentsText());
                chain = chain.thenCompose(v -> call(c));
            }
            assistant.set("tool_calls", asked);
            chain.whenComplete((v, e) -> {
                if (e != null) {
                    log.warn("agent chat: the tool loop failed: {}", e.toString());
                    fail(new RunnerFailure(RunnerFailure.Kind.FAILED, "a tool call failed unexpectedly"));
                } else {
                    turn(n + 1);
                }
            });
        }

        private CompletionStage<Void> call(Call c) {
            if (result.isDone()) return CompletableFuture.completedFuture(null);
            emit(new RunnerEvent.ToolCall(c.id(), c.name(), c.arguments() == null ? F.objectNode() : c.arguments()));
            CompletionStage<JsonNode> answer;
            if (c.problem() != null) {
                answer = CompletableFuture.failedFuture(new ToolError(c.problem()));
            } else {
                try {
                    answer = tools.call(c.name(), c.arguments());
                } catch (RuntimeException e) {
                    answer = CompletableFuture.failedFuture(e);
                }
            }
            return answer.handle((value, error) -> {
                String text;
                boolean isError = error != null;
                if (error == null) {
                    text = cut(value == null ? "null" : value.toString(), settings.maxToolResultChars());
                } else {
                    Throwable cause = unwrap(error);
                    String why = cause instanceof ToolError ? cause.getMessage() : "the tool failed";
                    if (!(cause instanceof ToolError))
                        log.warn("agent chat: tool {} failed: {}", c.name(), cause.toString());
                    text = F.objectNode().put("error", why).toString();
                }
                messages.addObject()
                        .put("role", "tool")
                        .put("tool_call_id", c.id())
                        .put("content", text);
                emit(new RunnerEvent.ToolResult(c.id(), c.name(), isError, cut(text, PREVIEW)));
                return null;
            });
        }

        private void emit(RunnerEvent event) {
            if (result.isDone()) return;
            try {
                events.accept(event);
            } catch (RuntimeException e) {
                log.debug("agent chat: an event listener failed: {}", e.toString());
            }
        }
    }

    /** The API's answer: read whole (bytes), or streamed and put together into its message. */
    private record Reply(BoundedBody.Body whole, ObjectNode streamed) {}

    /** One tool call as the model asked for it, checked: {@code problem} says what was wrong, if anything. */
    private record Call(String id, String name, String argumentsText, JsonNode arguments, String problem) {
        static Call read(JsonNode call, String fallbackId) {
            String id = call.path("id").isTextual()
                            && !call.path("id").asText().isEmpty()
                            && call.path("id").asText().length() <= MAX_CALL_ID
                    ? call.path("id").asText()
                    : fallbackId;
            JsonNode fn = call.path("function");
            String name = fn.path("name").asText("");
            if (name.isEmpty() || name.length() > MAX_NAME)
                return new Call(id, cut(name, MAX_NAME), "{}", null, "unknown tool");
            JsonNode raw = fn.path("arguments");
            String text = raw.isTextual() ? raw.asText() : raw.isObject() ? raw.toString() : "{}";
            if (text.length() > MAX_ARGUMENTS_CHARS)
                return new Call(id, name, "{}", null, "arguments longer than " + MAX_ARGUMENTS_CHARS + " characters");
            if (text.isBlank()) text = "{}";
            try {
                JsonNode args = JSON.readTree(text);
                if (args == null || !args.isObject())
                    return new Call(id, name, text, null, "arguments must be a JSON object");
                return new Call(id, name, text, args, null);
            } catch (IOException e) {
                return new Call(id, name, "{}", null, "arguments are not JSON");
            }
        }
    }

    static RunnerFailure tooLarge(long max) {
        return new RunnerFailure(
                RunnerFailure.Kind.FAILED, "the chat API's answer was too large (over " + max + " bytes)");
    }

    private static RunnerFailure transportFailure(Throwable error) {
        Throwable c = unwrap(error);
        if (c instanceof RunnerFailure f) return f;
        if (c instanceof ConnectException)
            return new RunnerFailure(RunnerFailure.Kind.UNAVAILABLE, "the chat API cannot be reached");
        if (c instanceof java.util.concurrent.CancellationException)
            return new RunnerFailure(RunnerFailure.Kind.TIMEOUT, "the question was stopped");
        return new RunnerFailure(RunnerFailure.Kind.UNAVAILABLE, "the connection to the chat API failed");
    }

    private static Throwable unwrap(Throwable e) {
        Throwable c = e;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) c = c.getCause();
        if (c instanceof IOException && c.getCause() instanceof RunnerFailure f) return f;
        return c;
    }

    static String cut(String s, int max) {
        if (s.length() <= max) return s;
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + " [cut: " + (s.length() - end) + " more characters]";
    }
}
