package dev.overlord.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.testing.SampleFrames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    static final String SECRET_URL = "https://discord.example/api/webhooks/1/very-secret-token";

    static final String RULES = """
            overlord.alerts {
              rules = [
                { name = low-health, frame = vitals, when = "health_percentage < 30 and vitae == 0",
                  title = "{character_name}: low health", message = "{character_name} is at {health_percentage}% health",
                  severity = critical, target = "discord-channel:123456789", cooldown = 2m }
                { name = any-vitae, frame = vitals, when = "vitae > 0", message = "vitae {vitae}",
                  target = "aclog-webhook" }
                { name = tells, frame = chat, when = "text contains 'tells you'", message = "{text}",
                  target = "http:ops" }
                { name = hook, frame = rare, message = "{name} by {character_name}",
                  target = "discord-webhook:SECRET" }
              ]
              http-webhooks {
                ops { url = "SECRET", template = "{\\"text\\":\\"{title}: {message}\\",\\"who\\":\\"{character_name}\\"}" }
                plain { url = "http://127.0.0.1:9/hook" }
              }
            }
            """.replace("SECRET", SECRET_URL);

    static Config config(String text) {
        return ConfigFactory.parseString(text);
    }

    static AlertRules rules() {
        return AlertRules.from(config(RULES));
    }

    @Test
    void aMatchingFrameGivesOneMatchPerRuleWithItsTemplatesRendered() {
        var frame = SampleFrames.parse("""
                {"type":"vitals","character_name":"Larsson","timestamp":"2025-06-14T08:21:35Z",
                 "health_current":60,"health_max":345,"health_percentage":"17.4","vitae":0}""");
        List<AlertRules.Match> matches = rules().matches(frame);
        assertEquals(1, matches.size());
        AlertRules.Match m = matches.getFirst();
        assertEquals("low-health", m.rule().name());
        assertEquals("Larsson: low health", m.title());
        assertEquals("Larsson is at 17.4% health", m.message());
        assertEquals(Alert.CRITICAL, m.rule().severity());
        assertEquals(Duration.ofMinutes(2), m.rule().cooldown());
        assertEquals("discord-channel:123456789", m.rule().target());
        assertEquals("17.4", m.fields().get("health_percentage"));
        assertEquals("0", m.fields().get("vitae"));
        assertEquals("low-health", m.fields().get(AlertRules.RULE_NAME));
        assertEquals("2025-06-14T08:21:35Z", m.fields().get("timestamp"));
    }

    @Test
    void theEntityGetsEachMatchWithItsTargetAndCooldown() {
        FrameRules rules = rules();
        var frame = SampleFrames.parse("""
                {"type":"vitals","character_name":"Larsson","health_percentage":12,"vitae":0}""");
        List<FrameRules.Matched> matched = rules.evaluate(frame);
        assertEquals(1, matched.size());
        FrameRules.Matched m = matched.getFirst();
        assertEquals("low-health", m.rule());
        assertEquals(Alert.CRITICAL, m.severity());
        assertEquals("Larsson is at 12% health", m.message());
        assertEquals(List.of("discord-channel:123456789"), m.targets());
        assertEquals(Duration.ofMinutes(2), m.cooldown());
        assertEquals("12", m.fields().get("health_percentage"));
        assertTrue(rules.evaluate(SampleFrames.frame("telemetry")).isEmpty());
    }

    @Test
    void severalRulesOnOneFrameTypeAreEachTried() {
        var frame = SampleFrames.parse("""
                {"type":"vitals","character_name":"Larsson","health_percentage":17,"vitae":5}""");
        List<AlertRules.Match> matches = rules().matches(frame);
        assertEquals(
                List.of("any-vitae"), matches.stream().map(m -> m.rule().name()).toList());
        assertEquals("vitae 5", matches.getFirst().message());
        assertEquals(Alert.WARNING, matches.getFirst().rule().severity()); // the default
        assertEquals(AlertRules.DEFAULT_COOLDOWN, matches.getFirst().rule().cooldown());
        assertEquals("any-vitae", matches.getFirst().title()); // the rule's name when no title is set
    }

    @Test
    void framesOfATypeNoRuleNamesAreNotLookedAt() {
        AlertRules rules = rules();
        assertEquals(java.util.Set.of("vitals", "chat", "rare"), rules.frameTypes());
        assertTrue(rules.matches(SampleFrames.frame("telemetry")).isEmpty());
        assertTrue(rules.matches(SampleFrames.parse("{\"type\":\"chat\",\"character_name\":\"A\",\"text\":\"hi\"}"))
                .isEmpty());
        assertEquals(
                1,
                rules.matches(SampleFrames.parse(
                                "{\"type\":\"chat\",\"character_name\":\"A\",\"text\":\"Bob Tells You hi\"}"))
                        .size());
        assertEquals(1, rules.matches(SampleFrames.frame("rare")).size()); // no when: every frame
    }

    @Test
    void noSettingsMeanNoRules() {
        AlertRules rules = AlertRules.from(ConfigFactory.empty());
        assertTrue(rules.rules().isEmpty());
        assertTrue(rules.httpWebhooks().isEmpty());
        assertTrue(rules.matches(SampleFrames.frame("vitals")).isEmpty());
    }

    @Test
    void anHttpWebhookRendersAnAlertIntoValidJson() throws Exception {
        HttpWebhook ops = rules().httpWebhooks().get("ops");
        Alert alert = new Alert(
                "a-1",
                Alert.KIND_RULE,
                "Lar\"sson",
                Instant.parse("2025-06-14T08:21:35Z"),
                Alert.WARNING,
                "T\n",
                "says \"hi\" \\ there",
                Map.of("vitae", "5"));
        JsonNode body = new ObjectMapper().readTree(ops.body(alert));
        assertEquals("T\n: says \"hi\" \\ there", body.get("text").asText());
        assertEquals("Lar\"sson", body.get("who").asText());
        HttpWebhook plain = rules().httpWebhooks().get("plain");
        JsonNode all = new ObjectMapper().readTree(plain.body(alert));
        assertEquals("a-1", all.get("id").asText());
        assertEquals("rule", all.get("kind").asText());
        assertEquals("2025-06-14T08:21:35Z", all.get("timestamp").asText());
    }

    @Test
    void webhookUrlsNeverShowInNamesOrErrors() {
        AlertRules rules = rules();
        String described = rules.rules().toString() + rules.httpWebhooks();
        assertFalse(described.contains("very-secret-token"), described);
        assertTrue(described.contains("discord-webhook:discord.example/…"), described);
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> AlertRules.from(
                        config("overlord.alerts.rules = [{ name = r, frame = vitals, message = m, target = \""
                                + SECRET_URL + "\" }]")));
        assertFalse(e.getMessage().contains("very-secret-token"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown target form"), e.getMessage());
    }

    static String failure(String rule) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> AlertRules.from(config("overlord.alerts { rules = [" + rule
                                + "], http-webhooks.ops.url = \"http://127.0.0.1:9/\" }")))
                .getMessage();
    }

    @Test
    void eachMistakeFailsStartUpNamingTheRule() {
        String ok = "name = bad-one, frame = vitals, message = \"m\", target = aclog-webhook";
        assertContains(failure("{" + ok + ", when = \"vitae = 0\"}"), "rules[0] (bad-one)", "when", "unknown operator");
        assertContains(failure("{" + ok + ", when = \"text matches '(x'\"}"), "(bad-one)", "bad regular expression");
        assertContains(failure("{" + ok + ", message = \"{oops\"}"), "(bad-one)", "message", "placeholder");
        assertContains(failure("{" + ok + ", title = \"{oops\"}"), "(bad-one)", "title");
        assertContains(failure("{" + ok + ", target = \"slack:x\"}"), "(bad-one)", "unknown target form");
        assertContains(failure("{" + ok + ", target = \"http:nope\"}"), "(bad-one)", "http:nope", "ops");
        assertContains(failure("{" + ok + ", target = \"discord-channel:abc\"}"), "(bad-one)", "channel id");
        assertContains(failure("{" + ok + ", severity = loud}"), "(bad-one)", "severity");
        assertContains(failure("{" + ok + ", cooldown = -1m}"), "(bad-one)", "cooldown");
        assertContains(failure("{" + ok + ", cooldown = soon}"), "(bad-one)", "cooldown");
        assertContains(failure("{" + ok + ", condition = \"x > 1\"}"), "(bad-one)", "unknown setting 'condition'");
        assertContains(failure("{ name = r, message = m, target = aclog-webhook }"), "(r)", "frame: missing");
        assertContains(failure("{ name = r, frame = vitals, target = aclog-webhook }"), "(r)", "message: missing");
        assertContains(failure("{ name = r, frame = vitals, message = m }"), "(r)", "target");
        assertContains(failure("{ frame = vitals, message = m, target = aclog-webhook }"), "rules[0]", "needs a name");
        assertContains(failure("{" + ok + "}, {" + ok + "}"), "two rules are named 'bad-one'");
    }

    @Test
    void badWebhooksFailStartUpNamingTheWebhook() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> AlertRules.from(config("overlord.alerts.http-webhooks.ops { url = \"ftp://x/\" }")));
        assertContains(e.getMessage(), "http-webhooks.ops", "url");
        e = assertThrows(
                IllegalArgumentException.class,
                () -> AlertRules.from(
                        config(
                                "overlord.alerts.http-webhooks.ops { url = \"http://x/\", template = \"{\\\"text\\\": {message}\" }")));
        assertContains(e.getMessage(), "http-webhooks.ops", "template", "JSON");
    }

    @Test
    void theNumberOfRulesIsBounded() {
        StringBuilder many = new StringBuilder("overlord.alerts.rules = [");
        for (int i = 0; i <= AlertRules.MAX_RULES; i++) {
            many.append("{ name = r").append(i).append(", frame = vitals, message = m, target = aclog-webhook }\n");
        }
        var e = assertThrows(IllegalArgumentException.class, () -> AlertRules.from(config(many + "]")));
        assertContains(e.getMessage(), "at most " + AlertRules.MAX_RULES);
    }

    static void assertContains(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), "'" + p + "' not in: " + message);
    }
}
