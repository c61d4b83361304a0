package dev.overlord.http.server;

import static org.apache.pekko.http.javadsl.server.Directives.concat;

import com.typesafe.config.Config;
import dev.overlord.agent.AgentSettings;
import dev.overlord.agent.assistant.Assistant;
import dev.overlord.agent.assistant.AuditLog;
import dev.overlord.agent.chat.ChatRunner;
import dev.overlord.agent.history.AgentSessions;
import dev.overlord.agent.runner.CliRunner;
import dev.overlord.agent.runner.CliSettings;
import dev.overlord.agent.runner.Runner;
import dev.overlord.agent.sql.ReadOnlySql;
import dev.overlord.agent.sql.SqlSettings;
import dev.overlord.agent.sql.TelemetrySql;
import dev.overlord.agent.tools.OverlordTools;
import dev.overlord.agent.tools.ToolBox;
import dev.overlord.alerts.AlertRules;
import dev.overlord.alerts.AlertSettings;
import dev.overlord.alerts.SystemAlerts;
import dev.overlord.alerts.TargetNames;
import dev.overlord.character.CharacterEntity;
import dev.overlord.character.CharacterSettings;
import dev.overlord.http.admin.RetentionRoutes;
import dev.overlord.http.admin.SetAsideRoutes;
import dev.overlord.http.agent.AgentRoutes;
import dev.overlord.http.alerts.AlertTargets;
import dev.overlord.http.alerts.AlertsModule;
import dev.overlord.http.alerts.DiscordModule;
import dev.overlord.http.audit.CommandAuditRoutes;
import dev.overlord.http.auth.AccessSettings;
import dev.overlord.http.auth.AuthRoutes;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.http.auth.LoginSettings;
import dev.overlord.http.auth.LoginThrottle;
import dev.overlord.http.auth.OriginPolicy;
import dev.overlord.http.auth.ReadAccess;
import dev.overlord.http.auth.SessionCookies;
import dev.overlord.http.auth.SessionVersions;
import dev.overlord.http.auth.TrustedNetworks;
import dev.overlord.http.characterstats.CharacterStatsRoutes;
import dev.overlord.http.combat.CombatRoutes;
import dev.overlord.http.connections.ClientAddress;
import dev.overlord.http.inventory.InventoryRoutes;
import dev.overlord.http.inventory.SuitbuilderRoutes;
import dev.overlord.http.inventory.SuitbuilderSettings;
import dev.overlord.http.live.LiveSocketRoute;
import dev.overlord.http.load.Bulkhead;
import dev.overlord.http.mcp.McpRoutes;
import dev.overlord.http.mcp.McpSettings;
import dev.overlord.http.mcp.RouteReadApi;
import dev.overlord.http.plugin.ContestedRoutes;
import dev.overlord.http.plugin.PluginSocketRoute;
import dev.overlord.http.plugin.PluginTokens;
import dev.overlord.http.portals.PortalRoutes;
import dev.overlord.http.rares.RareRoutes;
import dev.overlord.http.readapi.Answers;
import dev.overlord.http.serverhealth.ServerHealth;
import dev.overlord.http.serverhealth.ServerHealthRoutes;
import dev.overlord.http.serverhealth.ServerHealthSettings;
import dev.overlord.http.simulator.Simulator;
import dev.overlord.http.spawns.SpawnRoutes;
import dev.overlord.http.status.ReadinessProbe;
import dev.overlord.http.status.StatusRoutes;
import dev.overlord.http.status.WebAppRoutes;
import dev.overlord.http.telemetry.TelemetryRoutes;
import dev.overlord.http.vitalsharing.VitalSharingRoutes;
import dev.overlord.jobs.PeriodicJob;
import dev.overlord.live.LiveAlerts;
import dev.overlord.live.LiveHub;
import dev.overlord.live.LiveHubSettings;
import dev.overlord.live.LiveInventory;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.DatabaseSettings;
import dev.overlord.persistence.KnownCharacters;
import dev.overlord.persistence.alerts.OutboxWake;
import dev.overlord.persistence.audit.CommandAudit;
import dev.overlord.persistence.audit.CommandAuditSettings;
import dev.overlord.persistence.audit.CommandAuditWriter;
import dev.overlord.persistence.characterstats.CharacterStatsQueries;
import dev.overlord.persistence.combat.CombatQueries;
import dev.overlord.persistence.digest.DigestJob;
import dev.overlord.persistence.digest.DigestQueries;
import dev.overlord.persistence.digest.DigestSettings;
import dev.overlord.persistence.inventory.InventoryItems;
import dev.overlord.persistence.portals.PortalExpiry;
import dev.overlord.persistence.portals.PortalQueries;
import dev.overlord.persistence.portals.PortalSettings;
import dev.overlord.persistence.projection.CharacterProjection;
import dev.overlord.persistence.rares.RareQueries;
import dev.overlord.persistence.retention.Retention;
import dev.overlord.persistence.retention.RetentionSettings;
import dev.overlord.persistence.serverhealth.ServerStatusStore;
import dev.overlord.persistence.setaside.SetAsideEvents;
import dev.overlord.persistence.spawns.SpawnQueries;
import dev.overlord.persistence.telemetry.TelemetryQueries;
import dev.overlord.persistence.timeseries.PartitionMaintenance;
import dev.overlord.persistence.timeseries.TimeSeriesSettings;
import dev.overlord.persistence.timeseries.TimeSeriesStore;
import dev.overlord.persistence.timeseries.TimeSeriesWriter;
import dev.overlord.persistence.users.PluginTokenStore;
import dev.overlord.persistence.users.UserStore;
import dev.overlord.protocol.FrameLimits;
import dev.overlord.protocol.FrameParser;
import dev.overlord.session.PluginRegistry;
import dev.overlord.session.PluginSession;
import dev.overlord.session.VitalShareRelay;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.headers.HttpCookiePair;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actor system's root behavior: starts each module through its own start function, in order
 * (cluster, entities, live hub, session registry, time-series writer, projections, periodic jobs,
 * HTTP, simulator); each registers its own CoordinatedShutdown tasks and returns what the next
 * needs. Reports the running server, or the failure that stopped start-up, to {@code started}.
 */
