package dev.overlord.agent.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.agent.runner.RunnerFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A streamed chat completion ({@code stream: true}: server-sent events of {@code
 * chat.completion.chunk}s, ended by {@code data: [DONE]}) read as it arrives: each piece of text
 * goes to {@code text} at once, tool calls are put together from their pieces, and the body
 * completes with the whole message as the unstreamed API would have answered it ({@code
 * {"role":"assistant","content":...,"tool_calls":[...]}}). Bounded: at most {@code maxBytes} in
 * all, at most {@code maxCalls} tool calls, their arguments cut past {@code maxArgumentChars} (the
 * runner then refuses the call as too long).
 */
final class StreamedCompletion implements HttpResponse.BodySubscriber<ObjectNode> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final long maxBytes;
    private final int maxCalls;
    private final int maxArgumentChars;
    private final Consumer<String> text;
    private final CompletableFuture<ObjectNode> result = new CompletableFuture<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private final StringBuilder content = new StringBuilder();
    private final List<PartialCall> calls = new ArrayList<>();
    private Flow.Subscription subscription;
    private long read;
    private boolean done;

    StreamedCompletion(long maxBytes, int maxCalls, int maxArgumentChars, Consumer<String> text) {
        this.maxBytes = maxBytes;
        this.maxCalls = maxCalls;
        this.maxArgumentChars = maxArgumentChars;
        this.text = text;
    }

    private static final class PartialCall {
        final StringBuilder id = new StringBuilder();
        final StringBuilder name = new StringBuilder();
        final StringBuilder arguments = new StringBuilder();
    }

    @Override
    public CompletionStage<ObjectNode> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) return;
        try {
            for (ByteBuffer b : items) {
                read += b.remaining();
                if (read > maxBytes) throw ChatRunner.tooLarge(maxBytes);
                while (b.hasRemaining()) {
                    byte c = b.get();
                    if (c == '\n') {
                        line(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(c);
                    }
                }
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            subscription.cancel();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        if (result.isDone()) return;
        try {
            if (line.size() > 0) line(line.toString(StandardCharsets.UTF_8));
            line("");
            result.complete(message());
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** One line of the event stream: {@code data:} lines gather until a blank line ends the event. */
    private void line(String raw) {
        String l = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (l.isEmpty()) {
            if (!data.isEmpty()) event(data.toString());
            data.setLength(0);
        } else if (l.startsWith("data:")) {
            if (!data.isEmpty()) data.append('\n');
            data.append(l.startsWith("data: ") ? l.substring(6) : l.substring(5));
        }
        // comments (":"), event names and ids carry nothing for us
    }

    private void event(String payload) {
        if (done) return;
        if (payload.strip().equals("[DONE]")) {
            done = true;
            return;
        }
        JsonNode chunk;
        try {
            chunk = JSON.readTree(payload);
        } catch (IOException e) {
            throw new RunnerFailure(RunnerFailure.Kind.FAILED, "the chat API's stream could not be read");
        }
        if (chunk == null || !chunk.isObject())
            throw new RunnerFailure(RunnerFailure.Kind.FAILED, "the chat API's stream could not be read");
        if (chunk.has("error"))
            throw new RunnerFailure(RunnerFailure.Kind.FAILED, "the chat API reported an error while answering");
        JsonNode delta = chunk.path("choices").path(0).path("delta");
        JsonNode piece = delta.path("content");
        if (piece.isTextual() && !piece.asText().isEmpty()) {
            content.append(piece.asText());
            text.accept(piece.asText());
        }
        for (JsonNode call : delta.path("tool_calls")) {
            int index = call.path("index").asInt(calls.size());
            if (index < 0 || index >= maxCalls)
                throw new RunnerFailure(
                        RunnerFailure.Kind.FAILED,
                        "The model asked for more than " + maxCalls + " tool calls at once; at most " + maxCalls
                                + " are run");
            while (calls.size() <= index) calls.add(new PartialCall());
            PartialCall p = calls.get(index);
            append(p.id, call.path("id"), ChatRunner.MAX_CALL_ID + 1);
            append(p.name, call.path("function").path("name"), ChatRunner.MAX_NAME + 1);
            append(p.arguments, call.path("function").path("arguments"), maxArgumentChars + 1);
        }
    }

    private static void append(StringBuilder to, JsonNode piece, int max) {
        if (!piece.isTextual() || to.length() >= max) return;
        String s = piece.asText();
        to.append(s, 0, Math.min(s.length(), max - to.length()));
    }

    /** The whole message, as {@code choices[0].message} of an unstreamed answer. */
    private ObjectNode message() {
        ObjectNode message = F.objectNode().put("role", "assistant");
        if (content.isEmpty()) message.putNull("content");
        else message.put("content", content.toString());
        if (!calls.isEmpty()) {
            ArrayNode out = message.putArray("tool_calls");
            for (PartialCall p : calls) {
                ObjectNode c = out.addObject();
                if (!p.id.isEmpty()) c.put("id", p.id.toString());
                c.put("type", "function");
                c.putObject("function").put("name", p.name.toString()).put("arguments", p.arguments.toString());
            }
        }
        return message;
    }
}
