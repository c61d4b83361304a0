package dev.overlord.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The server's counters, gauges and histograms, rendered in the Prometheus text format. Small on
 * purpose: lock-free adders keyed by name and one label value, so the hot frame path pays one
 * map lookup and one add.
 */
public final class Metrics {

  private record Key(String name, String labelName, String labelValue) {}

  private final ConcurrentMap<Key, LongAdder> counters = new ConcurrentHashMap<>();
  private final ConcurrentMap<Key, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Histogram> histograms = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> help = new ConcurrentHashMap<>();

  /** A counter without labels. */
  public Counter counter(String name, String helpText) {
    help.putIfAbsent(name, helpText);
    LongAdder adder = counters.computeIfAbsent(new Key(name, null, null), k -> new LongAdder());
    return adder::add;
  }

  /** A family of counters with one label; {@link LabeledCounter#inc} looks the child up. */
  public LabeledCounter labeledCounter(String name, String labelName, String helpText) {
    help.putIfAbsent(name, helpText);
    // Children cached by label value: the hot path does one lookup and no allocation.
    ConcurrentMap<String, LongAdder> children = new ConcurrentHashMap<>();
    return (value, n) ->
        children
            .computeIfAbsent(value, v -> counters.computeIfAbsent(new Key(name, labelName, v), k -> new LongAdder()))
            .add(n);
  }

  public void gauge(String name, String helpText, LongSupplier value) {
    help.putIfAbsent(name, helpText);
    gauges.put(new Key(name, null, null), value);
  }

  public Histogram histogram(String name, String helpText, double... bucketsSeconds) {
    help.putIfAbsent(name, helpText);
    return histograms.computeIfAbsent(name, n -> new Histogram(bucketsSeconds));
  }

  /** The current value of a counter, for tests and health pages. */
  public long value(String name, String labelName, String labelValue) {
    LongAdder a = counters.get(new Key(name, labelName, labelValue));
    return a == null ? 0 : a.sum();
  }

  public long value(String name) {
    return value(name, null, null);
  }

  /** Prometheus text exposition format, version 0.0.4. */
  public String render() {
    StringBuilder sb = new StringBuilder(4096);
    Map<String, Map<Key, Long>> counterFamilies = new TreeMap<>();
    counters.forEach(
        (k, v) -> counterFamilies.computeIfAbsent(k.name, n -> new TreeMap<>(Metrics::byLabel)).put(k, v.sum()));
    counterFamilies.forEach(
        (name, series) -> {
          header(sb, name, "counter");
          series.forEach((k, v) -> sample(sb, k, v));
        });
    Map<String, Map<Key, Long>> gaugeFamilies = new TreeMap<>();
    gauges.forEach(
        (k, v) -> gaugeFamilies.computeIfAbsent(k.name, n -> new TreeMap<>(Metrics::byLabel)).put(k, v.getAsLong()));
    gaugeFamilies.forEach(
        (name, series) -> {
          header(sb, name, "gauge");
          series.forEach((k, v) -> sample(sb, k, v));
        });
    new TreeMap<>(histograms)
        .forEach(
            (name, h) -> {
              header(sb, name, "histogram");
              h.render(sb, name);
            });
    return sb.toString();
  }

  private static int byLabel(Key a, Key b) {
    return String.valueOf(a.labelValue).compareTo(String.valueOf(b.labelValue));
  }

  private void header(StringBuilder sb, String name, String type) {
    sb.append("# HELP ").append(name).append(' ').append(help.getOrDefault(name, name)).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder sb, Key k, long v) {
    sb.append(k.name);
    if (k.labelName != null) {
      sb.append('{').append(k.labelName).append("=\"").append(escape(k.labelValue)).append("\"}");
    }
    sb.append(' ').append(v).append('\n');
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
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

  /** A fixed-bucket histogram of durations in seconds. */
  public static final class Histogram {
    private final double[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder count = new LongAdder();
    private final java.util.concurrent.atomic.DoubleAdder sum =
        new java.util.concurrent.atomic.DoubleAdder();

    Histogram(double[] bounds) {
      this.bounds = bounds.clone();
      java.util.Arrays.sort(this.bounds);
      this.buckets = new LongAdder[this.bounds.length];
      for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
    }

    public void observeNanos(long nanos) {
      double s = nanos / 1e9;
      for (int i = 0; i < bounds.length; i++) {
        if (s <= bounds[i]) {
          buckets[i].increment();
          break;
        }
      }
      count.increment();
      sum.add(s);
    }

    public long count() {
      return count.sum();
    }

    void render(StringBuilder sb, String name) {
      long cumulative = 0;
      for (int i = 0; i < bounds.length; i++) {
        cumulative += buckets[i].sum();
        sb.append(name).append("_bucket{le=\"").append(bounds[i]).append("\"} ").append(cumulative).append('\n');
      }
      sb.append(name).append("_bucket{le=\"+Inf\"} ").append(count.sum()).append('\n');
      sb.append(name).append("_sum ").append(sum.sum()).append('\n');
      sb.append(name).append("_count ").append(count.sum()).append('\n');
    }
  }
}
