package dev.overlord.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Paths become route templates, so the request series stay few whatever paths are asked for. */
class RequestMetricsTest {
    @Test
    void aPathIsLabelledByTheTemplateItMatches() {
        assertEquals("/character-stats/{character}", RequestMetrics.route("/character-stats/Larsson", 200));
        assertEquals("/quests/{character}", RequestMetrics.route("/quests/No%20One", 404));
        assertEquals("/history/snapshot", RequestMetrics.route("/history/snapshot", 200));
        assertEquals("/", RequestMetrics.route("/", 200));
        assertEquals("/ws/position", RequestMetrics.route("/ws/position", 101));
    }

    @Test
    void aStaticFileSharesOneLabelAndAnUnknownPathAnother() {
        assertEquals(RequestMetrics.STATIC, RequestMetrics.route("/assets/index-3f2a.js", 200));
        assertEquals(RequestMetrics.UNMATCHED, RequestMetrics.route("/wp-admin/setup.php", 404));
        assertEquals(RequestMetrics.UNMATCHED, RequestMetrics.route("/character-stats/a/b", 404));
    }
}
