package dev.overlord.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.overlord.http.server.Server;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The real Overlord server, as {@code Main} starts it, on an embedded H2 database in a temporary
 * directory, with the demo simulator off and loopback trusted on {@code /ws/live} (so benchmark
 * browsers need no cookie). Everything else is the packaged defaults.
 */
public final class OverlordTarget implements Target {
    private final Server server;
    private final Path dataDir;

    private OverlordTarget(Server server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /** Starts a server that accepts up to {@code maxConnections} sockets and waits until its cluster is up. */
    public static OverlordTarget start(int maxConnections) {
        return start(maxConnections, ConfigFactory.empty());
    }

    /** As {@link #start(int)}, with {@code extra} settings on top (e.g. a PostgreSQL database). */
    public static OverlordTarget start(int maxConnections, Config extra) {
        try {
            Path dir = Files.createTempDirectory("overlord-bench-");
            Config overrides = ConfigFactory.empty()
                    .withValue("overlord.data-dir", ConfigValueFactory.fromAnyRef(dir.toString()))
                    .withValue("overlord.http.host", ConfigValueFactory.fromAnyRef("127.0.0.1"))
                    .withValue("overlord.http.port", ConfigValueFactory.fromAnyRef(0))
                    .withValue("overlord.mode", ConfigValueFactory.fromAnyRef("dev"))
                    .withValue("overlord.simulator.enabled", ConfigValueFactory.fromAnyRef("off"))
                    .withValue("overlord.shared-secret", ConfigValueFactory.fromAnyRef("bench-plugin-secret"))
                    .withValue(
                            "overlord.secret-key", ConfigValueFactory.fromAnyRef("bench-cookie-signing-key-0123456789"))
                    .withValue("overlord.admin-password", ConfigValueFactory.fromAnyRef("bench-admin-password"))
                    .withValue(
                            "overlord.auth.trusted-networks", ConfigValueFactory.fromIterable(List.of("127.0.0.0/8")))
                    .withValue("pekko.http.server.max-connections", ConfigValueFactory.fromAnyRef(maxConnections));
            Server server = Server.start(
                    Server.config(extra.withFallback(overrides)), new PrintStream(OutputStream.nullOutputStream()));
            OverlordTarget t = new OverlordTarget(server, dir);
            Cluster cluster = Cluster.get(server.system());
            Waits.until(
                    () -> cluster.selfMember().status() == MemberStatus.up(),
                    Duration.ofSeconds(30),
                    "Overlord's one-node cluster to be up");
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Server server() {
        return server;
    }

    @Override
    public String name() {
        return "Overlord";
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public String pluginUrl() {
        return "ws://127.0.0.1:" + server.port() + "/ws/position?secret=" + server.sharedSecret();
    }

    @Override
    public String liveUrl() {
        return "ws://127.0.0.1:" + server.port() + "/ws/live";
    }

    @Override
    public long framesIngested() {
        return sum("overlord_frames_in_total{");
    }

    @Override
    public long framesDropped() {
        return server.metrics().value("overlord_hub_dropped_total");
    }

    @Override
    public long framesRejected() {
        return sum("overlord_frames_rejected_total{");
    }

    @Override
    public long slowConsumersCut() {
        return server.metrics().value("overlord_hub_slow_consumers_total");
    }

    @Override
    public long journalWrites() {
        // The character entities' persist-latency histogram counts one observation per persist.
        return server.metrics()
                .histogram("overlord_journal_persist_seconds", "")
                .count();
    }

    @Override
    public long liveSubscribers() {
        return sum("overlord_live_subscribers ");
    }

    @Override
    public long pluginSockets() {
        return sum("overlord_plugin_sockets_open ");
    }

    /** Sums the samples of one family in the Prometheus text (labelled counters have no total). */
    private long sum(String prefix) {
        long total = 0;
        for (String line : server.metrics().render().split("\n")) {
            if (line.startsWith(prefix)) {
                total += (long) Double.parseDouble(
                        line.substring(line.lastIndexOf(' ') + 1).trim());
            }
        }
        return total;
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
