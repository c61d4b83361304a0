package dev.overlord.http.alerts;

import com.typesafe.config.Config;
import dev.overlord.alerts.AlertSettings;
import dev.overlord.alerts.AlertTarget;
import dev.overlord.alerts.SystemAlerts;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.http.readapi.Answers;
import dev.overlord.jobs.PeriodicJob;
import dev.overlord.live.LiveAlerts;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.alerts.AlertQueries;
import dev.overlord.persistence.alerts.Outbox;
import dev.overlord.persistence.alerts.OutboxDelivery;
import dev.overlord.persistence.alerts.OutboxWake;
import dev.overlord.persistence.alerts.SystemAlertStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The alerts module: the outbox's delivery job (on its own dispatcher), the server's own alerts,
 * and the alert routes. Character alerts reach the outbox through the character projection.
 */
public final class AlertsModule {

    private final SystemAlerts systemAlerts;
    private final AlertQueries queries;
    private final PeriodicJob delivery;

    private AlertsModule(SystemAlerts systemAlerts, AlertQueries queries, PeriodicJob delivery) {
        this.systemAlerts = systemAlerts;
        this.queries = queries;
        this.delivery = delivery;
    }

    /**
     * Starts delivering from the outbox to {@code targets} (resolved by target name) every {@code
     * overlord.alerts.outbox.every}.
     */
    public static AlertsModule start(
            ActorSystem<?> system,
            Database database,
            AlertSettings settings,
            Function<String, Optional<AlertTarget>> targets,
            LiveAlerts live,
            OutboxWake wake,
            Metrics metrics,
            Clock clock) {
        Config config = system.settings().config().getConfig("overlord.alerts.outbox");
        Executor own = system.dispatchers().lookup(DispatcherSelector.fromConfig("overlord-alerts-dispatcher"));
        Outbox outbox = new Outbox(database.dataSource());
        OutboxDelivery deliveries =
                new OutboxDelivery(outbox, targets, OutboxDelivery.Settings.from(config), clock, metrics, wake);
        Duration every = config.getDuration("every");
        PeriodicJob job = PeriodicJob.start(
                system, new PeriodicJob.Schedule("alert-outbox", every, every), own, metrics, deliveries::runOnce);
        SystemAlerts systemAlerts = new SystemAlertStore(database.dataSource(), database.vendor(), settings, alert -> {
            live.publish(alert);
            wake.queued(clock.instant());
        });
        return new AlertsModule(systemAlerts, new AlertQueries(database.dataSource()), job);
    }

    public SystemAlerts systemAlerts() {
        return systemAlerts;
    }

    /** Delivers what is due now (tests; the job does it on its own every interval). */
    public PeriodicJob delivery() {
        return delivery;
    }

    public Route routes(Answers answers, BrowserAuth auth, Clock clock) {
        return new AlertRoutes(queries, answers, auth, clock).route();
    }
}
