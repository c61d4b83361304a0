package dev.overlord.agent.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.agent.AgentSettings;
import dev.overlord.agent.assistant.Assistant.Asked;
import dev.overlord.agent.assistant.Assistant.Finished;
import dev.overlord.agent.assistant.Assistant.Refusal;
import dev.overlord.agent.history.AgentSessions;
import dev.overlord.agent.runner.Answer;
import dev.overlord.agent.runner.Question;
import dev.overlord.agent.runner.Runner;
import dev.overlord.agent.runner.RunnerEvent;
import dev.overlord.agent.runner.RunnerFailure;
import dev.overlord.agent.testing.HeldRunner;
import dev.overlord.agent.testing.TestAgentSettings;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The assistant's door and bookkeeping with a clock the test moves: the rate over a rolling
 * window, running questions per user and in all, tool tokens that live as long as their question,
 * the conversation recorded and handed back, sessions owned, the audit trail.
 */
class AssistantTest extends DatabaseTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    // One instance serves every test (the database is the class's): each test gets its own of these.
    private ManualClock clock;
    private ExecutorService blocking;
    private final List<AuditLog> audits = new ArrayList<>();

    @BeforeEach
    void start() {
        clock = new ManualClock();
        blocking = Executors.newCachedThreadPool();
    }

    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }

    @AfterEach
    void stop() {
        audits.forEach(AuditLog::close);
        audits.clear();
        blocking.shutdownNow();
    }

    private record Setup(Assistant assistant, AuditLog audit) {}

    private Setup assistant(Runner runner, AgentSettings settings) {
        AuditLog audit = new AuditLog(settings.auditLog(), settings.auditMaxBytes(), 3, clock);
        audits.add(audit);
        return new Setup(
                new Assistant(settings, runner, new AgentSessions(database().dataSource()), audit, blocking, clock),
                audit);
    }

    private Path auditFile() {
        return tempDir.resolve("audit-" + UUID.randomUUID() + ".jsonl");
    }

    private static Asked asked(Assistant a, String user, UUID session, String message) throws Exception {
        return a.ask(user, session, message, e -> {}).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Finished finished(Asked asked) throws Exception {
        return assertInstanceOf(Asked.Started.class, asked)
                .finished()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static List<JsonNode> lines(AuditLog audit) throws Exception {
        audit.flush().get(10, TimeUnit.SECONDS);
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(audit.file())) return out;
        for (String l : Files.readAllLines(audit.file())) out.add(JSON.readTree(l));
        return out;
    }

    @Test
    void theRateIsCountedOverARollingWindowWithRetryAfter() throws Exception {
        HeldRunner runner = new HeldRunner();
        Setup s = assistant(runner, TestAgentSettings.of(auditFile(), 2, Duration.ofSeconds(60), 5, 10, WAIT));
        UUID session = UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            Asked a = asked(s.assistant(), "alice", session, "question " + i);
            runner.next(WAIT).answer("answer " + i);
            assertInstanceOf(Finished.Answered.class, finished(a));
            clock.advance(Duration.ofSeconds(10));
        }
        // Asked at 0 s and 10 s, now at 20 s: the first leaves the window at 60 s.
        Asked.Refused refused = assertInstanceOf(Asked.Refused.class, asked(s.assistant(), "alice", session, "third"));
        assertEquals(Refusal.RATE_LIMITED, refused.why());
        assertEquals(40, refused.retryAfterSeconds());
        assertTrue(refused.detail().contains("retry in 40s"), refused.detail());
        // Another user has a rate of their own.
        Asked bob = asked(s.assistant(), "bob", UUID.randomUUID(), "mine");
        runner.next(WAIT).answer("yours");
        finished(bob);

        clock.advance(Duration.ofMillis(39_500));
        assertEquals(
                1,
                assertInstanceOf(Asked.Refused.class, asked(s.assistant(), "alice", session, "still?"))
                        .retryAfterSeconds());
        clock.advance(Duration.ofMillis(500));
        Asked again = asked(s.assistant(), "alice", session, "now");
        runner.next(WAIT).answer("yes");
        assertInstanceOf(Finished.Answered.class, finished(again));

        List<JsonNode> limited = lines(s.audit()).stream()
                .filter(n -> n.path("event").asText().equals("rate_limited"))
                .toList();
        assertEquals(2, limited.size());
        assertEquals("alice", limited.get(0).path("user").asText());
        assertEquals(session.toString(), limited.get(0).path("session_id").asText());
        assertEquals(40, limited.get(0).path("retry_after_s").asInt());
    }

    @Test
    void oneRunningQuestionPerUserAndACapForTheServer() throws Exception {
        HeldRunner runner = new HeldRunner();
        AgentSettings settings = TestAgentSettings.of(auditFile(), 100, Duration.ofHours(1), 1, 2, WAIT);
        Setup s = assistant(runner, settings);
        Asked alice = asked(s.assistant(), "alice", UUID.randomUUID(), "slow one");
        HeldRunner.Held aliceHeld = runner.next(WAIT);

        Asked.Refused second =
                assertInstanceOf(Asked.Refused.class, asked(s.assistant(), "alice", UUID.randomUUID(), "another"));
        assertEquals(Refusal.USER_BUSY, second.why());
        assertEquals("A previous question is still being processed", second.detail());

        Asked bob = asked(s.assistant(), "bob", UUID.randomUUID(), "bob's");
        HeldRunner.Held bobHeld = runner.next(WAIT);
        assertEquals(2, s.assistant().running());
        Asked.Refused carol =
                assertInstanceOf(Asked.Refused.class, asked(s.assistant(), "carol", UUID.randomUUID(), "carol's"));
        assertEquals(Refusal.SERVER_BUSY, carol.why());
        assertEquals(10, carol.retryAfterSeconds());

        aliceHeld.answer("done");
        finished(alice);
        assertEquals(1, s.assistant().running());
        Asked carolAgain = asked(s.assistant(), "carol", UUID.randomUUID(), "carol's");
        runner.next(WAIT).answer("ok");
        bobHeld.answer("ok");
        finished(carolAgain);
        finished(bob);
        assertEquals(0, s.assistant().running());

        List<String> scopes = lines(s.audit()).stream()
                .filter(n -> n.path("event").asText().equals("concurrency_blocked"))
                .map(n -> n.path("scope").asText())
                .toList();
        assertEquals(List.of("user", "server"), scopes);
    }

    @Test
    void theToolTokenIsValidOnlyWhileItsQuestionRuns() throws Exception {
        HeldRunner runner = new HeldRunner();
        Setup s = assistant(runner, TestAgentSettings.of(auditFile(), 100, Duration.ofHours(1), 1, 4, WAIT));
        Asked a = asked(s.assistant(), "alice", UUID.randomUUID(), "tools please");
        HeldRunner.Held held = runner.next(WAIT);
        String token = held.question().toolToken();
        assertTrue(token.length() >= 40, token);
        assertTrue(s.assistant().questionTokens().test(token));
        assertFalse(s.assistant().questionTokens().test(token + "x"));
        assertFalse(s.assistant().questionTokens().test(""));
        assertFalse(s.assistant().questionTokens().test(null));
        held.answer("done");
        finished(a);
        assertFalse(s.assistant().questionTokens().test(token), "revoked when the question ended");
        for (JsonNode line : lines(s.audit())) assertFalse(line.toString().contains(token), "never audited");
    }

    @Test
    void theConversationIsRecordedAndHandedToTheNextQuestion() throws Exception {
        HeldRunner runner = new HeldRunner();
        Setup s = assistant(runner, TestAgentSettings.of(auditFile(), 100, Duration.ofHours(1), 1, 4, WAIT));
        UUID session = s.assistant().newSession();
        Asked first = asked(s.assistant(), "alice", session, "who is online?");
        HeldRunner.Held q1 = runner.next(WAIT);
        assertTrue(q1.question().firstInSession());
        assertEquals(List.of(), q1.question().history());
        q1.answer("Alpha and Bravo");
        Answer a1 = assertInstanceOf(Finished.Answered.class, finished(first)).answer();
        assertEquals("Alpha and Bravo", a1.result());

        clock.advance(Duration.ofSeconds(5));
        Asked second = asked(s.assistant(), "alice", session, "and Alpha's vitae?");
        HeldRunner.Held q2 = runner.next(WAIT);
        assertFalse(q2.question().firstInSession());
        assertEquals(
                List.of(new Question.Turn("user", "who is online?"), new Question.Turn("assistant", "Alpha and Bravo")),
                q2.question().history());
        q2.answer("full");
        finished(second);

        List<AgentSessions.Turn> history = s.assistant().history("alice", session);
        assertEquals(4, history.size());
        assertEquals("and Alpha's vitae?", history.get(2).text());
        assertEquals(ManualClock.START.plusSeconds(5), history.get(2).at());
        assertEquals(List.of(), s.assistant().history("mallory", session), "never another user's");

        // Another user cannot ask in it; the refusal costs them nothing.
        Asked.Refused mallory =
                assertInstanceOf(Asked.Refused.class, asked(s.assistant(), "mallory", session, "let me in"));
        assertEquals(Refusal.NOT_YOURS, mallory.why());
        Asked own = asked(s.assistant(), "mallory", UUID.randomUUID(), "mine");
        runner.next(WAIT).answer("ok");
        finished(own);

        List<JsonNode> events = lines(s.audit());
        JsonNode start = events.stream()
                .filter(n -> n.path("event").asText().equals("ask_start"))
                .findFirst()
                .orElseThrow();
        assertEquals("who is online?", start.path("message").asText());
        assertEquals(14, start.path("message_len").asInt());
        JsonNode ok = events.stream()
                .filter(n -> n.path("event").asText().equals("ask_ok"))
                .findFirst()
                .orElseThrow();
        assertEquals("Alpha and Bravo", ok.path("result_preview").asText());
        assertEquals(15, ok.path("result_len").asInt());
        assertEquals(1, ok.path("turns").asInt());
        assertTrue(ok.has("elapsed_ms"));
    }

    @Test
    void messagesOutsideOneToTenThousandCharactersAreRefused() throws Exception {
        HeldRunner runner = new HeldRunner();
        Setup s = assistant(runner, TestAgentSettings.of(auditFile(), 100, Duration.ofHours(1), 1, 4, WAIT));
        for (String bad : List.of("", "x".repeat(10_001))) {
            Asked.Refused r =
                    assertInstanceOf(Asked.Refused.class, asked(s.assistant(), "alice", UUID.randomUUID(), bad));
            assertEquals(Refusal.INVALID, r.why());
        }
        // 10,000 characters outside the BMP are 20,000 UTF-16 units, and allowed.
        Asked emoji = asked(s.assistant(), "alice", UUID.randomUUID(), "😀".repeat(10_000));
        runner.next(WAIT).answer("ok");
        finished(emoji);
    }

    @Test
    void failuresAndTimeoutsAreReportedAndAudited() throws Exception {
        Runner failing = new Runner() {
            @Override
            public CompletionStage<Answer> ask(Question q, Consumer<RunnerEvent> events) {
                return CompletableFuture.failedFuture(
                        new RunnerFailure(RunnerFailure.Kind.valueOf(q.message()), "it went wrong: " + q.message()));
            }

            @Override
            public String kind() {
                return "failing";
            }
        };
        Setup s = assistant(failing, TestAgentSettings.of(auditFile(), 100, Duration.ofHours(1), 1, 4, WAIT));
        Finished.Failed failed = assertInstanceOf(
                Finished.Failed.class, finished(asked(s.assistant(), "alice", UUID.randomUUID(), "FAILED")));
        assertEquals(RunnerFailure.Kind.FAILED, failed.kind());
        assertEquals("it went wrong: FAILED", failed.message());
        Finished.Failed timeout = assertInstanceOf(
                Finished.Failed.class, finished(asked(s.assistant(), "alice", UUID.randomUUID(), "TIMEOUT")));
        assertEquals(RunnerFailure.Kind.TIMEOUT, timeout.kind());
        assertEquals(0, s.assistant().running());

        List<String> events =
                lines(s.audit()).stream().map(n -> n.path("event").asText()).toList();
        assertEquals(List.of("ask_start", "ask_error", "ask_start", "timeout"), events);
        JsonNode error = lines(s.audit()).get(1);
        assertEquals("it went wrong: FAILED", error.path("error").asText());
        assertEquals("failed", error.path("kind").asText());
    }
}
