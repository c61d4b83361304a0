package dev.overlord.bench;

import dev.overlord.http.testing.StalledBrowser;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * One measured run against one target: N plugins connect and, after a warm-up at their pace, M
 * browsers join; counters are then read at the start and the end of a measurement window.
 * Ingest is counted by the server (frames it accepted), deliveries and latencies by the browsers.
 */
public final class LoadRun {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(90);
    private static final int CONNECT_PARALLELISM = 32;
    private static final Duration BROWSER_SETTLE = Duration.ofMillis(500);
    /** The stalled browser's receive buffer: at benchmark rates the server's buffers fill within seconds. */
    private static final int STALLED_RECEIVE_BUFFER = 16 * 1024;

    private static final boolean DEBUG = Boolean.getBoolean("bench.debug");

    /**
     * What to run.
     *
     * @param load {@link Pace.Max}, {@link Pace.Rate} or {@link Pace.Bulk} (the total over all
     *     plugins, split evenly) or
     *     {@link Pace.RealTime} (each plugin every interval, staggered; its offset is ignored)
     * @param stalledBrowser one more browser that never reads, opened when measuring starts
     * @param stallCutTimeout how long past the window the load goes on, at most, until the server
     *     cuts the stalled browser off
     */
    public record Spec(
            int plugins,
            Pace load,
            int browsers,
            boolean stalledBrowser,
            Duration warmup,
            Duration measure,
            Duration stallCutTimeout) {
        public Spec {
            if (plugins < 1 || browsers < 0) throw new IllegalArgumentException("need at least one plugin");
        }

        public Spec(int plugins, Pace load, int browsers, boolean stalledBrowser, Duration warmup, Duration measure) {
            this(plugins, load, browsers, stalledBrowser, warmup, measure, Duration.ofSeconds(60));
        }
    }

    /**
     * What a run measured; rates are per second of the measurement window.
     *
     * @param deliveriesPerSec plugin frames received by all healthy browsers together
     * @param worstBrowserShare the smallest share, over healthy browsers, of the frames ingested in
     *     the window that the browser received in it (1.0 = it kept up)
     * @param browsersCutOff healthy browsers the server cut off or that closed during the run
     * @param stalledCutAfterSec seconds from the stalled browser's upgrade until the server cut a
     *     browser off, or NaN
     * @param stalledClosedByServer whether the stalled browser's feed was ended by the server, or
     *     null without one
     * @param persistsPerSec journal writes per second (Overlord's character entities)
     * @param thisJvmCpu share of the machine's cores this JVM (servers and clients) used in the window
     * @param othersCpu share of the machine's cores used by other processes in the window (noise)
     */
    public record Result(
            String target,
            Spec spec,
            double seconds,
            double sentPerSec,
            double ingestPerSec,
            double deliveriesPerSec,
            double perBrowserPerSec,
            double worstBrowserShare,
            long latencySamples,
            double p50Ms,
            double p99Ms,
            double maxMs,
            int browsersCutOff,
            long serverCutOffs,
            double stalledCutAfterSec,
            Boolean stalledClosedByServer,
            long dropped,
            long rejected,
            long pluginReplies,
            double persistsPerSec,
            double thisJvmCpu,
            double othersCpu) {

        /** The run kept up with {@code offeredPerSec}: ingested it, delivered it to every browser, no cut-offs. */
        public boolean sustained(double offeredPerSec, double tolerance) {
            return ingestPerSec >= (1 - tolerance) * offeredPerSec
                    && worstBrowserShare >= 1 - tolerance
                    && browsersCutOff == 0
                    && dropped == 0
                    && (Double.isNaN(p99Ms) || p99Ms < 1000);
        }
    }

    private LoadRun() {}