final class Guardian {
    private static final Logger log = LoggerFactory.getLogger(Guardian.class);

    /** Opened before the actor system exists: settings, secrets, the migrated database and its users. */
    record Resources(
            ServerSettings settings,
            String sharedSecret,
            String secretKey,
            Database database,
            UserStore users,
            PartitionMaintenance partitions,
            Metrics metrics,
            Clock clock) {}

    /** What start-up hands back once HTTP listens. */
    record Started(ServerBinding binding, LiveHub hub, Optional<Simulator> simulator) {}

    private Guardian() {}

    static Behavior<Void> create(Resources resources, CompletableFuture<Started> started) {
        return Behaviors.setup(context -> {
            try {
                start(context, resources, started);
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
                throw e;
            }
            return Behaviors.empty();
        });
    }

    private static void start(ActorContext<Void> context, Resources r, CompletableFuture<Started> started) {
        ActorSystem<Void> system = context.getSystem();
        Config config = system.settings().config();
        Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("overlord-blocking-dispatcher"));
        // The writer's own threads: queries and logins never delay telemetry writes.
        Executor timeSeriesThreads =
                system.dispatchers().lookup(DispatcherSelector.fromConfig("overlord-timeseries-dispatcher"));
        LoadLimits limits = LoadLimits.from(config);
        Database database = r.database();

