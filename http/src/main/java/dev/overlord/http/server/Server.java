package dev.overlord.http.server;

import static org.apache.pekko.http.javadsl.server.Directives.concat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.character.CharacterEntity;
import dev.overlord.character.CharacterSettings;
import dev.overlord.http.admin.RetentionRoutes;
import dev.overlord.http.auth.AuthRoutes;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.http.auth.LoginThrottle;
import dev.overlord.http.auth.SessionCookies;
import dev.overlord.http.auth.TrustedNetworks;
import dev.overlord.http.history.HistoryRoutes;
import dev.overlord.http.live.LiveSocketRoute;
import dev.overlord.http.plugin.PluginSocketRoute;
import dev.overlord.http.simulator.Simulator;
import dev.overlord.http.status.StatusRoutes;
import dev.overlord.http.status.WebAppRoutes;
import dev.overlord.live.LiveHub;
import dev.overlord.live.LiveHubSettings;
import dev.overlord.metrics.JvmMetrics;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.journal.JournalConfig;
import dev.overlord.persistence.query.HistoryQueries;
import dev.overlord.persistence.projection.CharacterProjection;
import dev.overlord.persistence.projection.PortalExpiry;
import dev.overlord.persistence.retention.Retention;
import dev.overlord.persistence.retention.RetentionSettings;
import dev.overlord.persistence.timeseries.PartitionMaintenance;
import dev.overlord.persistence.timeseries.PartitionSettings;
import dev.overlord.persistence.timeseries.TelemetryWriter;
import dev.overlord.persistence.timeseries.TimeSeriesSettings;
import dev.overlord.persistence.timeseries.TimeSeriesStore;
import dev.overlord.persistence.users.AdminBootstrap;
import dev.overlord.persistence.users.UserStore;
import dev.overlord.persistence.users.UserStoreSettings;
import dev.overlord.protocol.FrameParser;
import dev.overlord.session.PluginRegistry;
import dev.overlord.session.PluginSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContextExecutor;

