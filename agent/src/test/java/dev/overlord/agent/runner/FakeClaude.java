package dev.overlord.agent.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for {@code claude -p} in the command-line runner's tests: a real subprocess that
 * takes the same flags (and refuses others, exit 2), reads the question from standard input,
 * starts the MCP server its {@code --mcp-config} names as a real MCP client, and prints
 * stream-json lines as the real client does. Like the real client it refuses {@code --resume} of a
 * session it has not seen and {@code --session-id} of one it has. The question's first word says
 * what to do:
 *
 * <ul>
 *   <li>{@code report}: answers with what it sees (working directory, environment, arguments);
 *   <li>{@code call <tool> [<arguments as a JSON object>]}: lists the MCP server's tools and calls
 *       one (refused as the
 *       real client would when it is not in {@code --allowed-tools});
 *   <li>{@code hang}: starts grandchildren that sleep, reports their pids, and never answers;
 *   <li>{@code flood}: prints assistant text without end;
 *   <li>{@code long-line} / {@code long-result}: one line of 200 kB, before the answer / as it;
 *   <li>{@code garbage}: six malformed lines, then an answer;
 *   <li>{@code fail}: a message on standard error (with the tool token in it), exit 3;
 *   <li>{@code silent}: exits 0 without an answer.
 * </ul>
 */
public final class FakeClaude {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PrintStream out;

