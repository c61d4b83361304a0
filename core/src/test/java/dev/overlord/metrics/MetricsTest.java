package dev.overlord.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Given counters, gauges and histograms, expect the registry's Prometheus text with today's names. */
class MetricsTest {

    static long millis(double ms) {
        return (long) (ms * 1_000_000);
    }

    @Test
    void rendersEveryFamilyWithHelpAndTypeInTheTextFormat() {
        Metrics m = new Metrics();
        m.counter("overlord_hub_gaps_total", "Reconnects whose missed events were no longer held")
                .add(3);
        Metrics.LabeledCounter frames =
                m.labeledCounter("overlord_frames_in_total", "type", "Plugin frames accepted, by type");
        frames.inc("vitals");
        frames.add("telemetry", 5);
        m.gauge("overlord_live_subscribers", "Open live feed subscriptions", () -> 2);
        // Bounds given out of order are sorted; these values are exact in binary, so the sum is too.
        Metrics.Histogram h = m.histogram("overlord_journal_persist_seconds", "Journal latency", 0.5, 0.125, 1);
        h.observeNanos(millis(62.5));
        h.observeNanos(millis(250));
        h.observeNanos(millis(500));
        h.observeNanos(millis(2000));

        assertEquals("""
        # HELP overlord_frames_in_total Plugin frames accepted, by type
        # TYPE overlord_frames_in_total counter
        overlord_frames_in_total{type="telemetry"} 5.0
        overlord_frames_in_total{type="vitals"} 1.0
        # HELP overlord_hub_gaps_total Reconnects whose missed events were no longer held
        # TYPE overlord_hub_gaps_total counter
        overlord_hub_gaps_total 3.0
        # HELP overlord_journal_persist_seconds Journal latency
        # TYPE overlord_journal_persist_seconds histogram
        overlord_journal_persist_seconds_bucket{le="0.125"} 1
        overlord_journal_persist_seconds_bucket{le="0.5"} 3
        overlord_journal_persist_seconds_bucket{le="1.0"} 3
        overlord_journal_persist_seconds_bucket{le="+Inf"} 4
        overlord_journal_persist_seconds_count 4
        overlord_journal_persist_seconds_sum 2.8125
        # HELP overlord_journal_persist_seconds_max Journal latency
        # TYPE overlord_journal_persist_seconds_max gauge
        overlord_journal_persist_seconds_max 2.0
        # HELP overlord_live_subscribers Open live feed subscriptions
        # TYPE overlord_live_subscribers gauge
        overlord_live_subscribers 2.0
        """, m.render());
        assertEquals(4, h.count());
    }

    @Test
    void histogramBucketsAreCumulativeAndABoundIsInclusive() {
        Metrics m = new Metrics();
        Metrics.Histogram h = m.histogram("latency_seconds", "x", 0.01, 0.1, 1);
        h.observeNanos(millis(10)); // exactly on the first bound
        h.observeNanos(millis(50));
        h.observeNanos(millis(50));
        h.observeNanos(millis(1000)); // exactly on the last bound

        String text = m.render();

        assertTrue(text.contains("latency_seconds_bucket{le=\"0.01\"} 1\n"), text);
        assertTrue(text.contains("latency_seconds_bucket{le=\"0.1\"} 3\n"), text);
        assertTrue(text.contains("latency_seconds_bucket{le=\"1.0\"} 4\n"), text);
        assertTrue(text.contains("latency_seconds_bucket{le=\"+Inf\"} 4\n"), text);
    }

    @Test
    void gaugesAreReadWhenRendered() {
        Metrics m = new Metrics();
        AtomicLong open = new AtomicLong(1);
        m.gauge("overlord_plugin_sockets_open", "Plugin WebSockets open", open::get);
        assertTrue(m.render().contains("overlord_plugin_sockets_open 1.0\n"));
        open.set(7);
        assertTrue(m.render().contains("overlord_plugin_sockets_open 7.0\n"));
    }

    @Test
    void labelValuesAreEscaped() {
        Metrics m = new Metrics();
        m.labeledCounter("overlord_frames_rejected_total", "reason", "x").inc("a\"b\\c\nd");
        assertTrue(m.render().contains("overlord_frames_rejected_total{reason=\"a\\\"b\\\\c\\nd\"} 1.0\n"), m.render());
    }

    @Test
    void countersAreReadBackByNameAndLabelAndTheSameNameIsTheSameCounter() {
        Metrics m = new Metrics();
        m.counter("overlord_hub_dropped_total", "first help wins").inc();
        m.counter("overlord_hub_dropped_total", "ignored").add(2);
        m.labeledCounter("overlord_frames_in_total", "type", "x").inc("rare");

        assertEquals(3, m.value("overlord_hub_dropped_total"));
        assertEquals(1, m.value("overlord_frames_in_total", "type", "rare"));
        assertEquals(0, m.value("overlord_frames_in_total", "type", "chat"));
        assertEquals(0, m.value("never_registered_total"));
        assertTrue(m.render().contains("# HELP overlord_hub_dropped_total first help wins\n"));
    }

    @Test
    void aGaugeFollowsTheLatestSupplierAndAHistogramIsFoundAgainByName() {
        Metrics m = new Metrics();
        m.gauge("overlord_hub_sequence", "x", () -> 1);
        m.gauge("overlord_hub_sequence", "x", () -> 9);
        m.histogram("overlord_journal_persist_seconds", "x", 0.1).observeNanos(millis(5));

        assertTrue(m.render().contains("overlord_hub_sequence 9.0\n"), m.render());
        assertEquals(1, m.histogram("overlord_journal_persist_seconds", "").count());
    }
}