        joinSelfUnlessSeeded(system);
        LiveHub hub =
                LiveHub.start(system, LiveHubSettings.from(config.getConfig("overlord.live")), r.metrics(), r.clock());
        LiveAlerts liveAlerts = new LiveAlerts(hub);
        OutboxWake outboxWake = new OutboxWake();
        // The user's rules, Discord and the alert targets; a route to a target that cannot be
        // delivered to (its setting blank) is dropped at start-up.
        AlertRules rules = AlertRules.from(config);
        DiscordModule discord = DiscordModule.start(system, hub, rules, r.clock());
        AlertTargets alertTargets = discord.targets();
        DigestSettings digest = DigestSettings.from(config);
        AlertSettings alertSettings = AlertSettings.from(config.getConfig("overlord.alerts"), alertTargets::configured)
                .withRules(rules);
        if (digest.enabled()) {
            alertSettings = alertSettings.withRoute(
                    DigestJob.KIND, alertTargets.configured(digest.target()) ? List.of(digest.target()) : List.of());
        }
        CharacterEntity.init(
                system,
                CharacterSettings.from(config.getConfig("overlord.character")).withAlerts(alertSettings),
                r.clock(),
                r.metrics(),
                liveAlerts,
                new LiveInventory(hub));
        ActorRef<PluginRegistry.Command> registry = context.spawn(
                PluginRegistry.create(
                        r.metrics()
                                .counter(
                                        "overlord_plugin_claims_contested_total",
                                        "Characters claimed by a second live plugin session"),
                        hub.settings().forgetOfflineAfter()),
                "plugin-registry");
        TimeSeriesWriter timeSeries = TimeSeriesWriter.start(
                system,
                new TimeSeriesStore(database.dataSource(), database.vendor()),
                TimeSeriesSettings.from(config),
                r.metrics(),
                timeSeriesThreads,
                r.clock());
        // The read side follows the journal (this system's) into the migrated database.
        CharacterProjection.init(system, database.dataSource(), database.vendor(), r.metrics(), outboxWake);
        PortalSettings portals = PortalSettings.from(config);
        Retention retention = startJobs(system, r, blocking, portals);
        AlertsModule alerts = AlertsModule.start(
                system, database, alertSettings, alertTargets, liveAlerts, outboxWake, r.metrics(), r.clock());

