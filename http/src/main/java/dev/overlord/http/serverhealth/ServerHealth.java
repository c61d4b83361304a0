package dev.overlord.http.serverhealth;

import dev.overlord.alerts.Alert;
import dev.overlord.alerts.SystemAlerts;
import dev.overlord.jobs.PeriodicJob;
import dev.overlord.metrics.Metrics;
import dev.overlord.net.BoundedBody;
import dev.overlord.persistence.serverhealth.ServerStatusStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the game server's status page, keeps what it says in {@code server_status} and raises an
 * alert when the server goes down or comes back. A single failed check is a blip: the server is
 * down after {@link ServerHealthSettings#failuresBeforeDown()} in a row. The first verdict after
 * start-up is not a change, so it raises nothing.
 */
public final class ServerHealth {
    private static final Logger log = LoggerFactory.getLogger(ServerHealth.class);

    /** What {@code GET /server-health} says: {@code unknown} until a verdict. */
    public record View(
            String server,
            String status,
            Optional<Long> players,
            Optional<Long> uptimeSeconds,
            Optional<Long> latencyMs,
            Optional<Instant> checkedAt,
            Optional<Instant> since) {
        public static View unknown(String server) {
            return new View(
                    server,
                    "unknown",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }
    }

    /**
     * The decision's state: the verdict ({@code unknown}, {@code up}, {@code down}), since when,
     * failed checks in a row and when the first of them was, and whether this run has decided yet.
     */
    record State(
            String status, Optional<Instant> since, int failures, Optional<Instant> firstFailure, boolean decided) {
        static final State START = new State("unknown", Optional.empty(), 0, Optional.empty(), false);
    }

    /** A new state and the alert kind a change raises, if any. */
    record Step(State state, Optional<String> alertKind) {}

    /** The pure decision: what one check does to the state. */
    static Step decide(State s, StatusPage.Probe probe, Instant now, int failuresBeforeDown) {
        return switch (probe) {
            case StatusPage.Up up -> {
                if (s.status().equals("up")) {
                    yield new Step(new State("up", s.since(), 0, Optional.empty(), true), Optional.empty());
                }
                Optional<String> alert = s.decided() ? Optional.of(Alert.KIND_SERVER_UP) : Optional.empty();
                yield new Step(new State("up", Optional.of(now), 0, Optional.empty(), true), alert);
            }
            case StatusPage.Down down -> {
                int failures = s.failures() + 1;
                Optional<Instant> first = s.firstFailure().or(() -> Optional.of(now));
                if (s.status().equals("down")) {
                    yield new Step(new State("down", s.since(), failures, first, true), Optional.empty());
                }
                if (failures < failuresBeforeDown) {
                    yield new Step(new State(s.status(), s.since(), failures, first, s.decided()), Optional.empty());
                }
                Optional<String> alert = s.decided() ? Optional.of(Alert.KIND_SERVER_DOWN) : Optional.empty();
                yield new Step(new State("down", first, failures, first, true), alert);
            }
        };
    }

    private final ServerHealthSettings settings;
    private final URI url;
    private final ServerStatusStore store;
    private final SystemAlerts alerts;
    private final Clock clock;
    private final HttpClient client;
    private final AtomicReference<View> view;
    // Only the job's runs touch these, one run at a time.
    private State state = State.START;
    private boolean seeded;

    public ServerHealth(
            ServerHealthSettings settings, URI url, ServerStatusStore store, SystemAlerts alerts, Clock clock) {
        this.settings = settings;
        this.url = url;
        this.store = store;
        this.alerts = alerts;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.view = new AtomicReference<>(View.unknown(settings.server()));
    }

    /**
     * Starts polling when a URL is set, as a {@link PeriodicJob} named {@code server-health};
     * otherwise says once that it is off. The view starts from the last saved state.
     */
    public static Optional<ServerHealth> start(
            ActorSystem<?> system,
            ServerHealthSettings settings,
            ServerStatusStore store,
            SystemAlerts alerts,
            Executor blocking,
            Metrics metrics,
            Clock clock) {
        if (settings.url().isEmpty()) {
            log.info("server health off: no status URL (set OVERLORD_SERVER_STATUS_URL to poll one)");
            return Optional.empty();
        }
        ServerHealth health = new ServerHealth(settings, settings.url().get(), store, alerts, clock);
        PeriodicJob.start(
                system,
                new PeriodicJob.Schedule("server-health", Duration.ZERO, settings.interval()),
                blocking,
                metrics,
                () -> {
                    health.seedOnce();
                    health.check();
                });
        // The host only: a status URL may carry a key in its path or query.
        log.info(
                "server health: checking {} on {} every {}",
                settings.server(),
                settings.url().get().getHost(),
                settings.interval());
        return Optional.of(health);
    }

    public View view() {
        return view.get();
    }

    /** Shows the last saved state until the first check of this run (blocking, once). */
    void seedOnce() {
        if (seeded) return;
        seeded = true;
        try {
            store.load()
                    .filter(r -> r.server().equals(settings.server()))
                    .ifPresent(r -> view.compareAndSet(
                            View.unknown(settings.server()),
                            new View(
                                    r.server(),
                                    r.status(),
                                    r.players(),
                                    r.uptimeSeconds(),
                                    r.latencyMs(),
                                    Optional.of(r.checkedAt()),
                                    Optional.of(r.since()))));
        } catch (RuntimeException e) {
            log.warn("server health: could not read the last saved state: {}", e.toString());
        }
    }

    /** One check: probe, decide, save, alert. Blocks (HTTP and JDBC); call it from the blocking executor. */
    public void check() {
        StatusPage.Probe probe = probe();
        Instant now = clock.instant();
        Step step = decide(state, probe, now, settings.failuresBeforeDown());
        State before = state;
        state = step.state();
        if (probe instanceof StatusPage.Down d && before.failures() == 0) {
            log.info("server health: check of {} failed: {}", settings.server(), d.why());
        }
        if (state.decided()) {
            View v = viewOf(state, probe, now);
            view.set(v);
            try {
                store.save(new ServerStatusStore.Row(
                        v.server(),
                        v.status(),
                        v.players(),
                        v.uptimeSeconds(),
                        v.latencyMs(),
                        now,
                        v.since().orElse(now)));
            } catch (RuntimeException e) {
                // The page and the alert do not wait for the database; the next check saves again.
                log.warn("server health: could not save the status: {}", e.toString());
            }
        }
        step.alertKind().ifPresent(kind -> raise(kind, now, probe));
    }

    private View viewOf(State s, StatusPage.Probe probe, Instant now) {
        View previous = view.get();
        return switch (probe) {
            case StatusPage.Up up ->
                new View(
                        settings.server(),
                        s.status(),
                        up.players(),
                        up.uptimeSeconds(),
                        Optional.of(up.latencyMs()),
                        Optional.of(now),
                        s.since());
            // A blip keeps the last good figures; a down server has none.
            case StatusPage.Down down ->
                s.status().equals("down")
                        ? new View(
                                settings.server(),
                                "down",
                                Optional.empty(),
                                Optional.empty(),
                                down.latencyMs(),
                                Optional.of(now),
                                s.since())
                        : new View(
                                settings.server(),
                                s.status(),
                                previous.players(),
                                previous.uptimeSeconds(),
                                previous.latencyMs(),
                                Optional.of(now),
                                s.since());
        };
    }

    private void raise(String kind, Instant now, StatusPage.Probe probe) {
        boolean down = kind.equals(Alert.KIND_SERVER_DOWN);
        String server = settings.server();
        Alert alert = new Alert(
                "server:" + kind + ":" + now.toEpochMilli(),
                kind,
                null,
                now,
                down ? Alert.CRITICAL : Alert.INFO,
                down ? server + " is down" : server + " is back up",
                down
                        ? server + " has not answered its status checks since "
                                + state.since().orElse(now)
                        : server + " answers its status checks again",
                switch (probe) {
                    case StatusPage.Down d -> Map.of("server", server, "reason", d.why());
                    case StatusPage.Up u ->
                        u.players().isPresent()
                                ? Map.of(
                                        "server",
                                        server,
                                        "players",
                                        u.players().get().toString())
                                : Map.of("server", server);
                });
        log.warn("server health: {}", alert.title());
        try {
            alerts.raise(alert);
        } catch (RuntimeException e) {
            // The verdict stands; the next change raises again.
            log.warn("server health: could not raise {}: {}", kind, e.toString());
        }
    }

    /** Asks the status page, reading at most {@code max-body} bytes of its answer, within {@code timeout}. */
    StatusPage.Probe probe() {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<BoundedBody.Body>> answer =
                client.sendAsync(request, BoundedBody.handler(settings.maxBody()));
        try {
            // The request timeout ends at the headers; this bounds the body too (a page that trickles).
            HttpResponse<BoundedBody.Body> response =
                    answer.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            long latency = Duration.ofNanos(System.nanoTime() - start).toMillis();
            BoundedBody.Body body = response.body();
            return StatusPage.read(response.statusCode(), body.bytes(), body.truncated(), settings.server(), latency);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new StatusPage.Down("no answer within " + settings.timeout(), Optional.empty());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new StatusPage.Down(
                    "status page unreachable: " + cause.getClass().getSimpleName(), Optional.empty());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return new StatusPage.Down("check interrupted", Optional.empty());
        }
    }
}
