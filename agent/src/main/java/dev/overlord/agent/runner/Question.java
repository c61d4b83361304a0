package dev.overlord.agent.runner;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One question to a runner.
 *
 * @param user who asks (the logged-in user)
 * @param sessionId the conversation, a canonical UUID kept by the browser
 * @param message the question, 1..10,000 characters, already checked
 * @param history the conversation so far, oldest first (the chat runner sends it; the command
 *     line client resumes its own session instead)
 * @param firstInSession true when the session has no earlier turn (the command line client then
 *     starts the session under this id instead of resuming it)
 * @param toolToken a bearer token valid only while this question runs, with which the runner's
 *     subprocess reaches our tools at {@code /mcp}; never one of the server's own secrets
 * @param timeout how long the runner may take in all
 */
public record Question(
        String user,
        UUID sessionId,
        String message,
        List<Turn> history,
        boolean firstInSession,
        String toolToken,
        Duration timeout) {
    public Question {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(message, "message");
        history = List.copyOf(history);
        Objects.requireNonNull(toolToken, "toolToken");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** One earlier message of the conversation: {@code role} is {@code user} or {@code assistant}. */
    public record Turn(String role, String text) {}
}
