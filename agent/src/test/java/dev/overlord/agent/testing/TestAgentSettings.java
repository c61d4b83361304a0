package dev.overlord.agent.testing;

import dev.overlord.agent.AgentSettings;
import dev.overlord.agent.chat.ChatSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@link AgentSettings} for tests: the packaged defaults' shape with the limits a test sets. */
public final class TestAgentSettings {
    private TestAgentSettings() {}

    public static AgentSettings of(
            Path auditLog, int rateMax, Duration rateWindow, int perUser, int maxRunning, Duration timeout) {
        return new AgentSettings(
                rateWindow,
                rateMax,
                perUser,
                maxRunning,
                Duration.ofSeconds(10),
                timeout,
                auditLog,
                1 << 20,
                3,
                AgentSettings.RunnerKind.CHAT,
                Duration.ofDays(30),
                Duration.ofHours(1),
                40,
                new ChatSettings(Optional.empty(), "", "", 8, 1 << 20, 20_000, Duration.ofSeconds(5), true));
    }
}
