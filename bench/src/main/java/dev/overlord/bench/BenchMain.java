package dev.overlord.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs the scenarios named by {@code scenarios=} and prints their Markdown tables: the database
 * scenarios ({@link DatabaseBench}) first, then the load scenarios against Overlord and the bare
 * relay L_ws in this JVM ({@link LoadBench}); one class per scenario ({@link Scenario}). Arguments
 * are {@code key=value}:
 *
 * <pre>
 *   scenarios=a,b,c,d   which scenarios (c and d need b's maxima; b runs whenever c or d does);
 *                       probe:RATE (or probe:max) adds one run of b's set-up at that pace
 *   plugins=1000        plugin sockets in (a)
 *   ingest-browsers=5   browsers in (a)
 *   characters=60       plugin sockets (one character each) in (b), (c), (d)
 *   browsers=200        browsers in (b), (c), (d)
 *   latency-browsers=10 browsers in (c)'s first real-pace run (the second uses browsers=)
 *   warmup=3s measure=10s   per run;  trial-warmup=2s trial=3s   per ramp trial in (a) and (b)
 *   jit-warmup=8s       one run per target before anything is measured (0s: none)
 *   ingest-ramp-start=2000 fanout-ramp-start=100   first offered rates (frames/s) of the ramps
 *   bisect=3            ramp steps after the first rate that is not sustained
 *   tolerance=0.05      a trial is sustained when ingest and every browser get 95 % of the rate
 *   quiet-wait=30s      before each run, wait up to this long for the machine to be under 25 % busy
 *                       (other processes distort a 2-core machine; 0s: do not wait)
 *   latency-load=0.8    (c)'s second load as a share of Overlord's maximum
 *   stall-load=0.9      (d)'s load as a share of each target's maximum
 *   out=FILE            also write the Markdown there
 *
 *   Database scenarios (scenarios=copy,journal,history; each on a fresh PostgreSQL database):
 *   copy-rows=400000 copy-characters=100 copy-rounds=2     TimeSeriesWriter vs a bare COPY
 *   journal-entities=100 journal-window=1,8,32 (frames per Observe, one run each) journal-warmup=5s journal-measure=15s journal-h2=true
 *   history-days=30 history-characters=20 history-requests=50
 * </pre>
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws IOException {
        // Before anything logs: Overlord's logback.xml reads its root level from this.
        if (System.getProperty("OVERLORD_LOG_LEVEL") == null && System.getenv("OVERLORD_LOG_LEVEL") == null) {
            System.setProperty("OVERLORD_LOG_LEVEL", "WARN");
        }
        LoadBench.Settings s = LoadBench.Settings.full();
        DatabaseBench.Settings h = DatabaseBench.Settings.full();
        Path out = null;
        for (String arg : args) {
            if (arg.isBlank()) continue;
            int eq = arg.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("arguments are key=value, not " + arg);
            String k = arg.substring(0, eq).trim();
            String v = arg.substring(eq + 1).trim();
            s = switch (k) {
                case "scenarios" ->
                    with(
                            s,
                            "scenarios",
                            Arrays.stream(v.split(",")).map(String::trim).toList());
                case "plugins" -> with(s, "ingestPlugins", Integer.parseInt(v));
                case "ingest-browsers" -> with(s, "ingestBrowsers", Integer.parseInt(v));
                case "characters" -> with(s, "characters", Integer.parseInt(v));
                case "browsers" -> with(s, "browsers", Integer.parseInt(v));
                case "warmup" -> with(s, "warmup", duration(v));
                case "measure" -> with(s, "measure", duration(v));
                case "trial-warmup" -> with(s, "trialWarmup", duration(v));
                case "trial" -> with(s, "trial", duration(v));
                case "jit-warmup" -> with(s, "jitWarmup", duration(v));
                case "ingest-ramp-start" -> with(s, "ingestRampStart", Double.parseDouble(v));
                case "fanout-ramp-start" -> with(s, "fanoutRampStart", Double.parseDouble(v));
                case "latency-browsers" -> with(s, "latencyBrowsers", Integer.parseInt(v));
                case "tolerance" -> with(s, "tolerance", Double.parseDouble(v));
                case "quiet-wait" -> with(s, "quietWait", duration(v));
                case "bisect" -> with(s, "bisectSteps", Integer.parseInt(v));
                case "latency-load" -> with(s, "latencyLoad", Double.parseDouble(v));
                case "stall-load" -> with(s, "stallLoad", Double.parseDouble(v));
                case "copy-rows" -> {
                    h = withH(h, "copyRows", Integer.parseInt(v));
                    yield s;
                }
                case "copy-characters" -> {
                    h = withH(h, "copyCharacters", Integer.parseInt(v));
                    yield s;
                }
                case "copy-rounds" -> {
                    h = withH(h, "copyRounds", Integer.parseInt(v));
                    yield s;
                }
                case "journal-entities" -> {
                    h = withH(h, "journalEntities", Integer.parseInt(v));
                    yield s;
                }
                case "journal-window" -> {
                    h = withH(
                            h,
                            "journalWindows",
                            Arrays.stream(v.split(","))
                                    .map(String::trim)
                                    .map(Integer::valueOf)
                                    .toList());
                    yield s;
                }
                case "journal-warmup" -> {
                    h = withH(h, "journalWarmup", duration(v));
                    yield s;
                }
                case "journal-measure" -> {
                    h = withH(h, "journalMeasure", duration(v));
                    yield s;
                }
                case "journal-h2" -> {
                    h = withH(h, "journalH2", Boolean.parseBoolean(v));
                    yield s;
                }
                case "history-days" -> {
                    h = withH(h, "historyDays", Integer.parseInt(v));
                    yield s;
                }
                case "history-characters" -> {
                    h = withH(h, "historyCharacters", Integer.parseInt(v));
                    yield s;
                }
                case "history-requests" -> {
                    h = withH(h, "historyRequests", Integer.parseInt(v));
                    yield s;
                }
                case "out" -> {
                    out = Path.of(v);
                    yield s;
                }
                default -> throw new IllegalArgumentException("unknown argument " + k);
            };
        }
        for (String name : s.scenarios()) {
            if (!DatabaseBench.knows(name) && !LoadBench.knows(name)) {
                throw new IllegalArgumentException("unknown scenario " + name
                        + " (known: a, b, c, d, probe:RATE, probe:max, copy, journal, history)");
            }
        }
        List<String> database =
                s.scenarios().stream().filter(DatabaseBench::knows).toList();
        List<String> load = s.scenarios().stream().filter(LoadBench::knows).toList();
        StringBuilder all = new StringBuilder();
        if (!database.isEmpty()) {
            all.append(Tables.markdown(DatabaseBench.run(database, h, System.err)))
                    .append("History sizes: ")
                    .append(h)
                    .append("\n\n");
        }
        if (!load.isEmpty()) all.append(run(with(s, "scenarios", load), System.err));
        String md = all.toString();
        System.out.println(md);
        if (out != null) Files.writeString(out, md, StandardCharsets.UTF_8);
    }

    /** Runs the load scenarios of {@code s} and answers the Markdown tables; progress goes to {@code progress}. */
    public static String run(LoadBench.Settings s, PrintStream progress) {
        return Tables.markdown(report(s, progress)) + "\n" + machine(s) + "\n";
    }

    /** Runs the load scenarios of {@code s} with a client ActorSystem of its own. */
    public static LoadReport report(LoadBench.Settings s, PrintStream progress) {
        Config base = ConfigFactory.load();
        ActorSystem<Void> clients = ActorSystem.create(Behaviors.empty(), "bench-clients", clientConfig(base));
        try {
            return new LoadBench(s, clients, base, progress).runAll();
        } finally {
            clients.terminate();
            try {
                clients.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Best effort.
            }
        }
    }

    static Config clientConfig(Config base) {
        return ConfigFactory.parseString("""
        pekko.actor.provider = local
        pekko.http.client.idle-timeout = infinite
        pekko.http.client.connecting-timeout = 30s
        # The load generator's own sockets: a small send buffer keeps plugins sending as fast as
        # the server reads, instead of parking megabytes of frames in the kernel per socket.
        pekko.http.client.socket-options.so-send-buffer-size = 64KiB
        """).withFallback(base).resolve();
    }

    static String machine(LoadBench.Settings s) {
        return String.format(
                Locale.ROOT,
                "Machine: %d cores, %s %s (%s), max heap %d MiB. Sizes: %s",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                s);
    }

    static Duration duration(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        if (t.endsWith("s"))
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    }

    static DatabaseBench.Settings withH(DatabaseBench.Settings h, String component, Object value) {
        return withComponent(h, component, value);
    }

    static LoadBench.Settings with(LoadBench.Settings s, String component, Object value) {
        return withComponent(s, component, value);
    }

    /** A copy of a settings record with one component replaced (records have no withers). */
    @SuppressWarnings("unchecked")
    static <R extends Record> R withComponent(R record, String component, Object value) {
        Class<R> type = (Class<R>) record.getClass();
        var comps = type.getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        try {
            boolean found = false;
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                values[i] = comps[i].getName().equals(component)
                        ? value
                        : comps[i].getAccessor().invoke(record);
                found |= comps[i].getName().equals(component);
            }
            if (!found) throw new IllegalArgumentException("no setting " + component);
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
