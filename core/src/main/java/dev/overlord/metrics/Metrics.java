package dev.overlord.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The server's counters, gauges and histograms, kept in a Micrometer Prometheus registry and
 * rendered in the Prometheus text format. Callers name meters as they appear on {@code /metrics}
 * (counters with their {@code _total}, histograms with their {@code _seconds}); the registry is
 * open to binders that bring their own names (JVM, process, connection pool, HTTP).
 */
public final class Metrics {

    private record Key(String name, String labelName, String labelValue) {}

    private final PrometheusMeterRegistry registry;
    // Gauges read the latest supplier given for their name, so a restarted component takes over its gauge.
    private final ConcurrentMap<Key, LongSupplier> gauges = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Histogram> histograms = new ConcurrentHashMap<>();

    public Metrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** The registry behind these metrics, for binders (JVM, process, pool, HTTP requests). */
    public MeterRegistry registry() {
        return registry;
    }

    /** A counter without labels. */
    public Counter counter(String name, String helpText) {
        io.micrometer.core.instrument.Counter c = io.micrometer.core.instrument.Counter.builder(name)
                .description(helpText)
                .register(registry);
        return c::increment;
    }

    /** A family of counters with one label; {@link LabeledCounter#inc} looks the child up. */
    public LabeledCounter labeledCounter(String name, String labelName, String helpText) {
        // Children cached by label value: the hot path does one lookup and no allocation.
        ConcurrentMap<String, io.micrometer.core.instrument.Counter> children = new ConcurrentHashMap<>();
        return (value, n) -> children.computeIfAbsent(
                        value,
                        v -> io.micrometer.core.instrument.Counter.builder(name)
                                .description(helpText)
                                .tag(labelName, v)
                                .register(registry))
                .increment(n);
    }

    public void gauge(String name, String helpText, LongSupplier value) {
        Key key = new Key(name, null, null);
        gauges.put(key, value);
        Gauge.builder(name, gauges, g -> g.getOrDefault(key, () -> 0).getAsLong())
                .description(helpText)
                .strongReference(true)
                .register(registry);
    }

    /** One gauge of a family that has one label, e.g. {@code overlord_gate_running{gate="queries"}}. */
    public void gauge(String name, String labelName, String labelValue, String helpText, LongSupplier value) {
        Key key = new Key(name, labelName, labelValue);
        gauges.put(key, value);
        Gauge.builder(name, gauges, g -> g.getOrDefault(key, () -> 0).getAsLong())
                .description(helpText)
                .tag(labelName, labelValue)
                .strongReference(true)
                .register(registry);
    }

    /** A histogram of durations with these bucket bounds (seconds); the same name is the same histogram. */
    public Histogram histogram(String name, String helpText, double... bucketsSeconds) {
        return histograms.computeIfAbsent(
                name,
                n -> new Histogram(Timer.builder(n)
                        .description(helpText)
                        .serviceLevelObjectives(Arrays.stream(bucketsSeconds)
                                .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9)))
                                .toArray(Duration[]::new))
                        .register(registry)));
    }

    /** The current value of a counter, for tests and health pages. */
    public long value(String name, String labelName, String labelValue) {
        return registry.find(name).counters().stream()
                .filter(c -> labelName == null
                        ? c.getId().getTags().isEmpty()
                        : labelValue.equals(c.getId().getTag(labelName)))
                .findFirst()
                .map(c -> (long) c.count())
                .orElse(0L);
    }

    public long value(String name) {
        return value(name, null, null);
    }

    /** Every meter of the registry in the Prometheus text exposition format, version 0.0.4. */
    public String render() {
        return registry.scrape();
    }

    /** Adds to a counter. */
    @FunctionalInterface
    public interface Counter {
        void add(long n);

        default void inc() {
            add(1);
        }
    }

    /** Adds to the child of a labelled counter family. */
    @FunctionalInterface
    public interface LabeledCounter {
        void add(String labelValue, long n);

        default void inc(String labelValue) {
            add(labelValue, 1);
        }
    }

    /** A fixed-bucket histogram of durations, exposed in seconds. */
    public static final class Histogram {
        private final Timer timer;

        Histogram(Timer timer) {
            this.timer = timer;
        }

        public void observeNanos(long nanos) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }

        public long count() {
            return timer.count();
        }
    }
}
