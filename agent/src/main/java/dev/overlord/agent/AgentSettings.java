package dev.overlord.agent;

import com.typesafe.config.Config;
import dev.overlord.agent.chat.ChatSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The assistant service's settings, read once from {@code overlord.agent} (env names as the
 * reference's: {@code AGENT_RATE_WINDOW_S}, {@code AGENT_RATE_MAX}, {@code
 * AGENT_CONCURRENCY_PER_USER}, {@code CLAUDE_TIMEOUT_S}, {@code AGENT_AUDIT_LOG}, ...).
 *
 * @param rateWindow the rolling window of the per-user rate limit
 * @param rateMax questions one user may ask within {@code rateWindow}
 * @param concurrencyPerUser questions one user may have running at once
 * @param maxRunning questions running at once on this server, all users together
 * @param busyRetryAfter what a client refused by {@code maxRunning} is told to wait
 * @param timeout how long one question may take in all
 * @param auditLog the JSON-lines audit file
 * @param auditMaxBytes the audit file's size past which it is rotated
 * @param auditKeepFiles rotated audit files kept ({@code audit.jsonl.1} .. {@code .N})
 * @param runner which runner answers
 * @param sessionsKeepFor a conversation idle this long is deleted
 * @param purgeEvery how often idle conversations are looked for
 * @param historyTurns earlier turns handed to the runner with a question, the newest
 */
public record AgentSettings(
        Duration rateWindow,
        int rateMax,
        int concurrencyPerUser,
        int maxRunning,
        Duration busyRetryAfter,
        Duration timeout,
        Path auditLog,
        long auditMaxBytes,
        int auditKeepFiles,
        RunnerKind runner,
        Duration sessionsKeepFor,
        Duration purgeEvery,
        int historyTurns,
        ChatSettings chat) {

    /** The runner chosen by {@code AGENT_RUNNER}. */
    public enum RunnerKind {
        CLI,
        CHAT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AgentSettings {
        positive(rateWindow, "rate-window-s");
        positive(timeout, "timeout-s");
        positive(busyRetryAfter, "busy-retry-after-s");
        positive(sessionsKeepFor, "sessions.keep-for");
        positive(purgeEvery, "sessions.purge-every");
        atLeast(rateMax, 1, "rate-max");
        atLeast(concurrencyPerUser, 1, "concurrency-per-user");
        atLeast(maxRunning, 1, "max-running");
        atLeast(auditKeepFiles, 0, "audit-keep-files");
        atLeast(historyTurns, 0, "sessions.history-turns");
        if (auditMaxBytes < 1024) throw new IllegalArgumentException("overlord.agent.audit-max-bytes must be >= 1 KiB");
    }

    /** From the whole configuration: {@code overlord.agent}, and {@code overlord.data-dir} for the audit log's default. */
    public static AgentSettings from(Config config) {
        Config c = config.getConfig("overlord.agent");
        String audit = c.getString("audit-log").strip();
        Path auditLog = audit.isEmpty()
                ? Path.of(config.hasPath("overlord.data-dir") ? config.getString("overlord.data-dir") : "data")
                        .resolve("agent-audit.jsonl")
                : Path.of(audit);
        return new AgentSettings(
                Duration.ofSeconds(c.getLong("rate-window-s")),
                c.getInt("rate-max"),
                c.getInt("concurrency-per-user"),
                c.getInt("max-running"),
                Duration.ofSeconds(c.getLong("busy-retry-after-s")),
                Duration.ofSeconds(c.getLong("timeout-s")),
                auditLog,
                c.getBytes("audit-max-bytes"),
                c.getInt("audit-keep-files"),
                runnerKind(c.getString("runner")),
                c.getDuration("sessions.keep-for"),
                c.getDuration("sessions.purge-every"),
                c.getInt("sessions.history-turns"),
                ChatSettings.from(c.getConfig("chat")));
    }

    private static RunnerKind runnerKind(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "cli", "" -> RunnerKind.CLI;
            case "chat" -> RunnerKind.CHAT;
            default ->
                throw new IllegalArgumentException(
                        "overlord.agent.runner (AGENT_RUNNER) must be cli or chat, not '" + text + "'");
        };
    }

    private static void positive(Duration d, String name) {
        if (d.isZero() || d.isNegative())
            throw new IllegalArgumentException("overlord.agent." + name + " must be positive");
    }

    private static void atLeast(int value, int min, String name) {
        if (value < min) throw new IllegalArgumentException("overlord.agent." + name + " must be >= " + min);
    }
}
