package dev.overlord.agent.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line runner against a fake client: a real subprocess taking the real client's
 * flags, with a real MCP client talking to a stdio MCP server it starts from our configuration.
 */
class CliRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final String MCP_URL = "http://127.0.0.1:18080/mcp";
    private static final UUID SESSION = UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-901234567890");

    /** The server's environment as the runner sees it: secrets of ours, and the client's key. */
    private static final Map<String, String> SERVER_ENV = Map.of(
            "SECRET_KEY", "server-cookie-secret",
            "SHARED_SECRET", "plugin-shared-secret",
            "AGENT_MCP_TOKEN", "mcp-bearer-secret",
            "OVERLORD_DB_PASSWORD", "database-password",
            "DISCORD_RARE_BOT_TOKEN", "discord-bot-token",
            "ANTHROPIC_API_KEY", "sk-client-key");

    private static final Set<String> OUR_SECRET_NAMES =
            Set.of("SECRET_KEY", "SHARED_SECRET", "AGENT_MCP_TOKEN", "OVERLORD_DB_PASSWORD", "DISCORD_RARE_BOT_TOKEN");

    @TempDir
    Path dir;

    private final ExecutorService executor = CliRunner.newExecutor(1);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private CliSettings settings(List<String> command, int maxLine, long maxOutput) {
        Path workdir = dir.resolve("work");
        return new CliSettings(
                command,
                workdir,
                workdir,
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "C.UTF-8",
                List.of("ANTHROPIC_API_KEY"),
                "",
                List.of(),
                List.of("Bash", "Read", "Write"),
                "dontAsk",
                TestMcpServer.class.getName(),
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                maxLine,
                maxOutput,
                4096,
                Duration.ofSeconds(5));
    }

    private static List<String> fake() {
        return List.of(
                JAVA,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                FakeClaude.class.getName());
    }

    private CliRunner runner() {
        return runner(settings(fake(), 64 * 1024, 1024 * 1024));
    }

    private CliRunner runner(CliSettings settings) {
        return new CliRunner(settings, () -> MCP_URL, executor, SERVER_ENV);
    }

    private static Question question(String message, boolean first, Duration timeout) {
        return new Question("alice", SESSION, message, List.of(), first, "tool-token-" + UUID.randomUUID(), timeout);
    }

    private static Question question(String message) {
        return question(message, true, Duration.ofSeconds(90));
    }

    private static Answer answer(CompletionStage<Answer> stage) throws Exception {
        return stage.toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    private static RunnerFailure failure(CompletionStage<Answer> stage) {
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> stage.toCompletableFuture().get(120, TimeUnit.SECONDS));
        return assertInstanceOf(RunnerFailure.class, e.getCause());
    }

    private static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 15 s: " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new TreeSet<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    @Test
    void theClientRunsInItsWorkdirWithACleanEnvironmentAndTheQuestionOnStdin() throws Exception {
        CliRunner runner = runner();
        Question q = question("report what do you see? --dangerously-skip-permissions");
        ConcurrentLinkedQueue<RunnerEvent> seen = new ConcurrentLinkedQueue<>();
        Answer a = answer(runner.ask(q, seen::add));

        JsonNode report = JSON.readTree(a.result());
        Path workdir = dir.resolve("work").toRealPath();
        assertEquals(
                workdir.toString(),
                Path.of(report.get("cwd").asText()).toRealPath().toString());
        assertEquals(
                workdir.toString(),
                Path.of(report.get("home").asText()).toRealPath().toString());
        // Exactly PATH, HOME, LANG and what pass-env names: none of the server's secrets.
        assertEquals(Set.of("ANTHROPIC_API_KEY", "HOME", "LANG", "PATH"), names(report.get("env")));
        // The question went to standard input, never onto the command line.
        assertEquals(q.message(), report.get("prompt").asText());
        List<String> args = new ArrayList<>();
        report.get("args").forEach(n -> args.add(n.asText()));
        assertFalse(args.stream().anyMatch(s -> s.contains("report")), args.toString());
        assertEquals(SESSION.toString(), args.get(args.indexOf("--session-id") + 1));
        assertFalse(args.contains("--resume"));
        assertFalse(report.get("resumed").asBoolean());
        List<String> allowed =
                Arrays.asList(args.get(args.indexOf("--allowed-tools") + 1).split(","));
        assertEquals(CliRunner.TOOLS.stream().map(t -> "mcp__overlord__" + t).toList(), allowed);
        assertEquals(12, allowed.size());
        assertEquals("Bash,Read,Write", args.get(args.indexOf("--disallowed-tools") + 1));

        // The MCP configuration: our java, our class path, the MCP main, our URL and this question's token.
        JsonNode server = JSON.readTree(report.get("mcp_config").asText())
                .path("mcpServers")
                .path("overlord");
        assertEquals(JAVA, server.get("command").asText());
        List<String> mcpArgs = new ArrayList<>();
        server.get("args").forEach(n -> mcpArgs.add(n.asText()));
        assertEquals(TestMcpServer.class.getName(), mcpArgs.getLast());
        assertEquals(MCP_URL, server.path("env").path(CliRunner.ENV_MCP_URL).asText());
        assertEquals(
                q.toolToken(), server.path("env").path(CliRunner.ENV_MCP_TOKEN).asText());
        assertEquals(Set.of(CliRunner.ENV_MCP_URL, CliRunner.ENV_MCP_TOKEN), fieldNames(server.get("env")));

        assertEquals(1, a.numTurns());
        assertFalse(a.isError());
        assertEquals(List.of(new RunnerEvent.Text(a.result())), List.copyOf(seen));
        // The configuration file (it holds the token) is gone once the question is done.
        Path configs = dir.resolve("work").resolve(".overlord-mcp");
        eventually(() -> listing(configs).isEmpty(), "the MCP configuration deleted");
    }

    @Test
    void aLaterQuestionResumesTheSession() throws Exception {
        CliRunner runner = runner();
        assertFalse(report(runner, question("report", true, Duration.ofSeconds(90)))
                .get("resumed")
                .asBoolean());
        JsonNode report = report(runner, question("report", false, Duration.ofSeconds(90)));
        List<String> args = new ArrayList<>();
        report.get("args").forEach(n -> args.add(n.asText()));
        assertEquals(SESSION.toString(), args.get(args.indexOf("--resume") + 1));
        assertFalse(args.contains("--session-id"));
        assertTrue(report.get("resumed").asBoolean());
    }

    @Test
    void theClientsOwnSessionsWinOverOurHistory() throws Exception {
        CliRunner runner = runner();
        // Our history says "later question", but the client never saved the session: it is started.
        assertFalse(report(runner, question("report", false, Duration.ofSeconds(90)))
                .get("resumed")
                .asBoolean());
        // Our history says "first question", but the client has the session: it is resumed.
        assertTrue(report(runner, question("report", true, Duration.ofSeconds(90)))
                .get("resumed")
                .asBoolean());
    }

    private static JsonNode report(CliRunner runner, Question q) throws Exception {
        return JSON.readTree(answer(runner.ask(q, e -> {})).result());
    }

    @Test
    void aToolIsCalledThroughARealMcpServerThatSeesOnlyWhatItIsGiven() throws Exception {
        Set<Long> before = descendants();
        Question q = question("call get_server_health");
        ConcurrentLinkedQueue<RunnerEvent> seen = new ConcurrentLinkedQueue<>();
        Answer a = answer(runner().ask(q, seen::add));

        JsonNode health = JSON.readTree(a.result());
        assertEquals(MCP_URL, health.get("url").asText());
        assertEquals(q.toolToken(), health.get("token").asText());
        Set<String> env = Set.of(health.get("env").asText().split(","));
        assertTrue(env.stream().noneMatch(OUR_SECRET_NAMES::contains), env.toString());
        assertTrue(env.contains(CliRunner.ENV_MCP_TOKEN), env.toString());
        assertEquals(2, a.numTurns());
        assertFalse(a.isError());

        List<RunnerEvent> events = List.copyOf(seen);
        assertEquals(4, events.size(), events.toString());
        assertEquals(new RunnerEvent.Text("Let me look."), events.get(0));
        RunnerEvent.ToolCall call = assertInstanceOf(RunnerEvent.ToolCall.class, events.get(1));
        assertEquals("toolu_1", call.id());
        assertEquals("get_server_health", call.name());
        assertTrue(call.arguments().isObject() && call.arguments().isEmpty());
        RunnerEvent.ToolResult result = assertInstanceOf(RunnerEvent.ToolResult.class, events.get(2));
        assertEquals("toolu_1", result.id());
        assertEquals("get_server_health", result.name());
        assertFalse(result.isError());
        assertTrue(result.preview().contains(MCP_URL), result.preview());
        assertTrue(result.preview().length() <= StreamJson.PREVIEW_CHARS + 1);
        assertEquals(new RunnerEvent.Text(a.result()), events.get(3));
        // The client and the MCP server it started are gone.
        eventually(() -> before.containsAll(descendants()), "no subprocess left");
    }

    @Test
    void aToolCallsArgumentsReachTheToolAndTheEvents() throws Exception {
        ConcurrentLinkedQueue<RunnerEvent> seen = new ConcurrentLinkedQueue<>();
        Answer a = answer(runner().ask(question("call get_live_players {\"limit\":3}"), seen::add));
        assertEquals("{\"players\":[\"Aerfalle\",\"Bunny\"],\"limit\":3}", a.result());
        RunnerEvent.ToolCall call = seen.stream()
                .filter(RunnerEvent.ToolCall.class::isInstance)
                .map(RunnerEvent.ToolCall.class::cast)
                .findFirst()
                .orElseThrow();
        assertEquals("get_live_players", call.name());
        assertEquals(JSON.readTree("{\"limit\":3}"), call.arguments());
    }

    @Test
    void aQuestionPastItsTimeKillsTheWholeProcessTree() throws Exception {
        // Two threads, no queue: one question fills it.
        ExecutorService small = new ThreadPoolExecutor(0, 2, 1, TimeUnit.SECONDS, new SynchronousQueue<>());
        CliRunner runner = new CliRunner(settings(fake(), 64 * 1024, 1 << 20), () -> MCP_URL, small, SERVER_ENV);
        CompletableFuture<List<Long>> pids = new CompletableFuture<>();
        Duration timeout = Duration.ofSeconds(8);
        long started = System.nanoTime();
        CompletionStage<Answer> stage = runner.ask(question("hang", true, timeout), e -> {
            if (e instanceof RunnerEvent.Text(String text) && text.startsWith("pids ")) {
                pids.complete(Stream.of(text.substring(5).split(" "))
                        .map(Long::valueOf)
                        .toList());
            }
        });
        List<Long> tree = pids.get(60, TimeUnit.SECONDS);
        assertEquals(4, tree.size(), "the client, two grandchildren and a great-grandchild: " + tree);
        assertTrue(tree.stream()
                .allMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)));

        // Both of the executor's threads watch this question: another is refused at once.
        RunnerFailure busy = failure(runner.ask(question("report"), e -> {}));
        assertEquals(RunnerFailure.Kind.UNAVAILABLE, busy.kind());
        assertTrue(busy.getMessage().contains("busy"), busy.getMessage());

        RunnerFailure f = failure(stage);
        assertEquals(RunnerFailure.Kind.TIMEOUT, f.kind());
        assertEquals("the assistant took longer than 8 s and was stopped", f.getMessage());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(timeout) >= 0, took.toString());
        // Every process of the tree is gone by the time the question fails.
        for (long pid : tree) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " alive");
        }
        small.shutdownNow();
    }

    @Test
    void closingTheRunnerStopsEveryRunningClientAndRefusesNewQuestions() throws Exception {
        CliRunner runner = runner();
        CompletableFuture<List<Long>> pids = new CompletableFuture<>();
        CompletionStage<Answer> stage = runner.ask(question("hang", true, Duration.ofSeconds(120)), e -> {
            if (e instanceof RunnerEvent.Text(String text) && text.startsWith("pids ")) {
                pids.complete(Stream.of(text.substring(5).split(" "))
                        .map(Long::valueOf)
                        .toList());
            }
        });
        List<Long> tree = pids.get(60, TimeUnit.SECONDS);
        long started = System.nanoTime();
        runner.close();
        for (long pid : tree) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " alive");
        }
        RunnerFailure f = failure(stage);
        assertEquals(RunnerFailure.Kind.UNAVAILABLE, f.kind());
        assertEquals("the assistant was stopped: the server is shutting down", f.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(30)) < 0);
        assertEquals(
                RunnerFailure.Kind.UNAVAILABLE,
                failure(runner.ask(question("report"), e -> {})).kind());
    }

    @Test
    void theClientIsLookedUpAsItWillBeRun() {
        assertTrue(runner().commandFound(), "java by its absolute path");
        assertTrue(runner(settings(List.of("sh"), 64 * 1024, 1 << 20)).commandFound(), "sh on PATH");
        assertFalse(runner(settings(List.of("no-such-claude-client"), 64 * 1024, 1 << 20))
                .commandFound());
        assertFalse(runner(settings(List.of(dir.resolve("claude").toString()), 64 * 1024, 1 << 20))
                .commandFound());
    }

    @Test
    void outputPastTheBoundStopsTheClientAndSaysSo() {
        Set<Long> before = descendants();
        RunnerFailure f = failure(runner().ask(question("flood"), e -> {}));
        assertEquals(RunnerFailure.Kind.FAILED, f.kind());
        assertEquals("the assistant's output passed 1 MiB and was cut off; try a narrower question", f.getMessage());
        eventually(() -> before.containsAll(descendants()), "no subprocess left");
    }

    @Test
    void anOverlongLineIsSkippedAndAnOverlongAnswerIsReported() throws Exception {
        CliRunner runner = runner();
        ConcurrentLinkedQueue<RunnerEvent> seen = new ConcurrentLinkedQueue<>();
        Answer a = answer(runner.ask(question("long-line"), seen::add));
        assertEquals("after the long line", a.result());
        assertEquals(List.of(new RunnerEvent.Text("short")), List.copyOf(seen));
        assertEquals(1, runner.skippedLines());

        RunnerFailure f = failure(runner.ask(question("long-result"), e -> {}));
        assertEquals(RunnerFailure.Kind.FAILED, f.kind());
        assertEquals(
                "the assistant's answer was longer than 64 KiB and was cut off; try a narrower question",
                f.getMessage());
        assertEquals(2, runner.skippedLines());
    }

    @Test
    void malformedLinesAreSkippedAndCounted() throws Exception {
        CliRunner runner = runner();
        ConcurrentLinkedQueue<RunnerEvent> seen = new ConcurrentLinkedQueue<>();
        Answer a = answer(runner.ask(question("garbage"), seen::add));
        assertEquals("fine after garbage", a.result());
        assertEquals(List.of(new RunnerEvent.Text("still here")), List.copyOf(seen));
        assertEquals(6, runner.skippedLines());
    }

    @Test
    void aMissingClientIsUnavailable() {
        CliRunner runner = runner(settings(List.of(dir.resolve("no-such-claude").toString()), 64 * 1024, 1 << 20));
        RunnerFailure f = failure(runner.ask(question("report"), e -> {}));
        assertEquals(RunnerFailure.Kind.UNAVAILABLE, f.kind());
        assertEquals(
                "the assistant is unavailable: its command-line client (no-such-claude) is not installed or cannot be run",
                f.getMessage());
    }

    @Test
    void aFailingClientIsFailedWithAnEscapedPreviewOfItsErrorsAndNoSecret() {
        Question q = question("fail");
        RunnerFailure f = failure(runner().ask(q, e -> {}));
        assertEquals(RunnerFailure.Kind.FAILED, f.kind());
        assertEquals(
                "the assistant's command-line client failed (exit 3): boom: the model is unhappy\\n"
                        + "\\u001b[31mred\\u001b[0m token=***",
                f.getMessage());
        assertFalse(f.getMessage().contains(q.toolToken()));
    }

    @Test
    void aClientEndingWithoutAnAnswerFails() {
        RunnerFailure f = failure(runner().ask(question("silent"), e -> {}));
        assertEquals(RunnerFailure.Kind.FAILED, f.kind());
        assertEquals("the assistant's command-line client ended without an answer", f.getMessage());
    }

    /** The test JVM's subprocesses now (other tests' may be there: each test compares with its own start). */
    private static Set<Long> descendants() {
        Set<Long> pids = new TreeSet<>();
        ProcessHandle.current().descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Path> listing(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
