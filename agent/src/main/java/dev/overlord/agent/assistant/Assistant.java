package dev.overlord.agent.assistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.agent.AgentSettings;
import dev.overlord.agent.history.AgentSessions;
import dev.overlord.agent.runner.Answer;
import dev.overlord.agent.runner.Question;
import dev.overlord.agent.runner.Runner;
import dev.overlord.agent.runner.RunnerEvent;
import dev.overlord.agent.runner.RunnerFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assistant: admits a user's question (its length, the user's rate over a rolling window, the
 * user's running questions, the server's), gives it a tool token valid while it runs, hands it with
 * the conversation so far to the {@link Runner} off the caller's thread, records both turns and
 * writes the audit trail. Sessions belong to the user who asked first in them.
 */
public final class Assistant {
    private static final Logger log = LoggerFactory.getLogger(Assistant.class);
    /** Longest question, in characters (code points), as the reference. */
    public static final int MAX_MESSAGE = 10_000;
    /** How much of a question, an answer or an error goes into an audit line. */
    static final int MESSAGE_PREVIEW = 500;

    static final int RESULT_PREVIEW = 300;
    /** A runner that overruns its own timeout by this much is stopped by the assistant instead. */
    static final Duration RUNNER_GRACE = Duration.ofSeconds(15);

    /** What became of a question at the door. */
    public sealed interface Asked {
        /** Refused before it ran; {@code retryAfterSeconds} is 0 when waiting will not help. */
        record Refused(Refusal why, String detail, long retryAfterSeconds) implements Asked {}

        /** Running; {@code finished} completes (never fails) when it has ended. */
        record Started(CompletionStage<Finished> finished) implements Asked {}
    }

    /** Why a question was refused. */
    public enum Refusal {
        /** The message is empty or too long. */
        INVALID,
        /** The user asked too often within the window. */
        RATE_LIMITED,
        /** The user has as many questions running as allowed. */
        USER_BUSY,
        /** The server runs as many questions as it may. */
        SERVER_BUSY,
        /** The session is another user's. */
        NOT_YOURS,
        /** The conversation could not be read (the database). */
        UNAVAILABLE
    }

    /** How a started question ended. */
    public sealed interface Finished {
        long durationMs();

        record Answered(Answer answer, long durationMs) implements Finished {}

        record Failed(RunnerFailure.Kind kind, String message, long durationMs) implements Finished {}
    }

    private final AgentSettings settings;
    private final Runner runner;
    private final AgentSessions sessions;
    private final AuditLog audit;
    private final Executor blocking;
    private final Clock clock;
    private final AskLimits limits;
    private final QuestionTokens tokens = new QuestionTokens();

    /**
     * @param blocking where the conversation is read and written (JDBC) and the runner is called
     * @param clock the rate limit's and the turns' time
     */
    public Assistant(
            AgentSettings settings,
            Runner runner,
            AgentSessions sessions,
            AuditLog audit,
            Executor blocking,
            Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = new AskLimits(
                clock, settings.rateWindow(), settings.rateMax(), settings.concurrencyPerUser(), settings.maxRunning());
    }

    public AgentSettings settings() {
        return settings;
    }

    /** The runner's kind ({@code cli} or {@code chat}). */
    public String runnerKind() {
        return runner.kind();
    }

    /** Questions running now. */
    public int running() {
        return limits.running();
    }

    /** Accepts a running question's tool token (the bearer {@code /mcp} admits); nothing else. */
    public Predicate<String> questionTokens() {
        return tokens;
    }

    /** A fresh session id; nothing is stored until its first question. */
    public UUID newSession() {
        return UUID.randomUUID();
    }

    /** Why {@code message} cannot be asked, or null when it can. */
    public static String checkMessage(String message) {
        if (message == null || message.isEmpty()) return "message must not be empty";
        int length = message.codePointCount(0, message.length());
        if (length > MAX_MESSAGE)
            return "message is " + length + " characters long; at most " + MAX_MESSAGE + " are allowed";
        return null;
    }

    /**
     * The conversation {@code session} as {@code user} may see it, oldest first: empty for an
     * unknown session and for another user's. Blocks on JDBC.
     */
    public List<AgentSessions.Turn> history(String user, UUID session) {
        return sessions.history(session, user, Integer.MAX_VALUE);
    }

    /**
     * Asks {@code message} in {@code session} for {@code user}. The limits are checked at once; the
     * session's owner and history are read on the blocking executor, so the stage completes with
     * {@link Asked.Refused} or {@link Asked.Started}. {@code events} hears the runner's progress.
     */
    public CompletionStage<Asked> ask(String user, UUID session, String message, Consumer<RunnerEvent> events) {
        String invalid = checkMessage(message);
        if (invalid != null) return done(new Asked.Refused(Refusal.INVALID, invalid, 0));
        AskLimits.Verdict verdict = limits.admit(user);
        AskLimits.Verdict.Admitted admitted;
        switch (verdict) {
            case AskLimits.Verdict.RateLimited r -> {
                audit.write(audit.event("rate_limited")
                        .put("user", user)
                        .put("session_id", session.toString())
                        .put("retry_after_s", r.retryAfterSeconds()));
                return done(new Asked.Refused(
                        Refusal.RATE_LIMITED,
                        "Rate limit exceeded; retry in " + r.retryAfterSeconds() + "s",
                        r.retryAfterSeconds()));
            }
            case AskLimits.Verdict.UserBusy b -> {
                audit.write(audit.event("concurrency_blocked")
                        .put("user", user)
                        .put("session_id", session.toString())
                        .put("scope", "user"));
                return done(new Asked.Refused(Refusal.USER_BUSY, "A previous question is still being processed", 0));
            }
            case AskLimits.Verdict.ServerBusy b -> {
                long retry = settings.busyRetryAfter().toSeconds();
                audit.write(audit.event("concurrency_blocked")
                        .put("user", user)
                        .put("session_id", session.toString())
                        .put("scope", "server")
                        .put("retry_after_s", retry));
                return done(new Asked.Refused(
                        Refusal.SERVER_BUSY,
                        "The assistant is busy with other questions; retry in " + retry + "s",
                        retry));
            }
            case AskLimits.Verdict.Admitted a -> admitted = a;
        }
        long started = System.nanoTime();
        CompletableFuture<Asked> asked;
        try {
            asked = CompletableFuture.supplyAsync(
                    () -> begin(admitted, user, session, message, events, started), blocking);
        } catch (RuntimeException e) { // the executor refused: shutting down
            limits.release(admitted, true);
            return done(new Asked.Refused(Refusal.UNAVAILABLE, "the assistant is shutting down", 0));
        }
        return asked.exceptionally(e -> {
            limits.release(admitted, true);
            log.warn("agent: could not start a question: {}", cause(e).toString());
            return new Asked.Refused(Refusal.UNAVAILABLE, "conversation history unavailable, try again shortly", 0);
        });
    }