/**
 * Starts every module in order (database, actor system and cluster, entities, hub, routes,
 * simulator) and registers their shutdown. The one place where the server is wired.
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

  private Server(ActorSystem<Void> system, ServerBinding binding, Database database, LiveHub hub, Metrics metrics,
      String sharedSecret, Simulator simulator, ServerSettings settings) {
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
   * Starts a server from a resolved configuration and waits until it listens.
   *
   * @param console where a generated admin password is printed, once
   */
  public static Server start(Config config, PrintStream console) throws IOException {
    ServerSettings settings = ServerSettings.from(config);
    Files.createDirectories(settings.dataDir());
    String sharedSecret = settings.sharedSecret();
    String secretKey = settings.secretKey();
    if (settings.prod()) {
      if (sharedSecret.isBlank()) throw new IllegalStateException("SHARED_SECRET is required in prod mode (OVERLORD_MODE=prod)");
      if (secretKey.isBlank()) throw new IllegalStateException("SECRET_KEY is required in prod mode (OVERLORD_MODE=prod)");
    } else if (sharedSecret.isBlank() || secretKey.isBlank()) {
      DevSecrets dev = DevSecrets.loadOrCreate(settings.dataDir());
      if (sharedSecret.isBlank()) sharedSecret = dev.sharedSecret();
      if (secretKey.isBlank()) secretKey = dev.secretKey();
      log.warn("dev mode: using generated secrets kept in {} (set SHARED_SECRET and SECRET_KEY for real use)", dev.file());
    }

    Metrics metrics = new Metrics();
    JvmMetrics jvmMetrics = JvmMetrics.bindTo(metrics);
    DatabaseSettings dbSettings = DatabaseSettings.from(config);
    Database database = Database.open(dbSettings, metrics);
    log.info("database {} ready", dbSettings.vendor());

    Config full = JournalConfig.forDatabase(dbSettings, config.getInt("overlord.database.journal-pool-size"))
        .withFallback(CharacterProjection.config(dbSettings.vendor()))
        .withFallback(config).resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "overlord", full);
    try {
      Cluster cluster = Cluster.get(system);
      if (full.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      Clock clock = Clock.systemUTC();
      ExecutionContextExecutor blocking =
          system.dispatchers().lookup(DispatcherSelector.fromConfig("overlord-blocking-dispatcher"));

      CharacterEntity.init(system, CharacterSettings.from(full.getConfig("overlord.character")), clock, metrics);
      // The read side follows the journal (this system's) into the migrated database.
      CharacterProjection.init(system, database.dataSource(), database.vendor());
      PortalExpiry.schedule(system, database.dataSource(), PortalExpiry.Settings.from(full), clock);
      LiveHub hub = new LiveHub(system, LiveHubSettings.from(full.getConfig("overlord.live")), metrics, clock);
      metrics.gauge("overlord_characters_online", "Characters heard from within the online window",
          () -> hub.fleet().online(clock.instant(), hub.settings().onlineWindow()).size());
      ActorRef<PluginRegistry.Command> registry =
          system.systemActorOf(PluginRegistry.create(), "plugin-registry", Props.empty());

      // Time series: partitions before the first frame, then the writer; schedules for both jobs.
      PartitionMaintenance partitions =
          new PartitionMaintenance(database.dataSource(), database.vendor(), PartitionSettings.from(full), clock);
      partitions.run();
      TelemetryWriter timeSeries = TelemetryWriter.start(system,
          new TimeSeriesStore(database.dataSource(), database.vendor()), TimeSeriesSettings.from(full), metrics, blocking,
          clock);
      Retention retention =
          new Retention(database.dataSource(), database.vendor(), RetentionSettings.from(full), clock);
      Cancellable partitionSchedule = partitions.schedule(system.scheduler(), blocking);
      Cancellable retentionSchedule = retention.schedule(system.scheduler(), blocking);
      // After the sockets are gone (service-unbind, service-requests-done), before the pool closes.
      CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "stop-timeseries", () -> {
        partitionSchedule.cancel();
        retentionSchedule.cancel();
        return timeSeries.stop();
      });

      PluginSession.Deps deps = new PluginSession.Deps(
          new FrameParser(clock), hub, name -> CharacterEntity.ref(system, name), registry,
          timeSeries, PluginSession.SessionMetrics.from(metrics));

      UserStore users = new UserStore(database.dataSource(), UserStoreSettings.from(full));
      Optional<String> generated = AdminBootstrap.ensureAdmin(
          users, Optional.of(settings.adminPassword()).filter(p -> !p.isBlank()), !settings.prod());
      generated.ifPresent(pw -> console.println(
          "\n  Overlord created the first user.  username: admin  password: " + pw
              + "\n  (shown once; set OVERLORD_ADMIN_PASSWORD to choose it)\n"));

      BrowserAuth auth = new BrowserAuth(
          new SessionCookies(secretKey, settings.auth().sessionTtl(), clock),
          settings.auth().cookieName(), settings.auth().allowedOrigins(),
          new TrustedNetworks(settings.auth().trustedNetworks()));
      Route routes = new RequestMetrics(metrics).measure(concat(
          new PluginSocketRoute(system, sharedSecret, settings.plugin(), deps).route(),
          new LiveSocketRoute(system, hub, registry, auth, settings.browser()).route(),
          new AuthRoutes(users, auth, blocking,
              new LoginThrottle(settings.auth().maxFailedLogins(), settings.auth().failedLoginWindow(), clock)).route(),
          new StatusRoutes(hub, metrics, settings.version(), database::isReachable, timeSeries::health, blocking, clock)
              .route(),
          new HistoryRoutes(new HistoryQueries(database.dataSource()), blocking, clock).route(),
          new RetentionRoutes(retention, auth, blocking).route(),
          WebAppRoutes.route()));

      ServerBinding binding = Http.get(system).newServerAt(settings.host(), settings.port()).bind(routes)
          .toCompletableFuture().get(30, TimeUnit.SECONDS)
          .addToCoordinatedShutdown(Duration.ofSeconds(5), system);
      int port = binding.localAddress().getPort();
      log.info("Overlord {} listening on http://{}:{} ({} mode)", settings.version(), settings.host(), port,
          settings.prod() ? "prod" : "dev");

      Simulator simulator = null;
      if (settings.simulator().enabled()) {
        simulator = Simulator.start(system, "ws://127.0.0.1:" + port + "/ws/position", sharedSecret,
            settings.simulator().characters(), settings.simulator().telemetryEvery(), clock);
        log.info("demo simulator playing {} characters", settings.simulator().characters());
      }
      Simulator sim = simulator;
      CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-simulator", () -> {
        if (sim != null) sim.close();
        return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
      });
      system.getWhenTerminated().thenRun(() -> {
        database.close();
        jvmMetrics.close();
      });
      return new Server(system, binding, database, hub, metrics, sharedSecret, simulator, settings);
    } catch (Exception e) {
      system.terminate();
      database.close();
      throw e instanceof RuntimeException re ? re : new IllegalStateException("start-up failed: " + e.getMessage(), e);
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
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("actor system did not terminate in time: {}", e.toString());
    }
    database.close();
  }
}