    public static void main(String[] argv) throws Exception {
        out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(System.err, true)); // libraries' logs stay off the stream
        Args args;
        try {
            args = Args.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        String prompt = new String(System.in.readNBytes(1 << 20), StandardCharsets.UTF_8).strip();
        // Sessions as the real client keeps them: a transcript under HOME per session id.
        Path transcript = Path.of(System.getenv("HOME"), ".fake-sessions", args.session + ".jsonl");
        if (args.resumed && !Files.exists(transcript)) {
            System.err.println("No conversation found with session ID: " + args.session);
            System.exit(1);
        }
        if (!args.resumed && Files.exists(transcript)) {
            System.err.println("Error: Session ID " + args.session + " is already in use.");
            System.exit(1);
        }
        Files.createDirectories(transcript.getParent());
        Files.writeString(
                transcript,
                prompt + "\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        String[] words = prompt.split("\\s+");
        UUID session = args.session;
        ObjectNode init = line("system");
        init.put("subtype", "init");
        init.put("session_id", session.toString());
        init.put("cwd", Path.of("").toAbsolutePath().toString());
        print(init);
        switch (words[0]) {
            case "report" -> {
                ObjectNode seen = JSON.createObjectNode();
                seen.put("cwd", Path.of("").toAbsolutePath().toString());
                seen.put("home", System.getenv("HOME"));
                seen.put("prompt", prompt);
                ArrayNode env = seen.putArray("env");
                new TreeSet<>(System.getenv().keySet()).forEach(env::add);
                ArrayNode a = seen.putArray("args");
                Arrays.asList(argv).forEach(a::add);
                seen.put("resumed", args.resumed);
                seen.put("session", session.toString());
                seen.put("mcp_config", Files.readString(args.mcpConfig));
                String text = JSON.writeValueAsString(seen);
                assistantText(text);
                result(text, 1, false);
            }
            case "call" -> call(args, words[1], prompt.split("\\s+", 3).length > 2 ? prompt.split("\\s+", 3)[2] : "");
            case "hang" -> hang();
            case "flood" -> {
                String chunk = "x".repeat(8000);
                while (!out.checkError()) assistantText(chunk);
                System.exit(1);
            }
            case "long-line" -> {
                assistantText("y".repeat(200_000));
                assistantText("short");
                result("after the long line", 1, false);
            }
            case "long-result" -> result("z".repeat(200_000), 1, false);
            case "garbage" -> {
                out.println("not json at all");
                out.println("[1,2,3]");
                out.println("{\"no\":\"type\"}");
                out.println("{\"type\":\"assistant\",\"message\":{}}");
                out.println("{\"type\":42}");
                out.println("{\"type\":\"assistant\",\"message\":{\"content\":[");
                assistantText("still here");
                result("fine after garbage", 1, false);
            }
            case "fail" -> {
                String token = JSON.readTree(Files.readString(args.mcpConfig))
                        .path("mcpServers")
                        .path("overlord")
                        .path("env")
                        .path("OVERLORD_MCP_TOKEN")
                        .asText();
                System.err.println("boom: the model is unhappy\n\u001b[31mred\u001b[0m token=" + token);
                System.exit(3);
            }
            case "silent" -> System.exit(0);
            default -> {
                assistantText("I do not know " + words[0]);
                result("I do not know " + words[0], 1, false);
            }
        }
        System.exit(0);
    }

    private static void call(Args args, String tool, String arguments) throws Exception {
        String qualified = "mcp__overlord__" + tool;
        ObjectNode input = arguments.isBlank() ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(arguments);
        try (FakeMcpClient mcp = FakeMcpClient.start(args.mcpConfig, "overlord", Duration.ofSeconds(60))) {
            List<String> listed = mcp.toolNames();
            ObjectNode use = line("assistant");
            ArrayNode content = use.putObject("message").putArray("content");
            content.addObject().put("type", "text").put("text", "Let me look.");
            ObjectNode call = content.addObject();
            call.put("type", "tool_use").put("id", "toolu_1").put("name", qualified);
            call.set("input", input);
            print(use);
            String answer;
            boolean isError;
            if (!args.allowedTools.contains(qualified) || !listed.contains(tool)) {
                answer = "permission denied: " + qualified + " (listed: " + listed + ")";
                isError = true;
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = JSON.convertValue(input, Map.class);
                McpSchema.CallToolResult r = mcp.call(tool, map);
                answer = FakeMcpClient.text(r);
                isError = Boolean.TRUE.equals(r.isError());
            }
            ObjectNode user = line("user");
            ArrayNode blocks = user.putObject("message").putArray("content");
            ObjectNode res = blocks.addObject();
            res.put("type", "tool_result").put("tool_use_id", "toolu_1").put("is_error", isError);
            res.putArray("content").addObject().put("type", "text").put("text", answer);
            print(user);
            assistantText(answer);
            result(answer, 2, false);
        }
    }

    private static void hang() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "600").start();
        Process shell = new ProcessBuilder("sh", "-c", "sleep 601 & wait").start();
        // The shell's own child may take a moment to appear.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (shell.toHandle().children().findAny().isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        List<Long> pids = new ArrayList<>();
        pids.add(ProcessHandle.current().pid());
        pids.add(sleeper.pid());
        pids.add(shell.pid());
        shell.toHandle().children().forEach(c -> pids.add(c.pid()));
        assistantText("pids "
                + pids.stream()
                        .map(String::valueOf)
                        .reduce((a, b) -> a + " " + b)
                        .orElse(""));
        new CountDownLatch(1).await();
    }

    private static ObjectNode line(String type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        return n;
    }

    private static void assistantText(String text) {
        ObjectNode n = line("assistant");
        n.putObject("message")
                .putArray("content")
                .addObject()
                .put("type", "text")
                .put("text", text);
        print(n);
    }

    private static void result(String text, int turns, boolean isError) {
        ObjectNode n = line("result");
        n.put("subtype", isError ? "error_during_execution" : "success");
        n.put("is_error", isError);
        n.put("num_turns", turns);
        n.put("result", text);
        print(n);
    }

    private static void print(ObjectNode n) {
        try {
            out.println(JSON.writeValueAsString(n));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The flags the runner must pass, checked as strictly as the real client parses them. */
    record Args(Path mcpConfig, List<String> allowedTools, UUID session, boolean resumed) {
        static Args parse(String[] argv) {
            Map<String, String> values = new TreeMap<>();
            List<String> switches = new ArrayList<>();
            for (int i = 0; i < argv.length; i++) {
                String a = argv[i];
                switch (a) {
                    case "-p", "--verbose", "--strict-mcp-config" -> switches.add(a);
                    case "--output-format",
                            "--mcp-config",
                            "--allowed-tools",
                            "--disallowed-tools",
                            "--permission-mode",
                            "--session-id",
                            "--resume",
                            "--model" -> {
                        if (i + 1 >= argv.length) throw new IllegalArgumentException(a + " needs a value");
                        if (values.put(a, argv[++i]) != null) throw new IllegalArgumentException(a + " given twice");
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            for (String s : List.of("-p", "--verbose", "--strict-mcp-config")) {
                if (!switches.contains(s)) throw new IllegalArgumentException(s + " missing");
            }
            if (!"stream-json".equals(values.get("--output-format")))
                throw new IllegalArgumentException("not stream-json");
            if (!"dontAsk".equals(values.get("--permission-mode"))) throw new IllegalArgumentException("not dontAsk");
            if (values.containsKey("--session-id") == values.containsKey("--resume")) {
                throw new IllegalArgumentException("exactly one of --session-id and --resume");
            }
            if (!values.containsKey("--mcp-config")) throw new IllegalArgumentException("--mcp-config missing");
            String id = values.containsKey("--session-id") ? values.get("--session-id") : values.get("--resume");
            List<String> allowed =
                    Arrays.asList(values.getOrDefault("--allowed-tools", "").split(","));
            return new Args(
                    Path.of(values.get("--mcp-config")), allowed, UUID.fromString(id), values.containsKey("--resume"));
        }
    }
}
