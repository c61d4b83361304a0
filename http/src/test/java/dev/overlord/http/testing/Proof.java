package dev.overlord.http.testing;

import java.time.Duration;

/**
 * How long the reliability suites run: {@code ci} (the default) inside {@code mvn verify}, bounded
 * to minutes, or {@code release} ({@code -Doverlord.proof=release}) for the long runs a release is
 * held to. A suite picks its size with {@link #pick}.
 */
public enum Proof {
    CI,
    RELEASE;

    public static final String PROPERTY = "overlord.proof";

    public static Proof current() {
        String v = System.getProperty(PROPERTY, "ci").trim().toLowerCase();
        return switch (v) {
            case "", "ci" -> CI;
            case "release" -> RELEASE;
            default -> throw new IllegalArgumentException(PROPERTY + " must be ci or release, not '" + v + "'");
        };
    }

    /** {@code ci} in the CI run, {@code release} in the release run. */
    public static int pick(int ci, int release) {
        return current() == RELEASE ? release : ci;
    }

    public static Duration pick(Duration ci, Duration release) {
        return current() == RELEASE ? release : ci;
    }
}
