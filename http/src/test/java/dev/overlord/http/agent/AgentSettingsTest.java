package dev.overlord.http.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.overlord.agent.AgentSettings;
import dev.overlord.http.server.Server;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The packaged defaults of {@code overlord.agent} (the reference's) and what overrides do to them. */
class AgentSettingsTest {
    private static AgentSettings read(String hocon) {
        return AgentSettings.from(Server.config(ConfigFactory.parseString(hocon)));
    }

    @Test
    void theDefaultsAreTheReferences() {
        AgentSettings s = read("overlord.data-dir = \"/srv/overlord\"");
        assertEquals(Duration.ofHours(1), s.rateWindow());
        assertEquals(60, s.rateMax());
        assertEquals(1, s.concurrencyPerUser());
        assertEquals(Duration.ofSeconds(240), s.timeout());
        assertEquals(AgentSettings.RunnerKind.CLI, s.runner());
        assertEquals(Path.of("/srv/overlord", "agent-audit.jsonl"), s.auditLog());
        assertEquals(10L * 1024 * 1024, s.auditMaxBytes());
        assertTrue(s.chat().url().isEmpty());
        assertEquals(8, s.chat().maxTurns());
    }

    @Test
    void overridesAndBadValues() {
        AgentSettings s = read("overlord.agent { runner = CHAT, rate-max = 5, timeout-s = 30,"
                + " audit-log = \"/var/log/overlord/agent.jsonl\","
                + " chat { url = \"http://127.0.0.1:8080/v1/\", model = m, key = sk-secret, max-turns = 3 } }");
        assertEquals(AgentSettings.RunnerKind.CHAT, s.runner());
        assertEquals(5, s.rateMax());
        assertEquals(Duration.ofSeconds(30), s.timeout());
        assertEquals(Path.of("/var/log/overlord/agent.jsonl"), s.auditLog());
        assertEquals(
                URI.create("http://127.0.0.1:8080/v1/chat/completions"),
                s.chat().completions().orElseThrow());
        assertFalse(s.toString().contains("sk-secret"), "the key never shows");

        IllegalArgumentException runner =
                assertThrows(IllegalArgumentException.class, () -> read("overlord.agent.runner = gpt"));
        assertTrue(runner.getMessage().contains("AGENT_RUNNER"), runner.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read("overlord.agent.rate-max = 0"));
        assertThrows(IllegalArgumentException.class, () -> read("overlord.agent.chat.url = \"file:///etc/passwd\""));
    }
}
