package dev.overlord.agent.testing;

import dev.overlord.agent.runner.Answer;
import dev.overlord.agent.runner.Question;
import dev.overlord.agent.runner.Runner;
import dev.overlord.agent.runner.RunnerEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link Runner} whose questions stay running until the test answers them: for limits on
 * running questions and for what a question sees while it runs (its tool token). Each question is
 * handed to the test through {@link #next}.
 */
public final class HeldRunner implements Runner {
    /** A question the runner holds, and how to end it. */
    public record Held(Question question, Consumer<RunnerEvent> events, CompletableFuture<Answer> answer) {
        public void answer(String text) {
            answer.complete(new Answer(text, 1, false));
        }
    }

    private final LinkedBlockingQueue<Held> asked = new LinkedBlockingQueue<>();

    @Override
    public CompletionStage<Answer> ask(Question question, Consumer<RunnerEvent> events) {
        Held held = new Held(question, events, new CompletableFuture<>());
        asked.add(held);
        return held.answer();
    }

    @Override
    public String kind() {
        return "held";
    }

    /** The next question asked, waiting up to {@code within}. */
    public Held next(Duration within) {
        try {
            Held h = asked.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (h == null) throw new AssertionError("no question reached the runner within " + within);
            return h;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
