package dev.overlord.agent.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.agent.tools.OverlordTools;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a question with the command-line client ({@code claude -p}) run as a subprocess: in its
 * own working directory, with a clean environment (none of the server's secrets), our MCP server
 * as its only tools, the question's session started or resumed, and the whole process tree
 * killed when the question runs past its time. Everything blocking runs on the executor given,
 * never on the caller's thread.
 */
public final class CliRunner implements Runner, AutoCloseable {
    /** Our MCP server's name in the client's configuration. */
    public static final String MCP_SERVER_NAME = "overlord";

    /** The assistant's twelve tools, the only ones the client may call (with the MCP prefix). */
    public static final List<String> TOOLS = OverlordTools.NAMES;

    /** The environment the MCP server subprocess reads our URL and the question's token from. */
    public static final String ENV_MCP_URL = "OVERLORD_MCP_URL";

    public static final String ENV_MCP_TOKEN = "OVERLORD_MCP_TOKEN";

    static final int STDERR_PREVIEW_CHARS = 400;

    private static final Logger log = LoggerFactory.getLogger(CliRunner.class);

    private final CliSettings settings;
    private final Supplier<String> mcpUrl;
    private final Executor executor;
    private final Map<String, String> serverEnv;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong skippedLines = new AtomicLong();
    // The clients running now, so that a stopping server stops them too.
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param settings how to run the client
     * @param mcpUrl our own {@code /mcp} URL on loopback (known once the server is bound)
     * @param executor where the subprocesses are watched: two threads per running question (see
     *     {@link #newExecutor(int)}); a full executor answers "busy"
     */
    public CliRunner(CliSettings settings, Supplier<String> mcpUrl, Executor executor) {
        this(settings, mcpUrl, executor, System.getenv());
    }

    /** With the server's environment given: the names {@code pass-env} lists are taken from it. */
    CliRunner(CliSettings settings, Supplier<String> mcpUrl, Executor executor, Map<String, String> serverEnv) {
        this.settings = settings;
        this.mcpUrl = mcpUrl;
        this.executor = executor;
        this.serverEnv = Map.copyOf(serverEnv);
        if (!commandFound()) {
            log.warn(
                    "cli: the assistant's command-line client {} is not found; questions will fail as unavailable",
                    settings.command().getFirst());
        }
    }

    /**
     * A bounded executor for {@code maxQuestions} questions at once (the caller's own cap on
     * running questions): two threads each (the client's output and its error output) and two to
     * spare for a question still tidying up as the next starts, a short queue, threads named
     * {@code agent-cli-N}; past that a question is refused as busy. Shut it down with the server.
     */
    public static ExecutorService newExecutor(int maxQuestions) {
        if (maxQuestions < 1) throw new IllegalArgumentException("maxQuestions must be at least 1");
        AtomicInteger n = new AtomicInteger();
        int threads = 2 * maxQuestions + 2;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2 * maxQuestions), r -> {
                    Thread t = new Thread(r, "agent-cli-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public String kind() {
        return "cli";
    }

    /** The settings this runner was made with (for {@code /agent/health} and history replay). */
    public CliSettings settings() {
        return settings;
    }

    /** Lines of the client's output skipped so far (not stream-json, or too long). */
    public long skippedLines() {
        return skippedLines.get();
    }

    @Override
    public CompletionStage<Answer> ask(Question question, Consumer<RunnerEvent> events) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        if (closed) {
            answer.completeExceptionally(stopping());
            return answer;
        }
        try {
            executor.execute(() -> run(question, events, answer));
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(busy());
        }
        return answer;
    }

    private void run(Question question, Consumer<RunnerEvent> events, CompletableFuture<Answer> answer) {
        long started = System.nanoTime();
        try {
            Answer a = answer(question, events, answer);
            log.info(
                    "cli answered user={} session={} turns={} error={} in {} ms",
                    question.user(),
                    question.sessionId(),
                    a.numTurns(),
                    a.isError(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RunnerFailure f) {
            log.warn(
                    "cli failed user={} session={} kind={} after {} ms: {}",
                    question.user(),
                    question.sessionId(),
                    f.kind(),
                    (System.nanoTime() - started) / 1_000_000,
                    f.getMessage());
            answer.completeExceptionally(f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.completeExceptionally(new RunnerFailure(RunnerFailure.Kind.FAILED, "the assistant was stopped", e));
        } catch (IOException | RuntimeException e) {
            log.warn("cli failed user={} session={}", question.user(), question.sessionId(), e);
            answer.completeExceptionally(
                    new RunnerFailure(RunnerFailure.Kind.FAILED, "the assistant failed (an error on the server)", e));
        }
    }

    /** Runs the client for one question; completes {@code out} with the answer once the client has exited. */
    private Answer answer(Question question, Consumer<RunnerEvent> events, CompletableFuture<Answer> out)
            throws IOException, InterruptedException {
        Path config = prepare(question);
        long deadline = System.nanoTime() + question.timeout().toNanos();
        try {
            boolean resume = !question.firstInSession();
            try {
                return supervise(start(question, config, resume), question, question.timeout(), events, out);
            } catch (SessionMismatch e) {
                // The client knows better than our history whether the session exists (an
                // earlier question may have failed before the client saved it): once, the other way.
                log.info(
                        "cli session={} {}; retrying with {}",
                        question.sessionId(),
                        e.getMessage(),
                        resume ? "--session-id" : "--resume");
                try {
                    Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                    return supervise(start(question, config, !resume), question, left, events, out);
                } catch (SessionMismatch again) {
                    throw new RunnerFailure(
                            RunnerFailure.Kind.FAILED, "the assistant's command-line client refused the session");
                }
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }

    /** Creates the working directory and writes this question's MCP configuration (owner-only). */
    private Path prepare(Question question) {
        Path dir = settings.workdir().resolve(".overlord-mcp");
        try {
            Files.createDirectories(settings.workdir());
            Files.createDirectories(settings.home());
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
            Path file = dir.resolve(question.sessionId() + "-" + UUID.randomUUID() + ".json");
            Files.write(file, new byte[0]);
            ownerOnly(file, "rw-------");
            Files.write(file, json.writeValueAsBytes(mcpConfig(question)));
            return file;
        } catch (IOException e) {
            log.warn("cli cannot prepare its working directory {}", settings.workdir(), e);
            throw new RunnerFailure(
                    RunnerFailure.Kind.UNAVAILABLE,
                    "the assistant is unavailable: its working directory cannot be written",
                    e);
        }
    }

    private static void ownerOnly(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the directory's own ACLs apply.
        }
    }

    /** {@code {"mcpServers":{"overlord":{type, command, args, env}}}} for {@code --mcp-config}. */
    ObjectNode mcpConfig(Question question) {
        ObjectNode server = json.createObjectNode();
        server.put("type", "stdio");
        server.put("command", javaBinary());
        ArrayNode args = server.putArray("args");
        settings.mcpServerJvmOptions().forEach(args::add);
        args.add("-cp");
        args.add(absoluteClassPath());
        args.add(settings.mcpServerMain());
        ObjectNode env = server.putObject("env");
        env.put(ENV_MCP_URL, mcpUrl.get());
        env.put(ENV_MCP_TOKEN, question.toolToken());
        ObjectNode root = json.createObjectNode();
        root.putObject("mcpServers").set(MCP_SERVER_NAME, server);
        return root;
    }

    /**
     * The client's command line; the question itself goes to its standard input. {@code resume}:
     * the session exists ({@code --resume}), else it starts under the question's id ({@code
     * --session-id}).
     */
    List<String> commandLine(Question question, Path mcpConfig, boolean resume) {
        List<String> argv = new ArrayList<>(settings.command());
        argv.addAll(List.of("-p", "--output-format", "stream-json", "--verbose"));
        argv.addAll(List.of(
                resume ? "--resume" : "--session-id", question.sessionId().toString()));
        argv.addAll(List.of("--mcp-config", mcpConfig.toString(), "--strict-mcp-config"));
        List<String> allowed = new ArrayList<>();
        TOOLS.forEach(t -> allowed.add(StreamJson.TOOL_PREFIX + t));
        allowed.addAll(settings.extraAllowedTools());
        argv.addAll(List.of("--allowed-tools", String.join(",", allowed)));
        if (!settings.disallowedTools().isEmpty()) {
            argv.addAll(List.of("--disallowed-tools", String.join(",", settings.disallowedTools())));
        }
        argv.addAll(List.of("--permission-mode", settings.permissionMode()));
        if (!settings.model().isEmpty()) argv.addAll(List.of("--model", settings.model()));
        return argv;
    }

    /** PATH, HOME, LANG and the names {@code pass-env} lists: nothing else of the server's. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : settings.passEnv()) {
            String value = serverEnv.get(name);
            if (value != null) env.put(name, value);
        }
        env.put("PATH", settings.path());
        env.put("HOME", settings.home().toString());
        env.put("LANG", settings.lang());
        return env;
    }

    private Process start(Question question, Path config, boolean resume) {
        ProcessBuilder pb = new ProcessBuilder(commandLine(question, config, resume))
                .directory(settings.workdir().toFile());
        pb.environment().clear();
        pb.environment().putAll(environment());
        try {
            Process process = pb.start();
            running.add(process);
            // close() may have missed it: it stops here instead.
            if (closed) ProcessTree.kill(process.toHandle());
            return process;
        } catch (IOException e) {
            log.warn("cli cannot start {}: {}", settings.command().getFirst(), e.getMessage());
            throw new RunnerFailure(
                    RunnerFailure.Kind.UNAVAILABLE,
                    "the assistant is unavailable: its command-line client (" + commandName()
                            + ") is not installed or cannot be run",
                    e);
        }
    }

    /** Watches the started client for at most {@code timeout}; completes {@code out} with its answer. */
    private Answer supervise(
            Process process,
            Question question,
            Duration timeout,
            Consumer<RunnerEvent> events,
            CompletableFuture<Answer> out)
            throws InterruptedException, SessionMismatch {
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<List<ProcessHandle>> killedOnTimeout = new CompletableFuture<>();
        // The watchdog only signals (quick, never blocks); this thread then sees the output end
        // and waits for every process it killed to be gone.
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
                .execute(() -> {
                    if (!finished.get() && timedOut.compareAndSet(false, true)) {
                        killedOnTimeout.complete(ProcessTree.kill(process.toHandle()));
                    }
                });
        ErrorOutput stderr = new ErrorOutput(settings.maxStderrBytes());
        try {
            executor.execute(() -> stderr.drain(process.getErrorStream()));
        } catch (RejectedExecutionException e) {
            finished.set(true);
            ProcessTree.awaitGone(ProcessTree.kill(process.toHandle()), settings.killGrace());
            running.remove(process);
            throw busy();
        }
        try {
            feed(process, question.message());
            Outcome outcome = read(process, events, timedOut);
            if (outcome.answer != null) {
                // The answer is the last line: the client now exits (closing its MCP server).
                List<ProcessHandle> started = process.descendants().toList();
                finished.set(true);
                closeQuietly(process.getInputStream());
                if (!process.waitFor(settings.killGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                    ProcessTree.awaitGone(ProcessTree.kill(process.toHandle()), settings.killGrace());
                }
                out.complete(outcome.answer);
                // What it started and left behind: the caller need not wait for this.
                if (!ProcessTree.awaitGone(started, settings.killGrace())) ProcessTree.killAll(started);
                return outcome.answer;
            }
            if (outcome.overflow) {
                finished.set(true);
                ProcessTree.awaitGone(ProcessTree.kill(process.toHandle()), settings.killGrace());
                throw new RunnerFailure(
                        RunnerFailure.Kind.FAILED,
                        "the assistant's output passed " + size(settings.maxOutputBytes())
                                + " and was cut off; try a narrower question");
            }
            long left = timeout.toMillis() + settings.killGrace().toMillis();
            boolean exited = process.waitFor(Math.max(left, 1), TimeUnit.MILLISECONDS);
            finished.set(true);
            if (closed) {
                ProcessTree.awaitGone(ProcessTree.kill(process.toHandle()), settings.killGrace());
                throw stopping();
            }
            if (timedOut.get() || !exited) {
                List<ProcessHandle> killed = new ArrayList<>();
                if (timedOut.get()) killed.addAll(watchdogKilled(killedOnTimeout));
                killed.addAll(ProcessTree.kill(process.toHandle()));
                if (!ProcessTree.awaitGone(killed, settings.killGrace())) {
                    log.warn("cli session={}: some of the client's processes outlived the kill", question.sessionId());
                }
                throw new RunnerFailure(
                        RunnerFailure.Kind.TIMEOUT,
                        "the assistant took longer than " + question.timeout().toSeconds() + " s and was stopped");
            }
            int code = process.exitValue();
            stderr.awaitEnd(settings.killGrace());
            String preview = stderr.preview(secretsOf(question));
            if (code != 0 && !outcome.anyEvent) {
                String err = stderr.text();
                if (UNKNOWN_SESSION.matcher(err).find()) throw new SessionMismatch("the session is unknown");
                if (SESSION_IN_USE.matcher(err).find()) throw new SessionMismatch("the session exists already");
            }
            if (code != 0) {
                throw new RunnerFailure(
                        RunnerFailure.Kind.FAILED,
                        "the assistant's command-line client failed (exit " + code + ")"
                                + (preview.isEmpty() ? "" : ": " + preview));
            }
            throw new RunnerFailure(
                    RunnerFailure.Kind.FAILED,
                    outcome.tooLong
                            ? "the assistant's answer was longer than " + size(settings.maxLineBytes())
                                    + " and was cut off; try a narrower question"
                            : "the assistant's command-line client ended without an answer"
                                    + (preview.isEmpty() ? "" : ": " + preview));
        } finally {
            finished.set(true);
            if (process.isAlive()) ProcessTree.kill(process.toHandle());
            running.remove(process);
        }
    }

    private List<ProcessHandle> watchdogKilled(CompletableFuture<List<ProcessHandle>> killed)
            throws InterruptedException {
        try {
            return killed.get(settings.killGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return List.of();
        }
    }

    private record Outcome(Answer answer, boolean overflow, boolean tooLong, boolean anyEvent) {}

    /** The client refused the session as started or resumed: it exists already, or not yet. */
    private static final class SessionMismatch extends Exception {
        SessionMismatch(String why) {
            super(why, null, false, false);
        }
    }

    // The client's words for --resume of an unknown session, and for --session-id of a known one.
    private static final Pattern UNKNOWN_SESSION = Pattern.compile("(?i)no conversation found");
    private static final Pattern SESSION_IN_USE = Pattern.compile("(?i)session id .{0,64}already in use");

    /** Reads the client's output until its answer, its end, or the output bound. */
    private Outcome read(Process process, Consumer<RunnerEvent> events, AtomicBoolean timedOut) {
        StreamJson stream = new StreamJson(json);
        BoundedLines lines =
                new BoundedLines(process.getInputStream(), settings.maxLineBytes(), settings.maxOutputBytes());
        boolean tooLong = false;
        boolean anyEvent = false;
        int skipped = 0;
        try {
            while (true) {
                switch (lines.next()) {
                    case BoundedLines.Next.Line(String text) -> {
                        switch (stream.read(text)) {
                            case StreamJson.Line.Events(List<RunnerEvent> found) -> {
                                anyEvent |= !found.isEmpty();
                                found.forEach(e -> emit(events, e));
                            }
                            case StreamJson.Line.Result(Answer answer) -> {
                                return new Outcome(answer, false, tooLong, true);
                            }
                            case StreamJson.Line.Ignored() -> {}
                            case StreamJson.Line.Malformed(String why) -> {
                                skipped++;
                                skippedLines.incrementAndGet();
                                if (skipped == 1) log.warn("cli output line skipped: {}", why);
                            }
                        }
                    }
                    case BoundedLines.Next.TooLong(long bytes) -> {
                        tooLong = true;
                        skipped++;
                        skippedLines.incrementAndGet();
                        log.warn("cli output line of {} bytes skipped (max {})", bytes, settings.maxLineBytes());
                    }
                    case BoundedLines.Next.Overflow() -> {
                        return new Outcome(null, true, tooLong, anyEvent);
                    }
                    case BoundedLines.Next.End() -> {
                        return new Outcome(null, false, tooLong, anyEvent);
                    }
                }
            }
        } catch (IOException e) {
            // The stream closed under us (the process was killed): its exit decides.
            if (!timedOut.get()) log.debug("cli output ended with {}", e.toString());
            return new Outcome(null, false, tooLong, anyEvent);
        } finally {
            if (skipped > 1) log.warn("cli output: {} lines skipped in all", skipped);
        }
    }

    private static void emit(Consumer<RunnerEvent> events, RunnerEvent event) {
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            // A listener's failure (a closed browser stream) must not stop the answer.
            log.debug("cli event listener failed: {}", e.toString());
        }
    }

    /** The question on standard input, never on the command line (see docs/assistant.md). */
    private static void feed(Process process, String message) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(message.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The client exited before reading its question: its exit status says why.
            log.debug("cli did not read its question: {}", e.toString());
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            log.debug("cli output close: {}", e.toString());
        }
    }

    /** Values never shown in a message: the question's token and whatever {@code pass-env} passes. */
    private Set<String> secretsOf(Question question) {
        Set<String> secrets = new java.util.HashSet<>();
        secrets.add(question.toolToken());
        for (String name : settings.passEnv()) {
            String v = serverEnv.get(name);
            if (v != null && v.length() >= 4) secrets.add(v);
        }
        return secrets;
    }

    private String commandName() {
        String first = settings.command().getFirst();
        Path name = Path.of(first).getFileName();
        return name == null ? first : name.toString();
    }

    /**
     * Stops every running client and what it started, waiting up to {@code kill-grace} for them
     * to be gone; their questions fail as unavailable, and so does any later one. For the
     * server's shutdown (before the executor is shut down).
     */
    @Override
    public void close() {
        closed = true;
        List<ProcessHandle> killed = new ArrayList<>();
        for (Process p : running) killed.addAll(ProcessTree.kill(p.toHandle()));
        try {
            if (!ProcessTree.awaitGone(killed, settings.killGrace())) {
                log.warn("cli: some of the clients' processes outlived the shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the client's program can be found: an executable file, or a name found on the
     * server's {@code PATH} (the one a program is looked up on). For the health check and the
     * startup log; a missing client is also reported per question.
     */
    public boolean commandFound() {
        String first = settings.command().getFirst();
        if (first.contains(File.separator)) return Files.isExecutable(Path.of(first));
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .anyMatch(d -> Files.isExecutable(Path.of(d, first)));
    }

    private static RunnerFailure stopping() {
        return new RunnerFailure(
                RunnerFailure.Kind.UNAVAILABLE, "the assistant was stopped: the server is shutting down");
    }

    private static RunnerFailure busy() {
        return new RunnerFailure(
                RunnerFailure.Kind.UNAVAILABLE, "the assistant is busy with other questions; try again shortly");
    }

    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + " MiB";
        if (bytes % 1024 == 0) return bytes / 1024 + " KiB";
        return bytes + " bytes";
    }

    private static String javaBinary() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElseGet(() ->
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Our class path with every entry absolute: the MCP server starts in the client's directory. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * The client's error output: the first {@code max} bytes kept, the rest read and counted so
     * the client never blocks on a full pipe.
     */
    static final class ErrorOutput {
        private final byte[] kept;
        private int length;
        private long dropped;
        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        ErrorOutput(int max) {
            this.kept = new byte[max];
        }

        void drain(InputStream err) {
            byte[] chunk = new byte[4096];
            try (err) {
                int n;
                while ((n = err.read(chunk)) >= 0) append(chunk, n);
            } catch (IOException e) {
                // Closed when the process went: what was read is kept.
            } finally {
                ended.complete(null);
            }
        }

        private synchronized void append(byte[] chunk, int n) {
            int room = Math.min(n, kept.length - length);
            System.arraycopy(chunk, 0, kept, length, room);
            length += room;
            dropped += n - room;
        }

        void awaitEnd(Duration grace) throws InterruptedException {
            try {
                ended.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                // Something the client started still holds the pipe: use what was read.
            }
        }

        synchronized String text() {
            return new String(kept, 0, length, StandardCharsets.UTF_8);
        }

        /** A one-line preview: secrets replaced, control characters escaped, cut short. */
        synchronized String preview(Set<String> secrets) {
            String text = new String(kept, 0, length, StandardCharsets.UTF_8).strip();
            for (String s : secrets) {
                if (!s.isEmpty()) text = text.replace(s, "***");
            }
            String escaped = escape(text);
            String cut = StreamJson.truncate(escaped, STDERR_PREVIEW_CHARS);
            return dropped > 0 && cut.equals(escaped) ? cut + "…" : cut;
        }
    }

    /** Control and bidirectional-override characters made visible, so a message stays one plain line. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean control = cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
                    boolean bidi = (cp >= 0x202a && cp <= 0x202e)
                            || (cp >= 0x2066 && cp <= 0x2069)
                            || cp == 0x200e
                            || cp == 0x200f
                            || cp == 0x2028
                            || cp == 0x2029
                            || cp == 0xfeff;
                    if (control || bidi) sb.append(String.format("\\u%04x", cp));
                    else sb.appendCodePoint(cp);
                }
            }
        });
        return sb.toString();
    }
}
