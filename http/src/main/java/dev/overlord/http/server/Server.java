package dev.overlord.http.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.http.simulator.Simulator;
import dev.overlord.live.LiveHub;
import dev.overlord.metrics.JvmMetrics;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.journal.JournalConfig;
import dev.overlord.persistence.projection.CharacterProjection;
import dev.overlord.persistence.timeseries.PartitionMaintenance;
import dev.overlord.persistence.timeseries.PartitionSettings;
import dev.overlord.persistence.users.AdminBootstrap;
import dev.overlord.persistence.users.UserStore;
import dev.overlord.persistence.users.UserStoreSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: opens what lives outside the actor system and starts the system with the
 * {@link Guardian}, which starts every module; the handle tests, the benchmarks and {@code Main} hold.
 */
public final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Server.class);

    private final ActorSystem<Void> system;
    private final ServerBinding binding;
    private final Database database;
    private final LiveHub hub;
    private final Metrics metrics;
    private final String sharedSecret;
    private final Simulator simulator;
    private final ServerSettings settings;

    private Server(
            ActorSystem<Void> system,
            ServerBinding binding,
            Database database,
            LiveHub hub,
            Metrics metrics,
            String sharedSecret,
            Simulator simulator,
            ServerSettings settings) {
        this.system = system;
        this.binding = binding;
        this.database = database;
        this.hub = hub;
        this.metrics = metrics;
        this.sharedSecret = sharedSecret;
        this.simulator = simulator;
        this.settings = settings;
    }

    /**
     * Starts a server from a resolved configuration and waits until it listens: opens what lives
     * outside the actor system (secrets, metrics, the migrated database with this week's partitions,
     * the first user), then hands them to the {@link Guardian}, which starts every module.
     *
     * @param console where a generated admin password is printed, once
     */
    public static Server start(Config config, PrintStream console) throws IOException {
        ServerSettings settings = ServerSettings.from(config);
        Files.createDirectories(settings.dataDir());
        String sharedSecret = settings.sharedSecret();
        String secretKey = settings.secretKey();
        if (settings.prod()) {
            ProdSecrets.check(sharedSecret, secretKey, log);
        } else if (sharedSecret.isBlank() || secretKey.isBlank()) {
            DevSecrets dev = DevSecrets.loadOrCreate(settings.dataDir());
            if (sharedSecret.isBlank()) sharedSecret = dev.sharedSecret();
            if (secretKey.isBlank()) secretKey = dev.secretKey();
            log.warn(
                    "dev mode: using generated secrets kept in {} (set SHARED_SECRET and SECRET_KEY for real use)",
                    dev.file());
        }

        Metrics metrics = new Metrics();
        JvmMetrics jvmMetrics = JvmMetrics.bindTo(metrics);
        DatabaseSettings dbSettings = DatabaseSettings.from(config);
        Database database = Database.open(dbSettings, metrics);
        log.info("database {} ready", dbSettings.vendor());
        Config full = JournalConfig.forDatabase(dbSettings, config.getInt("overlord.database.journal-pool-size"))
                .withFallback(CharacterProjection.config(dbSettings.vendor()))
                .withFallback(config)
                .resolve();
        Clock clock = Clock.systemUTC();
        ActorSystem<Void> system;
        Guardian.Started started;
        try {
            // Partitions exist before the first frame, like the schema; the job keeps them ahead.
            PartitionMaintenance partitions = new PartitionMaintenance(
                    database.dataSource(), database.vendor(), PartitionSettings.from(full), clock);
            partitions.run();
            UserStore users = new UserStore(database.dataSource(), UserStoreSettings.from(full));
            Optional<String> generated = AdminBootstrap.ensureAdmin(
                    users, Optional.of(settings.adminPassword()).filter(p -> !p.isBlank()), !settings.prod());
            generated.ifPresent(
                    pw -> console.println("\n  Overlord created the first user.  username: admin  password: " + pw
                            + "\n  (shown once; set OVERLORD_ADMIN_PASSWORD to choose it)\n"));

            CompletableFuture<Guardian.Started> starting = new CompletableFuture<>();
            system = ActorSystem.create(
                    Guardian.create(
                            new Guardian.Resources(
                                    settings, sharedSecret, secretKey, database, users, partitions, metrics, clock),
                            starting),
                    "overlord",
                    full);
            system.getWhenTerminated().thenRun(() -> {
                database.close();
                jvmMetrics.close();
            });
            started = awaitStart(system, starting);
        } catch (RuntimeException e) {
            database.close();
            jvmMetrics.close();
            throw e;
        }
        return new Server(
                system,
                started.binding(),
                database,
                started.hub(),
                metrics,
                sharedSecret,
                started.simulator().orElse(null),
                settings);
    }

    private static Guardian.Started awaitStart(ActorSystem<Void> system, CompletableFuture<Guardian.Started> starting) {
        try {
            return starting.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            terminate(system);
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw cause instanceof RuntimeException re
                    ? re
                    : new IllegalStateException("start-up failed: " + cause.getMessage(), cause);
        }
    }

    /** Test and Main convenience: the packaged defaults with overrides on top. */
    public static Config config(Config overrides) {
        ConfigFactory.invalidateCaches();
        return overrides.withFallback(ConfigFactory.load()).resolve();
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public Database database() {
        return database;
    }

    public LiveHub hub() {
        return hub;
    }

    public Metrics metrics() {
        return metrics;
    }

    public String sharedSecret() {
        return sharedSecret;
    }

    public Optional<Simulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    public ServerSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        terminate(system);
        database.close();
    }

    /** Terminates the system (running CoordinatedShutdown) and waits, so the pool closes after its users. */
    private static void terminate(ActorSystem<Void> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            log.warn("actor system did not terminate in time: {}", e.toString());
        }
    }
}
