package dev.overlord.http.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.http.server.RequestMetrics;
import dev.overlord.http.testing.RunningServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} of a running server: our own names as before, plus JVM, process, pool and HTTP meters. */
class MetricsEndpointTest {
    @RegisterExtension
    static final RunningServer overlord = RunningServer.create();

    /** Every family {@code /metrics} served before it moved onto the Micrometer registry, by sample name. */
    static final List<String> OURS = List.of(
            "overlord_frames_unjournaled_total",
            "overlord_hub_dropped_total",
            "overlord_hub_gaps_total",
            "overlord_hub_slow_consumers_total",
            "overlord_timeseries_dropped_total",
            "overlord_timeseries_retries_total",
            "overlord_timeseries_written_total",
            "overlord_hub_sequence",
            "overlord_live_subscribers",
            "overlord_plugin_sockets_open",
            "overlord_timeseries_backlog",
            "overlord_journal_persist_seconds_bucket",
            "overlord_journal_persist_seconds_count",
            "overlord_journal_persist_seconds_sum",
            "overlord_timeseries_write_seconds_bucket",
            "overlord_timeseries_write_seconds_count",
            "overlord_timeseries_write_seconds_sum");

    static final List<String> PLATFORM = List.of(
            "jvm_memory_used_bytes",
            "jvm_memory_max_bytes",
            "jvm_threads_live_threads",
            "jvm_classes_loaded_classes",
            "jvm_gc_memory_allocated_bytes_total",
            "process_cpu_usage",
            "system_cpu_usage",
            "process_uptime_seconds",
            "hikaricp_connections_active",
            "hikaricp_connections_idle",
            "hikaricp_connections_pending",
            "hikaricp_connections_max",
            "hikaricp_connections_acquire_seconds_count");

    private static Set<String> names(Map<String, Double> samples) {
        return samples.keySet().stream().map(k -> k.replaceAll("\\{.*", "")).collect(Collectors.toSet());
    }

    @Test
    void servesTodaysNamesAndTheJvmProcessAndPoolMeters() {
        Set<String> names = names(overlord.metrics());
        for (String name : OURS) assertTrue(names.contains(name), name + " in " + names);
        for (String name : PLATFORM) assertTrue(names.contains(name), name + " in " + names);
        assertTrue(overlord.metrics().keySet().stream()
                .anyMatch(k -> k.startsWith("hikaricp_connections_max{") && k.contains("pool=\"overlord-db\"")));
        assertTrue(
                overlord.metrics().keySet().stream()
                        .anyMatch(k -> k.startsWith("overlord_journal_persist_seconds_bucket{le=\"0.0025\"}")),
                "the journal histogram keeps its buckets");
    }

    @Test
    void countsRequestsByRouteTemplateMethodAndStatusClass() {
        long before = requests("/character-stats/{character}", "4xx") + requests("/character-stats/{character}", "2xx");
        overlord.get("/health");
        overlord.get("/character-stats/Nobody%20Here");
        overlord.get("/character-stats/Someone%20Else");

        assertTrue(requests("/health", "2xx") >= 1, overlord.metrics().toString());
        assertEquals(
                before + 2,
                requests("/character-stats/{character}", "4xx") + requests("/character-stats/{character}", "2xx"));
        assertTrue(overlord.metrics().keySet().stream().noneMatch(k -> k.contains("Nobody") || k.contains("Someone")));
    }

    @Test
    void unknownPathsShareOneLabelInsteadOfOnePerPath() {
        long before = requests(RequestMetrics.UNMATCHED, "4xx");
        for (int i = 0; i < 5; i++)
            assertEquals(404, overlord.get("/scan-" + i + "/wp-login.php").statusCode());

        assertEquals(before + 5, requests(RequestMetrics.UNMATCHED, "4xx"));
        assertTrue(overlord.metrics().keySet().stream().noneMatch(k -> k.contains("scan-")), "no label per path");
    }

    private static long requests(String route, String status) {
        return overlord.metric("overlord_http_request_seconds_count{method=\"GET\",route=\"" + route + "\",status=\""
                + status + "\"}");
    }
}
