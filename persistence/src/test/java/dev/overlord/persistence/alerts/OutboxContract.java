package dev.overlord.persistence.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.alerts.Alert;
import dev.overlord.alerts.AlertSettings;
import dev.overlord.alerts.AlertTarget;
import dev.overlord.alerts.FrameRules;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.testing.DatabaseTestBase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on a real database: alerts raised through {@link SystemAlertStore} are queued once
 * per target, delivered in order per lane and target, retried after a pause, and set aside when
 * refused for good. The target here answers as scripted: the real ones (Discord, webhooks) are
 * tested against a local fake Discord in their own module and across a server restart in http.
 */
abstract class OutboxContract extends DatabaseTestBase {

    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Answers each send with the next scripted outcome (Sent once the script runs out), and records it. */
    static final class ScriptedTarget implements AlertTarget {
        final String name;
        final Deque<Outcome> script = new ArrayDeque<>();
        final List<String> received = new CopyOnWriteArrayList<>();

        ScriptedTarget(String name, Outcome... outcomes) {
            this.name = name;
            script.addAll(List.of(outcomes));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public CompletionStage<Outcome> send(Alert alert) {
            received.add(alert.id());
            Outcome next = script.isEmpty() ? new Sent() : script.poll();
            return CompletableFuture.completedFuture(next);
        }
    }

    MovableClock clock;
    List<Alert> published;
    SystemAlertStore store;

    @BeforeEach
    void emptyOutbox() throws SQLException {
        try (Connection c = database().dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM alert_outbox");
            s.executeUpdate("DELETE FROM alerts");
        }
        clock = new MovableClock();
        published = new ArrayList<>();
        AlertSettings settings = new AlertSettings(
                Duration.ofMinutes(5),
                "",
                Duration.ofMinutes(1),
                "",
                Map.of(
                        "server_down",
                        List.of("ops"),
                        "server_up",
                        List.of("ops", "chat"),
                        "digest",
                        List.of("nowhere")),
                FrameRules.NONE);
        store = new SystemAlertStore(database().dataSource(), database().vendor(), settings, published::add);
    }

    OutboxDelivery delivery(AlertTarget... targets) {
        Map<String, AlertTarget> byName = new java.util.HashMap<>();
        for (AlertTarget t : targets) byName.put(t.name(), t);
        return new OutboxDelivery(
                new Outbox(database().dataSource()),
                name -> Optional.ofNullable(byName.get(name)),
                new OutboxDelivery.Settings(100, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30)),
                clock,
                new Metrics());
    }

    static Alert alert(String id, String kind, Instant at) {
        return new Alert(id, kind, null, at, Alert.WARNING, kind, "the server is " + kind, Map.of("players", "12"));
    }

    @Test
    void anAlertRaisedTwiceIsStoredQueuedAndPublishedOnce() {
        store.raise(alert("a1", "server_up", T0));
        store.raise(alert("a1", "server_up", T0));
        assertEquals(1, published.size());
        assertEquals(Map.of("pending", 2L), new Outbox(database().dataSource()).counts(), "one row per target");
    }

    @Test
    void deliveriesOfALaneGoInOrderAndAFailureHoldsBackTheLaterOnesUntilItsPauseIsOver() {
        ScriptedTarget ops = new ScriptedTarget("ops", new AlertTarget.Retry(Duration.ofSeconds(10), "429"));
        store.raise(alert("first", "server_down", T0));
        store.raise(alert("second", "server_down", T0.plusSeconds(1)));
        OutboxDelivery delivery = delivery(ops);

        delivery.runOnce();
        assertEquals(List.of("first"), ops.received, "the second waits behind the first");
        delivery.runOnce();
        assertEquals(List.of("first"), ops.received, "within Retry-After nothing is sent");

        clock.now = T0.plusSeconds(11);
        delivery.runOnce();
        assertEquals(List.of("first", "first", "second"), ops.received, "then in order, each once more");
        delivery.runOnce();
        assertEquals(3, ops.received.size(), "nothing is sent twice once sent");
        assertEquals(Map.of("sent", 2L), new Outbox(database().dataSource()).counts());
    }

    @Test
    void aRefusedDeliveryIsSetAsideAndTheLaneGoesOn() {
        ScriptedTarget ops = new ScriptedTarget("ops", new AlertTarget.Rejected("400 bad embed"));
        store.raise(alert("bad", "server_down", T0));
        store.raise(alert("good", "server_down", T0.plusSeconds(1)));
        clock.now = T0.plusSeconds(1);
        delivery(ops).runOnce();
        assertEquals(List.of("bad", "good"), ops.received);
        assertEquals(Map.of("rejected", 1L, "sent", 1L), new Outbox(database().dataSource()).counts());
    }

