package dev.overlord.agent.runner;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * What answers one question: a command-line client run as a subprocess ({@code claude -p}), or
 * an HTTP chat API whose tool loop our server runs. A runner never blocks the caller's thread:
 * the answer is a stage, and what happens on the way (text as it is produced, tool calls) goes to
 * {@code events}, from whatever thread the runner uses.
 */
public interface Runner {
    /**
     * Answers {@code question}. The runner enforces {@link Question#timeout()} itself (a
     * subprocess and everything it started is killed); the stage then fails with a {@link
     * RunnerFailure} of kind {@link RunnerFailure.Kind#TIMEOUT}. Any other failure of the runner
     * is a {@link RunnerFailure} too, with a message fit to show the user.
     */
    CompletionStage<Answer> ask(Question question, Consumer<RunnerEvent> events);

    /** A short name for logs, audit lines and {@code /agent/health}: {@code cli} or {@code chat}. */
    String kind();
}
