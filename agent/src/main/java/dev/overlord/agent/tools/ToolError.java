package dev.overlord.agent.tools;

/**
 * A tool call that cannot be answered: arguments that fail the tool's schema or checks, an
 * unknown tool, or a refusal (the SQL walls). The message is meant for the model and the user:
 * it says what was wrong and never carries a secret.
 */
public final class ToolError extends RuntimeException {
    public ToolError(String message) {
        super(message);
    }
}
