package dev.overlord.agent.runner;

/**
 * A question the runner could not answer. The message is shown to the user (the HTTP answer is a
 * 502 with it), so it is clear and never carries a secret.
 */
public final class RunnerFailure extends RuntimeException {
    /** Why. */
    public enum Kind {
        /** The question ran past its time; the runner stopped everything it started. */
        TIMEOUT,
        /** The runner cannot run at all (the command is missing, the chat API unreachable). */
        UNAVAILABLE,
        /** The runner ran and failed (a bad exit, an answer it could not read, too many turns). */
        FAILED
    }

    private final Kind kind;

    public RunnerFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RunnerFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