        ActorRef<VitalShareRelay.Command> vitalShares = context.spawn(
                VitalShareRelay.create(
                        VitalShareRelay.Settings.from(config),
                        VitalShareRelay.RelayMetrics.from(r.metrics()),
                        r.clock()),
                "vital-share-relay");
        PluginSession.Deps deps = new PluginSession.Deps(
                        new FrameParser(r.clock(), FrameLimits.from(config.getConfig("overlord.plugin"))),
                        hub,
                        name -> CharacterEntity.ref(system, name),
                        registry,
                        timeSeries,
                        PluginSession.SessionMetrics.from(r.metrics()))
                .withVitalShares(vitalShares);
        ServerSettings settings = r.settings();
        LoginSettings login = LoginSettings.from(config);
        SessionVersions sessionVersions = new SessionVersions();
        sessionVersions.refreshEvery(system, login.sessionRefresh(), blocking, r.users()::tokenVersions);
        // Access: origins, proxies and the read API's gate (docs/api.md, "Access").
        AccessSettings access = AccessSettings.from(config);
        ClientAddress clients = ClientAddress.ofProxies(access.proxies());
        TrustedNetworks trusted = new TrustedNetworks(settings.auth().trustedNetworks());
        Metrics.LabeledCounter accessRefused = r.metrics()
                .labeledCounter(
                        "overlord_access_refused_total",
                        "reason",
                        "Requests refused for a foreign Origin (origin) or a read API call without access (read_api)");
        OriginPolicy origins = new OriginPolicy(access.publicOrigins(), settings.port(), accessRefused);
        access.warnings(settings.prod(), clients, trusted).forEach(log::warn);
        BrowserAuth auth = new BrowserAuth(
                new SessionCookies(r.secretKey(), settings.auth().sessionTtl(), r.clock(), sessionVersions),
                settings.auth().cookieName(),
                origins,
                trusted,
                clients,
                access.apiToken());
        ReadAccess readAccess = ReadAccess.of(settings.prod(), access, auth, accessRefused);
        PluginTokens pluginTokens = PluginTokens.from(r.sharedSecret(), config);
        PluginTokenStore tokenStore = new PluginTokenStore(database.dataSource());
        pluginTokens.refreshEvery(system, login.sessionRefresh(), blocking, tokenStore::all);
        // One database check for /ready and the read API, which refuses at once while it says down.
        ReadinessProbe readiness =
                new ReadinessProbe(database::isReachable, limits.readyFreshFor(), limits.readyCheckTimeout());
        // Alerts no character raises (the game server down or back, the digest): stored, queued, live.
        SystemAlerts systemAlerts = alerts.systemAlerts();
        if (digest.enabled()) {
            if (!alertTargets.configured(digest.target()))
                log.warn(
                        "daily digest on, but its target {} cannot be delivered to",
                        TargetNames.forLog(digest.target()));
            new DigestJob(new DigestQueries(database.dataSource(), database.vendor()), digest, systemAlerts, r.clock())
                    .schedule(system, blocking, r.metrics());
        }
        ServerHealthSettings serverHealth = ServerHealthSettings.from(config);
        ServerHealthRoutes serverHealthRoutes = ServerHealth.start(
                        system,
                        serverHealth,
                        new ServerStatusStore(database.dataSource()),
                        systemAlerts,
                        blocking,
                        r.metrics(),
                        r.clock())
                .map(h -> new ServerHealthRoutes(h::view))
                .orElseGet(() -> ServerHealthRoutes.off(serverHealth.server()));
        AtomicInteger boundPort = new AtomicInteger();
        AssistantMount assistant = startAssistant(system, r, auth, blocking, boundPort::get);
        CommandAudit commandAudit = new CommandAudit(database.dataSource());
        CommandAuditWriter auditWriter = CommandAuditWriter.start(
                system, commandAudit, CommandAuditSettings.from(config), blocking, r.metrics(), r.clock());
        Route measured = new RequestMetrics(r.metrics())
                .measure(concat(
                        assistant.mcp().route(),
                        new PluginSocketRoute(system, pluginTokens, settings.plugin(), deps, clients).route(),
                        new ContestedRoutes(system, registry, auth).route(),
                        new VitalSharingRoutes(system, vitalShares).route(),
                        serverHealthRoutes.route(),
                        new LiveSocketRoute(
                                        system, hub, registry, auth, settings.browser(), auditWriter::record, r.clock())
                                .route(),
                        new CommandAuditRoutes(
                                        commandAudit,
                                        auth,
                                        new Bulkhead("audit", limits.queries(), blocking, r.metrics()),
                                        limits.requestTimeout())
                                .route(),
                        new AuthRoutes(
                                        r.users(),
                                        auth,
                                        blocking,
                                        new LoginThrottle(login.throttle(), r.clock()),
                                        Bulkhead.onOwnThreads(system, "login", login.gate(), r.metrics()),
                                        login.maxWait(),
                                        login.maxBodyBytes(),
                                        r.metrics())
                                .route(),
                        new StatusRoutes(
                                        hub,
                                        r.metrics(),
                                        settings.version(),
                                        readiness,
                                        timeSeries::health,
                                        discord::state,
                                        r.clock())
                                .route(),
                        new SuitbuilderRoutes(
                                        new InventoryItems(database.dataSource()),
                                        auth,
                                        system.dispatchers()
                                                .lookup(DispatcherSelector.fromConfig(SuitbuilderSettings.DISPATCHER)),
                                        SuitbuilderSettings.from(config),
                                        r.metrics())
                                .route(),
                        readApi(
                                database,
                                portals,
                                blocking,
                                limits,
                                r.metrics(),
                                r.clock(),
                                readiness::knownDown,
                                answers -> alerts.routes(answers, auth, r.clock())),
                        new RetentionRoutes(
                                        retention,
                                        auth,
                                        new Bulkhead("admin", limits.admin(), blocking, r.metrics()),
                                        limits.requestTimeout())
                                .route(),
                        new AgentRoutes(
                                        assistant.assistant(),
                                        auth,
                                        new Bulkhead("agent", limits.queries(), blocking, r.metrics()),
                                        limits.requestTimeout())
                                .route(),
                        // Events the projections set aside, for an operator to inspect.
                        new SetAsideRoutes(
                                        new SetAsideEvents(database.dataSource()),
                                        auth,
                                        new Bulkhead("set-aside", limits.admin(), blocking, r.metrics()),
                                        limits.requestTimeout())
                                .route(),
                        WebAppRoutes.route()));
        Route routes = SecurityHeaders.on(origins.guard(readAccess.guard(READ_API_PATHS, measured)));
        assistant.api().answerFrom(routes);

