package dev.overlord.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM's and the process's own meters (heap and other memory pools, GC pauses, threads,
 * classes, CPU, uptime) in a server's {@link Metrics}; closing it stops listening for GC pauses.
 */
public final class JvmMetrics implements AutoCloseable {
    private final JvmGcMetrics gc;

    private JvmMetrics(JvmGcMetrics gc) {
        this.gc = gc;
    }

    /** Binds every JVM and process meter to {@code metrics}; once per server. */
    public static JvmMetrics bindTo(Metrics metrics) {
        MeterRegistry registry = metrics.registry();
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return new JvmMetrics(gc);
    }

    @Override
    public void close() {
        gc.close();
    }
}
