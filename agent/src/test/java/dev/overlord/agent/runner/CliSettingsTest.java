package dev.overlord.agent.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code overlord.agent.cli}, as the shipped configuration and the environment give it. */
class CliSettingsTest {
    /** The shipped application.conf with {@code overrides} on top, resolved as the server resolves it. */
    private static CliSettings read(String overrides) {
        Config c = ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.parseResources("application.conf"))
                .resolve();
        return CliSettings.from(c);
    }

    @Test
    void theDefaults() {
        CliSettings s = read("overlord.data-dir = \"/srv/overlord\"");
        if (System.getenv("CLAUDE_BIN") == null) assertEquals(List.of("claude"), s.command());
        assertEquals(Path.of("/srv/overlord/agent-cli"), s.workdir());
        assertEquals(s.workdir(), s.home());
        assertEquals(List.of(), s.passEnv());
        assertEquals(1 << 20, s.maxLineBytes());
        assertEquals(8L << 20, s.maxOutputBytes());
        assertEquals(Duration.ofSeconds(5), s.killGrace());
        assertEquals("dontAsk", s.permissionMode());
        assertEquals("dev.overlord.agent.mcp.McpStdio", s.mcpServerMain());
        assertTrue(s.disallowedTools().containsAll(List.of("Bash", "Read", "Write", "Edit", "WebFetch", "Task")));
        assertEquals(List.of(), s.extraAllowedTools());
        assertTrue(!s.path().isEmpty() && !s.lang().isEmpty());
        assertEquals(Path.of("/srv/overlord/agent-cli/.claude/projects/-srv-overlord-agent-cli"), s.sessionsDir());
    }

    @Test
    void theEnvironmentGivesStrings() {
        // As CLAUDE_BIN and AGENT_CLI_PASS_ENV arrive through ${?...}: one path, a comma-separated list.
        CliSettings s = read("""
                overlord.agent.cli.command = "/opt/claude code/bin/claude"
                overlord.agent.cli.pass-env = "ANTHROPIC_API_KEY, HTTPS_PROXY"
                overlord.agent.cli.workdir = "/var/lib/overlord-agent"
                overlord.agent.cli.home = "/var/lib/overlord-agent/home"
                """);
        assertEquals(List.of("/opt/claude code/bin/claude"), s.command());
        assertEquals(List.of("ANTHROPIC_API_KEY", "HTTPS_PROXY"), s.passEnv());
        assertEquals(Path.of("/var/lib/overlord-agent"), s.workdir());
        assertEquals(Path.of("/var/lib/overlord-agent/home"), s.home());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SECRET_KEY",
                "shared_secret",
                "AGENT_MCP_TOKEN",
                "OVERLORD_DB_PASSWORD",
                "DISCORD_RARE_BOT_TOKEN",
                "PGPASSWORD",
                "JAVA_TOOL_OPTIONS"
            })
    void ourSecretsAreNeverPassed(String name) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> read("overlord.agent.cli.pass-env = [" + name + "]"));
        assertTrue(e.getMessage().contains("never given to the client"), e.getMessage());
    }

    @Test
    void badValuesAreRefusedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> read("overlord.agent.cli.command = []"));
        assertThrows(IllegalArgumentException.class, () -> read("overlord.agent.cli.pass-env = \"A=B\""));
        assertThrows(IllegalArgumentException.class, () -> read("overlord.agent.cli.mcp-server-main = \"a b\""));
        assertThrows(IllegalArgumentException.class, () -> read("overlord.agent.cli.max-output-size = 1 KiB"));
    }
}