        HttpServer.start(system, settings, limits, r.metrics(), routes).whenComplete((binding, failure) -> {
            if (failure != null) {
                started.completeExceptionally(failure);
                system.terminate();
            } else {
                origins.boundTo(binding.localAddress().getPort());
                boundPort.set(binding.localAddress().getPort());
                started.complete(new Started(binding, hub, startSimulator(system, settings, r, binding)));
            }
        });
    }

    /**
     * The first path segments of the read API (and {@code /live}, {@code /metrics}): closed in prod
     * unless opened (see {@link ReadAccess}). A new read route adds its segment here.
     */
    static final Set<String> READ_API_PATHS = Set.of(
            "live",
            "history",
            "trails",
            "spawns",
            "portals",
            "rares",
            "combat-stats",
            "character-stats",
            "quests",
            "inventory",
            "vital-sharing",
            "server-health",
            "alerts",
            "metrics");

    /**
     * The read API: one routes class per read model, answering alike through one {@link Answers}
     * behind one gate, so a flood of queries is refused rather than queued ahead of everything else.
     */
    private static Route readApi(
            Database database,
            PortalSettings portals,
            Executor blocking,
            LoadLimits limits,
            Metrics metrics,
            Clock clock,
            BooleanSupplier databaseDown,
            Function<Answers, Route> more) {
        Answers answers = new Answers(
                new Bulkhead("queries", limits.queries(), blocking, metrics),
                limits.requestTimeout(),
                new KnownCharacters(database.dataSource()),
                databaseDown);
        return concat(
                new TelemetryRoutes(new TelemetryQueries(database.dataSource()), answers, clock).route(),
                new SpawnRoutes(new SpawnQueries(database.dataSource()), answers, clock).route(),
                new PortalRoutes(new PortalQueries(database.dataSource()), portals.keepFor(), answers, clock).route(),
                new RareRoutes(new RareQueries(database.dataSource()), answers).route(),
                new CombatRoutes(new CombatQueries(database.dataSource()), answers).route(),
                new CharacterStatsRoutes(new CharacterStatsQueries(database.dataSource()), answers).route(),
                new InventoryRoutes(new InventoryItems(database.dataSource()), answers).route(),
                more.apply(answers));
    }

    /**
     * The assistant (docs/assistant.md): its tools, its runner chosen by {@code AGENT_RUNNER}, the
     * audit file, the conversations and their purge job, and {@code /mcp}, which admits a running
     * question's token besides a login or {@code AGENT_MCP_TOKEN}. The tools answer from the
     * server's own routes: the caller binds {@link RouteReadApi#answerFrom} to the finished tree,
     * and {@code boundPort} once the server listens (the command-line client's tools reach {@code
     * /mcp} there).
     */
    private static AssistantMount startAssistant(
            ActorSystem<?> system, Resources r, BrowserAuth auth, Executor blocking, IntSupplier boundPort) {
        Config config = system.settings().config();
        AgentSettings settings = AgentSettings.from(config);
        McpSettings mcpSettings = McpSettings.from(config);
        RouteReadApi api = new RouteReadApi(
                system,
                () -> HttpCookiePair.create(auth.cookieName(), auth.cookies().issue(RouteReadApi.TOOLS_USER)),
                mcpSettings.maxAnswer());
        ToolBox tools = new OverlordTools(api, telemetrySql(system, r), blocking);
        Runner runner = switch (settings.runner()) {
            case CHAT -> new ChatRunner(settings.chat(), tools);
            case CLI -> cliRunner(system, r.settings(), settings.maxRunning(), boundPort);
        };
        AuditLog audit =
                new AuditLog(settings.auditLog(), settings.auditMaxBytes(), settings.auditKeepFiles(), r.clock());
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "close-agent-audit", () -> {
            audit.close();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        AgentSessions sessions = new AgentSessions(r.database().dataSource());
        PeriodicJob.start(
                system,
                new PeriodicJob.Schedule("agent-sessions", settings.purgeEvery(), settings.purgeEvery()),
                blocking,
                r.metrics(),
                () -> sessions.purgeIdleSince(r.clock().instant().minus(settings.sessionsKeepFor())));
        log.info("assistant: runner {}, audit file {}", runner.kind(), audit.file());
        Assistant assistant = new Assistant(settings, runner, sessions, audit, blocking, r.clock());
        McpRoutes mcp = new McpRoutes(
                tools,
                auth,
                mcpSettings,
                assistant.questionTokens(),
                r.settings().version());
        CoordinatedShutdown.get(system)
                .addTask(
                        CoordinatedShutdown.PhaseServiceUnbind(),
                        "stop-mcp",
                        () -> mcp.stop().thenApply(v -> Done.getInstance()));
        return new AssistantMount(assistant, mcp, api);
    }

    /** The assistant, {@code /mcp}, and the in-process API the tools read, bound to the finished routes. */
    private record AssistantMount(Assistant assistant, McpRoutes mcp, RouteReadApi api) {}

    /**
     * {@code query_telemetry_db}'s own pool as the read-only role (closed at shutdown); absent, the
     * tool says it is not configured, when the role cannot log in (the rest of the assistant runs).
     */
    private static Optional<TelemetrySql> telemetrySql(ActorSystem<?> system, Resources r) {
        Config config = system.settings().config();
        try {
            ReadOnlySql sql = ReadOnlySql.open(SqlSettings.from(config), DatabaseSettings.from(config), r.database());
            CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "close-agent-sql", () -> {
                sql.close();
                return CompletableFuture.completedFuture(Done.getInstance());
            });
            return Optional.of(sql);
        } catch (IllegalStateException e) {
            log.warn("query_telemetry_db is off: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The command-line client per question, on threads of its own, reaching {@code /mcp} on this
     * server's own address; every client still running is stopped at shutdown.
     */
    private static Runner cliRunner(
            ActorSystem<?> system, ServerSettings server, int maxRunning, IntSupplier boundPort) {
        ExecutorService threads = CliRunner.newExecutor(maxRunning);
        String host = server.host().equals("0.0.0.0") || server.host().equals("::") ? "127.0.0.1" : server.host();
        String authority = host.contains(":") ? "[" + host + "]" : host;
        CliRunner cli = new CliRunner(
                CliSettings.from(system.settings().config()),
                () -> "http://" + authority + ":" + boundPort.getAsInt() + "/mcp",
                threads);
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "stop-agent-cli", () -> {
            cli.close();
            threads.shutdownNow();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        return cli;
    }

    /** A single node forms its own cluster; with seed nodes configured the cluster joins them. */
    private static void joinSelfUnlessSeeded(ActorSystem<?> system) {
        Cluster cluster = Cluster.get(system);
        if (system.settings().config().getStringList("pekko.cluster.seed-nodes").isEmpty()) {
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
    }

    /** The periodic jobs, each a {@link PeriodicJob}; returns retention, which the admin route also runs on demand. */
    private static Retention startJobs(ActorSystem<?> system, Resources r, Executor blocking, PortalSettings portals) {
        Config config = system.settings().config();
        Database database = r.database();
        r.partitions().schedule(system, blocking, r.metrics());
        Retention retention =
                new Retention(database.dataSource(), database.vendor(), RetentionSettings.from(config), r.clock());
        retention.schedule(system, blocking, r.metrics());
        new PortalExpiry(database.dataSource(), portals, r.clock()).schedule(system, blocking, r.metrics());
        return retention;
    }

    /** The demo simulator, when enabled, playing characters against this server's own plugin socket. */
    private static Optional<Simulator> startSimulator(
            ActorSystem<?> system, ServerSettings settings, Resources r, ServerBinding binding) {
        if (!settings.simulator().enabled()) return Optional.empty();
        Simulator simulator = Simulator.start(
                system,
                "ws://127.0.0.1:" + binding.localAddress().getPort() + "/ws/position",
                r.sharedSecret(),
                settings.simulator().characters(),
                settings.simulator().telemetryEvery(),
                settings.simulator().events(),
                r.clock());
        log.info("demo simulator playing {} characters", settings.simulator().characters());
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-simulator", () -> {
            simulator.close();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        return Optional.of(simulator);
    }
}
