package dev.overlord.agent.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overlord.agent.runner.Answer;
import dev.overlord.agent.runner.Question;
import dev.overlord.agent.runner.RunnerEvent;
import dev.overlord.agent.runner.RunnerFailure;
import dev.overlord.agent.testing.FakeChatApi;
import dev.overlord.agent.testing.SampleTools;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The chat runner's tool loop against a real local HTTP chat API that asks for tools. */
class ChatRunnerTest {
    private static final String KEY = "sk-test-" + UUID.randomUUID();

    private static Question question(String message, List<Question.Turn> history, Duration timeout) {
        return new Question("admin", UUID.randomUUID(), message, history, history.isEmpty(), "token", timeout);
    }

    private static RunnerFailure failure(ChatRunner runner, Question q) {
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> runner.ask(q, ev -> {}).toCompletableFuture().get(20, TimeUnit.SECONDS));
        return assertInstanceOf(RunnerFailure.class, e.getCause());
    }

    @Test
    void theModelCallsAToolAndAnswersWithItsResult() throws Exception {
        SampleTools tools = new SampleTools();
        try (FakeChatApi api = FakeChatApi.callingTool("get_live_players", "{}", "Online:")) {
            ChatRunner runner = new ChatRunner(ChatSettings.of(api.baseUrl(), "fake-model", KEY, 4), tools);
            List<RunnerEvent> events = new CopyOnWriteArrayList<>();
            List<Question.Turn> history =
                    List.of(new Question.Turn("user", "hello"), new Question.Turn("assistant", "hi there"));
            Answer answer = runner.ask(question("who is online?", history, Duration.ofSeconds(20)), events::add)
                    .toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);

            assertEquals("Online: {\"players\":[\"Alpha\",\"Bravo\"]}", answer.result());
            assertEquals(2, answer.numTurns());
            assertFalse(answer.isError());
            assertEquals(List.of("get_live_players"), tools.calls());
            assertEquals(3, events.size(), events.toString());
            RunnerEvent.ToolCall call = assertInstanceOf(RunnerEvent.ToolCall.class, events.get(0));
            assertEquals("get_live_players", call.name());
            RunnerEvent.ToolResult result = assertInstanceOf(RunnerEvent.ToolResult.class, events.get(1));
            assertEquals(call.id(), result.id());
            assertFalse(result.isError());
            assertEquals(
                    answer.result(),
                    assertInstanceOf(RunnerEvent.Text.class, events.get(2)).delta());

            List<JsonNode> requests = api.requests();
            assertEquals(2, requests.size());
            JsonNode first = requests.get(0);
            assertEquals("fake-model", first.path("model").asText());
            assertEquals(2, first.path("tools").size(), "the tool box's tools are offered");
            assertEquals(
                    "get_live_players",
                    first.path("tools").get(0).path("function").path("name").asText());
            JsonNode messages = first.path("messages");
            assertEquals("system", messages.get(0).path("role").asText());
            assertEquals("hello", messages.get(1).path("content").asText());
            assertEquals("assistant", messages.get(2).path("role").asText());
            assertEquals("who is online?", messages.get(3).path("content").asText());
            JsonNode second = requests.get(1).path("messages");
            assertEquals("assistant", second.get(4).path("role").asText());
            assertEquals(
                    call.id(),
                    second.get(4).path("tool_calls").get(0).path("id").asText());
            assertEquals("tool", second.get(5).path("role").asText());
            assertEquals(call.id(), second.get(5).path("tool_call_id").asText());
            assertEquals(List.of("Bearer " + KEY, "Bearer " + KEY), api.authorizations());
        }
    }

    @Test
    void aStreamedAnswerIsPassedOnInPiecesAndItsToolCallPutTogether() throws Exception {
        SampleTools tools = new SampleTools();
        try (FakeChatApi api = FakeChatApi.callingTool("get_player_state", "{\"character_name\":\"Alpha\"}", "Alpha:")
                .streaming(3)) {
            ChatRunner runner = new ChatRunner(ChatSettings.of(api.baseUrl(), "m", KEY, 4), tools);
            List<RunnerEvent> events = new CopyOnWriteArrayList<>();
            Answer answer = runner.ask(question("how is Alpha?", List.of(), Duration.ofSeconds(20)), events::add)
                    .toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);

            assertTrue(api.requests().get(0).path("stream").asBoolean(), "the runner asks for a stream");
            // The call's arguments came in pieces of three characters and were put back together.
            RunnerEvent.ToolCall call = assertInstanceOf(RunnerEvent.ToolCall.class, events.get(0));
            assertEquals("Alpha", call.arguments().path("character_name").asText());
            assertEquals(List.of("get_player_state"), tools.calls());
            List<String> pieces = events.stream()
                    .filter(e -> e instanceof RunnerEvent.Text)
                    .map(e -> ((RunnerEvent.Text) e).delta())
                    .toList();
            assertTrue(pieces.size() > 3, pieces.toString());
            assertTrue(pieces.stream().allMatch(p -> p.length() <= 3), pieces.toString());
            assertEquals(answer.result(), String.join("", pieces));
            assertTrue(answer.result().startsWith("Alpha: "), answer.result());
            // What went back to the model: the call as one message, its arguments whole.
            JsonNode asked = api.requests().get(1).path("messages").get(2);
            assertEquals(
                    "{\"character_name\":\"Alpha\"}",
                    asked.path("tool_calls")
                            .get(0)
                            .path("function")
                            .path("arguments")
                            .asText());
        }
    }

    @Test
    void aStreamLongerThanTheBoundIsStopped() {
        try (FakeChatApi api = FakeChatApi.answering("x".repeat(4000)).streaming(10)) {
            ChatSettings small = new ChatSettings(
                    java.util.Optional.of(api.baseUrl()), "m", KEY, 4, 2048, 20_000, Duration.ofSeconds(5), true);
            RunnerFailure f =
                    failure(new ChatRunner(small, new SampleTools()), question("?", List.of(), Duration.ofSeconds(20)));
            assertEquals(RunnerFailure.Kind.FAILED, f.kind());
            assertTrue(f.getMessage().contains("too large"), f.getMessage());
        }
    }

    @Test
    void aToolRefusalGoesBackToTheModelAsAnError() throws Exception {
        SampleTools tools = new SampleTools();
        try (FakeChatApi api = FakeChatApi.callingTool("get_player_state", "{\"wrong\":1}", "Sorry:")) {
            ChatRunner runner = new ChatRunner(ChatSettings.of(api.baseUrl(), "m", "", 4), tools);
            List<RunnerEvent> events = new CopyOnWriteArrayList<>();
            Answer answer = runner.ask(question("state?", List.of(), Duration.ofSeconds(20)), events::add)
                    .toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
            assertEquals("Sorry: {\"error\":\"character_name is required\"}", answer.result());
            assertTrue(assertInstanceOf(RunnerEvent.ToolResult.class, events.get(1))
                    .isError());
            assertEquals(List.of("", ""), api.authorizations(), "no key, no Authorization header");
        }
    }

    @Test
    void aModelThatNeverStopsCallingToolsIsStoppedAtTheTurnBound() {
        SampleTools tools = new SampleTools();
        try (FakeChatApi api = FakeChatApi.neverDone("get_live_players")) {
            ChatRunner runner = new ChatRunner(ChatSettings.of(api.baseUrl(), "m", KEY, 3), tools);
            RunnerFailure f = failure(runner, question("loop", List.of(), Duration.ofSeconds(20)));
            assertEquals(RunnerFailure.Kind.FAILED, f.kind());
            assertTrue(f.getMessage().contains("still calling tools after 3 turns"), f.getMessage());
            assertEquals(3, api.requests().size(), "exactly max-turns model calls");
            assertEquals(2, tools.calls().size(), "the last turn's calls are not run");
            assertFalse(f.getMessage().contains(KEY));
        }
    }

    @Test
    void aSilentApiIsATimeout() {
        try (FakeChatApi api = FakeChatApi.silent()) {
            ChatRunner runner = new ChatRunner(ChatSettings.of(api.baseUrl(), "m", KEY, 3), new SampleTools());
            long start = System.nanoTime();
            RunnerFailure f = failure(runner, question("wait", List.of(), Duration.ofMillis(500)));
            assertEquals(RunnerFailure.Kind.TIMEOUT, f.kind());
            assertTrue(f.getMessage().contains("longer than"), f.getMessage());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
        }
    }

    @Test
    void anUnreachableOrRefusingApiIsUnavailableAndTooLargeAnswersFail() throws Exception {
        ChatRunner nowhere =
                new ChatRunner(ChatSettings.of(URI.create("http://127.0.0.1:1/v1"), "m", KEY, 3), new SampleTools());
        RunnerFailure unreachable = failure(nowhere, question("hi", List.of(), Duration.ofSeconds(10)));
        assertEquals(RunnerFailure.Kind.UNAVAILABLE, unreachable.kind());

        try (FakeChatApi big = FakeChatApi.answering("x".repeat(2_000_000))) {
            ChatRunner runner = new ChatRunner(ChatSettings.of(big.baseUrl(), "m", KEY, 3), new SampleTools());
            RunnerFailure f = failure(runner, question("hi", List.of(), Duration.ofSeconds(10)));
            assertEquals(RunnerFailure.Kind.FAILED, f.kind());
            assertTrue(f.getMessage().contains("too large"), f.getMessage());
        }
        try (FakeChatApi empty = FakeChatApi.start(r -> FakeChatApi.answer(""))) {
            ChatRunner runner = new ChatRunner(ChatSettings.of(empty.baseUrl(), "m", KEY, 3), new SampleTools());
            assertTrue(failure(runner, question("hi", List.of(), Duration.ofSeconds(10)))
                    .getMessage()
                    .contains("empty answer"));
        }
        ChatRunner unconfigured = new ChatRunner(
                new ChatSettings(java.util.Optional.empty(), "", "", 3, 1 << 20, 20_000, Duration.ofSeconds(1), true),
                new SampleTools());
        RunnerFailure f = failure(unconfigured, question("hi", List.of(), Duration.ofSeconds(10)));
        assertEquals(RunnerFailure.Kind.UNAVAILABLE, f.kind());
        assertTrue(f.getMessage().contains("AGENT_CHAT_URL"));
    }

    @Test
    void theKeyIsNeverInTheSettingsText() {
        String text = ChatSettings.of(URI.create("http://127.0.0.1:9/v1"), "m", KEY, 3)
                .toString();
        assertFalse(text.contains(KEY), text);
    }
}