    @Test
    void aTargetThatIsNotConfiguredSetsItsDeliveriesAsideWithoutHoldingOthers() {
        ScriptedTarget ops = new ScriptedTarget("ops");
        store.raise(alert("d1", "digest", T0));
        store.raise(alert("s1", "server_down", T0));
        delivery(ops).runOnce();
        assertEquals(List.of("s1"), ops.received);
        Map<String, Long> counts = new Outbox(database().dataSource()).counts();
        assertEquals(1L, counts.get("rejected"));
        assertEquals(1L, counts.get("sent"));
    }

    @Test
    void aTargetThatNeverAnswersIsRetriedWithAGrowingPause() {
        AlertTarget silent = new AlertTarget() {
            @Override
            public String name() {
                return "ops";
            }

            @Override
            public CompletionStage<Outcome> send(Alert alert) {
                return new CompletableFuture<>();
            }
        };
        store.raise(alert("slow", "server_down", T0));
        OutboxDelivery delivery = new OutboxDelivery(
                new Outbox(database().dataSource()),
                name -> Optional.of(silent),
                new OutboxDelivery.Settings(100, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(30)),
                clock,
                new Metrics());
        delivery.runOnce();
        Outbox.Delivery d = new Outbox(database().dataSource()).pending(10).get(0);
        assertEquals(1, d.attempts());
        assertEquals(T0.plusSeconds(1), d.nextAttemptAt());
        clock.now = T0.plusSeconds(1);
        delivery.runOnce();
        d = new Outbox(database().dataSource()).pending(10).get(0);
        assertEquals(T0.plusSeconds(3), d.nextAttemptAt(), "the pause doubles");
        assertTrue(delivery.backoff(30).compareTo(Duration.ofSeconds(30)) == 0, "up to its cap");
        assertFalse(d.alert().fields().isEmpty(), "the alert is read back whole");
    }

    @Test
    void retentionRemovesOldAlertsAndFinishedDeliveriesButNeverAPendingOneOfAKeptAlert() {
        ScriptedTarget ops = new ScriptedTarget("ops");
        store.raise(alert("old", "server_down", T0));
        delivery(ops).runOnce();
        store.raise(alert("waiting", "server_down", T0.plusSeconds(60)));
        clock.now = T0.plus(Duration.ofDays(31));
        AlertRetention retention =
                new AlertRetention(database().dataSource(), Duration.ofDays(180), Duration.ofDays(30), clock);
        assertEquals(new AlertRetention.Removed(1, 0), retention.run(), "the sent delivery goes, the alerts stay");
        assertEquals(Map.of("pending", 1L), new Outbox(database().dataSource()).counts());
        clock.now = T0.plus(Duration.ofDays(181));
        assertEquals(new AlertRetention.Removed(1, 2), retention.run(), "old alerts go with their deliveries");
        assertEquals(Map.of(), new Outbox(database().dataSource()).counts());
    }

    @Test
    void anIdleOutboxIsLookedAtOnlyAtItsSweepUnlessAnAlertWakesIt() {
        ScriptedTarget ops = new ScriptedTarget("ops");
        OutboxWake wake = new OutboxWake();
        OutboxDelivery delivery = new OutboxDelivery(
                new Outbox(database().dataSource()),
                name -> name.equals("ops") ? Optional.of(ops) : Optional.empty(),
                new OutboxDelivery.Settings(
                        100,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30)),
                clock,
                new Metrics(),
                wake);
        delivery.runOnce(); // an empty outbox: the next look is at the sweep
        store.raise(alert("unannounced", "server_down", T0));
        clock.now = T0.plusSeconds(10);
        delivery.runOnce();
        assertTrue(ops.received.isEmpty(), "not looked at before the sweep");
        clock.now = T0.plusSeconds(30);
        delivery.runOnce();
        assertEquals(List.of("unannounced"), ops.received, "the sweep finds it");

        store.raise(alert("announced", "server_down", T0.plusSeconds(31)));
        clock.now = T0.plusSeconds(32);
        wake.wakeUntil(T0.plusSeconds(62));
        delivery.runOnce();
        assertEquals(List.of("unannounced", "announced"), ops.received, "a wake looks at once");
    }
}