    /** Runs {@code spec} against {@code target} using plugins named after {@code frames}. */
    public static Result run(ActorSystem<?> clients, HttpClient http, Target target, List<Frames> frames, Spec spec) {
        if (frames.size() < spec.plugins()) throw new IllegalArgumentException("not enough characters generated");
        Materializer mat = Materializer.matFromSystem(clients);
        LatencyHistogram latency = new LatencyHistogram();
        MeasuringFlag measuring = new MeasuringFlag();
        PluginClient.Stats stats = new PluginClient.Stats();
        long cutBase = target.slowConsumersCut();

        // Plugins first: every socket is open before any sends; they then log in (a full inventory
        // each) spread over most of the warm-up and settle into their pace, so that 1,000 characters
        // coming online at once is not what the measurement sees.
        CompletableFuture<Done> go = new CompletableFuture<>();
        List<PluginClient> plugins = connectAll(
                mat,
                spec.plugins(),
                i -> PluginClient.connect(
                        clients,
                        target.pluginUrl(),
                        frames.get(i),
                        pace(spec, i),
                        stats,
                        go,
                        spec.warmup()
                                .multipliedBy(8)
                                .dividedBy(10)
                                .multipliedBy(i)
                                .dividedBy(spec.plugins())));
        Waits.until(
                () -> target.pluginSockets() >= spec.plugins(),
                Duration.ofSeconds(30),
                "the server to count " + spec.plugins() + " plugin sockets");
        go.complete(Done.getInstance());
        Waits.pass(spec.warmup());

        // Then the browsers, into the steady state, with a moment to settle before measuring.
        List<BrowserClient> browsers = connectAll(
                mat, spec.browsers(), i -> BrowserClient.connect(http, target.liveUrl(), latency, measuring::on));
        Waits.until(
                () -> target.liveSubscribers() >= spec.browsers(),
                Duration.ofSeconds(30),
                "the server to count " + spec.browsers() + " live subscribers");
        Waits.pass(BROWSER_SETTLE);

        long cutAtStart = target.slowConsumersCut();
        StalledBrowser stalled =
                spec.stalledBrowser() ? StalledBrowser.open(target.port(), STALLED_RECEIVE_BUFFER) : null;
        long stalledAt = System.nanoTime();
        double stalledCutAfter = Double.NaN;
        Counters start = Counters.read(target, stats, browsers);
        CpuMeter cpu = new CpuMeter();
        measuring.set(true);
        long end = start.nanoTime() + spec.measure().toNanos();
        while (System.nanoTime() - end < 0) {
            Waits.pass(Duration.ofMillis(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000))));
            if (stalled != null && Double.isNaN(stalledCutAfter) && target.slowConsumersCut() > cutAtStart) {
                stalledCutAfter = (System.nanoTime() - stalledAt) / 1e9;
            }
        }
        measuring.set(false);
        CpuMeter.Usage usage = cpu.stop();
        Counters stop = Counters.read(target, stats, browsers);

        double secs = (stop.nanoTime() - start.nanoTime()) / 1e9;
        long ingested = stop.ingested() - start.ingested();
        long deliveries = 0;
        double worst = browsers.isEmpty() ? 1.0 : Double.MAX_VALUE;
        for (int i = 0; i < browsers.size(); i++) {
            long d = stop.delivered()[i] - start.delivered()[i];
            deliveries += d;
            worst = Math.min(worst, ingested == 0 ? 0 : (double) d / ingested);
        }
        int cut = 0;
        for (BrowserClient b : browsers) if (b.cutOff() || b.isClosed()) cut++;

        if (stalled != null && Double.isNaN(stalledCutAfter)) {
            // Not cut off within the window: keep the load on (bounded) to see when the server does it.
            long cutBy = System.nanoTime() + spec.stallCutTimeout().toNanos();
            Waits.within(
                    () -> target.slowConsumersCut() > cutAtStart,
                    Duration.ofNanos(Math.max(0, cutBy - System.nanoTime())));
            if (target.slowConsumersCut() > cutAtStart) stalledCutAfter = (System.nanoTime() - stalledAt) / 1e9;
        }

        plugins.forEach(PluginClient::stop);
        browsers.forEach(BrowserClient::close);
        Boolean stalledClosed = null;
        if (stalled != null) {
            stalledClosed = stalled.drain(Duration.ofSeconds(5)).endedByServer();
            stalled.close();
        }
        // The server may still be reading frames that were in its socket buffers; a bounded wait.
        boolean quiet = Waits.within(
                () -> target.pluginSockets() == 0 && target.liveSubscribers() == 0, Duration.ofSeconds(15));
        if (!quiet && DEBUG) {
            System.err.printf(
                    "  (%s still has %d plugin sockets and %d live subscribers open)%n",
                    target.name(), target.pluginSockets(), target.liveSubscribers());
        }

        return new Result(
                target.name(),
                spec,
                secs,
                (stop.sent() - start.sent()) / secs,
                ingested / secs,
                deliveries / secs,
                browsers.isEmpty() ? 0 : deliveries / secs / browsers.size(),
                worst,
                latency.count(),
                latency.quantileMillis(0.50),
                latency.quantileMillis(0.99),
                latency.quantileMillis(1.0),
                cut,
                target.slowConsumersCut() - cutBase,
                stalledCutAfter,
                stalledClosed,
                stop.dropped() - start.dropped(),
                stop.rejected() - start.rejected(),
                stop.replies() - start.replies(),
                (stop.persists() - start.persists()) / secs,
                usage.thisJvm(),
                usage.others());
    }

    /** The counters read at either end of the measurement window, the clock first. */
    private record Counters(
            long nanoTime,
            long sent,
            long ingested,
            long dropped,
            long rejected,
            long persists,
            long replies,
            long[] delivered) {
        static Counters read(Target target, PluginClient.Stats stats, List<BrowserClient> browsers) {
            return new Counters(
                    System.nanoTime(),
                    stats.sent(),
                    target.framesIngested(),
                    target.framesDropped(),
                    target.framesRejected(),
                    target.journalWrites(),
                    stats.received(),
                    browsers.stream().mapToLong(BrowserClient::delivered).toArray());
        }
    }

    private static Pace pace(Spec spec, int i) {
        return switch (spec.load()) {
            case Pace.Max m -> m;
            case Pace.Rate r -> new Pace.Rate(r.framesPerSecond() / spec.plugins());
            case Pace.Bulk b -> new Pace.Bulk(b.framesPerSecond() / spec.plugins());
            case Pace.RealTime rt ->
                new Pace.RealTime(
                        rt.every(),
                        rt.every().multipliedBy(i).dividedBy(spec.plugins()).plusMillis(1));
        };
    }

    private static <T> List<T> connectAll(Materializer mat, int n, Function<Integer, CompletionStage<T>> connect) {
        if (n == 0) return new ArrayList<>();
        CompletionStage<List<T>> all = Source.range(0, n - 1)
                .mapAsyncUnordered(CONNECT_PARALLELISM, connect::apply)
                .runWith(Sink.seq(), mat);
        return new ArrayList<>(Waits.await(all, CONNECT_TIMEOUT, "connecting " + n + " sockets"));
    }

    private static final class MeasuringFlag {
        private volatile boolean on;

        boolean on() {
            return on;
        }

        void set(boolean v) {
            on = v;
        }
    }
}
