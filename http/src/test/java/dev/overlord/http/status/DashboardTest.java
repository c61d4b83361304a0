package dev.overlord.http.status;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Grafana dashboard under {@code conf/grafana} asks only for metrics that {@code /metrics} serves. */
class DashboardTest {
    @RegisterExtension
    static final RunningServer overlord = RunningServer.create();

    static final Path DASHBOARD = Path.of("..", "conf", "grafana", "overlord.json");

    private static final Set<String> KEYWORDS = Set.of(
            "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

    /** The metric names a PromQL expression reads: identifiers that are not functions, keywords or labels. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "")
                .replaceAll("\\{[^}]*\\}", "")
                .replaceAll("\\[[^\\]]*\\]", "")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String token = m.group();
            boolean partOfNumber = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!KEYWORDS.contains(token) && !partOfNumber) names.add(token);
        }
        return names;
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    @Test
    void expressionNamesAreReadOutOfPromQl() {
        assertEquals(
                Set.of("overlord_journal_persist_seconds_bucket"),
                metricNames(
                        "histogram_quantile(0.95, sum by (le, route) (rate(overlord_journal_persist_seconds_bucket[$__rate_interval])))"));
        assertEquals(Set.of("a_sum", "a_count"), metricNames("rate(a_sum{x=\"y\"}[5m]) / rate(a_count[5m])"));
    }

    @Test
    void everyPanelReadsOnlyMetricsThatTheServerServes() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        assertEquals(
                "${DS_PROMETHEUS}",
                dashboard.path("panels").path(1).path("datasource").path("uid").asText());
        assertEquals(
                "DS_PROMETHEUS", dashboard.path("__inputs").path(0).path("name").asText());

        Set<String> wanted = new TreeSet<>();
        for (JsonNode panel : panels(dashboard)) {
            if (panel.path("type").asText().equals("row")) continue;
            assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText() + " has no query");
            for (JsonNode target : panel.path("targets"))
                wanted.addAll(metricNames(target.path("expr").asText()));
        }
        assertTrue(wanted.size() > 20, wanted.toString());

        // Labelled series appear with their first event: a frame in, a frame rejected, a request;
        // GC pause timers with the first collection after start.
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send("][").send(Frames.chat("Dashboard", "counted"));
            plugin.awaitType("error");
        }
        overlord.get("/health");
        System.gc();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(served());
            assertTrue(missing.isEmpty(), "not served: " + missing);
        });
    }

    private static Set<String> served() {
        return overlord.metrics().keySet().stream()
                .map(k -> k.replaceAll("\\{.*", ""))
                .collect(Collectors.toSet());
    }
}