    /** On the blocking executor: the owner check, the history, the user's turn, then the runner. */
    private Asked begin(
            AskLimits.Verdict.Admitted admitted,
            String user,
            UUID session,
            String message,
            Consumer<RunnerEvent> events,
            long started) {
        if (sessions.ownership(session, user) == AgentSessions.Ownership.OTHERS) {
            limits.release(admitted, true);
            return new Asked.Refused(
                    Refusal.NOT_YOURS, "unknown session for this user; start a new one (POST /agent/sessions/new)", 0);
        }
        List<Question.Turn> history = sessions.history(session, user, settings.historyTurns()).stream()
                .map(t -> new Question.Turn(t.role().wire(), t.text()))
                .toList();
        if (!sessions.append(session, user, AgentSessions.Role.USER, message, clock.instant())) {
            limits.release(admitted, true);
            return new Asked.Refused(
                    Refusal.NOT_YOURS, "unknown session for this user; start a new one (POST /agent/sessions/new)", 0);
        }
        audit.write(audit.event("ask_start")
                .put("user", user)
                .put("session_id", session.toString())
                .put("runner", runner.kind())
                .put("message", preview(message, MESSAGE_PREVIEW))
                .put("message_len", message.codePointCount(0, message.length())));
        String token = tokens.issue();
        Question question = new Question(user, session, message, history, history.isEmpty(), token, settings.timeout());
        CompletableFuture<Answer> answer;
        try {
            answer = runner.ask(question, events).toCompletableFuture();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        // The runner enforces the timeout; this stops a runner that does not.
        Duration bound = settings.timeout().plus(RUNNER_GRACE);
        CompletableFuture<Finished> finished = answer.orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((a, e) -> finish(user, session, a, e, started), blocking)
                .whenComplete((f, e) -> {
                    tokens.revoke(token);
                    limits.release(admitted, false);
                });
        return new Asked.Started(finished);
    }

    private Finished finish(String user, UUID session, Answer answer, Throwable error, long started) {
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (error == null && answer != null) {
            String result = answer.result() == null ? "" : answer.result();
            try {
                sessions.append(session, user, AgentSessions.Role.ASSISTANT, result, clock.instant());
            } catch (RuntimeException e) {
                log.warn("agent: the answer was not recorded: {}", e.toString());
            }
            audit.write(audit.event("ask_ok")
                    .put("user", user)
                    .put("session_id", session.toString())
                    .put("result_preview", preview(result, RESULT_PREVIEW))
                    .put("result_len", result.codePointCount(0, result.length()))
                    .put("turns", answer.numTurns())
                    .put("elapsed_ms", ms)
                    .put("is_error", answer.isError()));
            log.info("agent: user={} session={} turns={} duration_ms={}", user, session, answer.numTurns(), ms);
            return new Finished.Answered(new Answer(result, answer.numTurns(), answer.isError()), ms);
        }
        Throwable c = cause(error);
        RunnerFailure.Kind kind;
        String message;
        if (c instanceof RunnerFailure f) {
            kind = f.kind();
            message = f.getMessage();
        } else if (c instanceof java.util.concurrent.TimeoutException) {
            kind = RunnerFailure.Kind.TIMEOUT;
            message = timeoutMessage();
        } else {
            kind = RunnerFailure.Kind.FAILED;
            message = "the assistant failed to answer";
            log.warn("agent: the runner failed: {}", c == null ? "no answer" : c.toString());
        }
        if (kind == RunnerFailure.Kind.TIMEOUT && (message == null || message.isBlank())) message = timeoutMessage();
        ObjectNode line = audit.event(kind == RunnerFailure.Kind.TIMEOUT ? "timeout" : "ask_error")
                .put("user", user)
                .put("session_id", session.toString())
                .put("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .put("error", preview(message, MESSAGE_PREVIEW))
                .put("elapsed_ms", ms);
        audit.write(line);
        log.warn("agent: user={} session={} {} after {} ms", user, session, kind, ms);
        return new Finished.Failed(kind, message, ms);
    }

    private String timeoutMessage() {
        return "The assistant took longer than " + settings.timeout().toSeconds() + " s and was stopped";
    }

    static String preview(String text, int max) {
        if (text == null) return "";
        if (text.length() <= max) return text;
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private static Throwable cause(Throwable e) {
        Throwable c = e;
        while (c instanceof CompletionException && c.getCause() != null) c = c.getCause();
        return c;
    }

    private static CompletionStage<Asked> done(Asked asked) {
        return CompletableFuture.completedFuture(asked);
    }
}
