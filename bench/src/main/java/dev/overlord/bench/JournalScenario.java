package dev.overlord.bench;

import static dev.overlord.bench.DatabaseBench.overrides;
import static dev.overlord.bench.DatabaseBench.parse;
import static dev.overlord.bench.DatabaseBench.queryLong;
import static dev.overlord.bench.DatabaseBench.telemetry;
import static dev.overlord.bench.DatabaseBench.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.overlord.character.CharacterEntity;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.PluginFrame;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Events/s journaled by real {@link CharacterEntity} instances behind the server's sharding, driven
 * by telemetry frames whose {@code kills} rises every frame, each entity with a bounded window of
 * unanswered {@code Observe}s; on PostgreSQL and, for comparison, on H2.
 */
public final class JournalScenario implements Scenario<DatabaseBench, DatabaseReport> {

    @Override
    public String name() {
        return "journal";
    }

    @Override
    public DatabaseReport run(DatabaseBench bench, DatabaseReport report) {
        DatabaseBench.Settings s = bench.settings();
        List<Result> results = new ArrayList<>();
        // Each frame its own write (1), then grouped as a session under load groups them, per journal.
        for (boolean postgres : s.journalH2() ? List.of(true, false) : List.of(true)) {
            for (int window : s.journalWindows()) {
                results.add(journal(
                        postgres,
                        s.journalEntities(),
                        window,
                        s.journalWarmup(),
                        s.journalMeasure(),
                        bench.progress()));
            }
        }
        return report.withJournal(results);
    }

    /** One run: frames answered, events journaled and journal writes in the window, on one database. */
    public record Result(
            String database,
            int entities,
            int window,
            long frames,
            long events,
            double seconds,
            CpuMeter.Usage cpu,
            long persists) {
        double eventsPerSec() {
            return events / seconds;
        }

        double framesPerSec() {
            return frames / seconds;
        }
    }

    /**
     * Drives {@code entities} entities the way plugin sessions do under load: each has one
     * {@code Observe} of {@code window} frames unanswered at a time, and its answer releases the
     * next {@code window} frames (a session sends an entity whatever arrived during its previous
     * write, up to its window). With {@code window} 1, every frame is a write of its own.
     */
    public static Result journal(
            boolean postgres, int entities, int window, Duration warmup, Duration measure, PrintStream progress) {
        TestDatabase pg = postgres ? TestDatabases.freshPostgres() : null;
        try (OverlordTarget server = OverlordTarget.start(64, pg == null ? ConfigFactory.empty() : overrides(pg))) {
            var system = server.server().system();
            ObjectNode template = template();
            FrameParser parser = new FrameParser();
            AtomicLong answered = new AtomicLong();
            Instant base = Instant.now();
            Behavior<CharacterEntity.Observed> driver = Behaviors.setup(ctx -> {
                List<EntityRef<CharacterEntity.Command>> refs = new ArrayList<>();
                long[] kills = new long[entities];
                Map<String, Integer> index = new HashMap<>();
                ActorRef<CharacterEntity.Observed> self = ctx.getSelf();
                IntConsumer send = i -> {
                    String name = "Bench Journal " + i;
                    List<PluginFrame> frames = new ArrayList<>(window);
                    for (int w = 0; w < window; w++) {
                        long k = ++kills[i];
                        frames.add(parse(parser, telemetry(template, name, base.plusMillis(k * 10), k, "bench-" + i)));
                    }
                    refs.get(i).tell(new CharacterEntity.Observe(frames, "bench-" + i, self));
                };
                for (int i = 0; i < entities; i++) {
                    refs.add(CharacterEntity.ref(system, "Bench Journal " + i));
                    index.put("Bench Journal " + i, i);
                }
                for (int i = 0; i < entities; i++) send.accept(i);
                return Behaviors.receiveMessage(o -> {
                    answered.addAndGet(o.frames());
                    send.accept(index.get(o.characterName()));
                    return Behaviors.same();
                });
            });
            system.systemActorOf(driver, "bench-journal-driver", Props.empty());
            Waits.pass(warmup);
            long f0 = answered.get();
            long e0 = maxOrdering(server);
            long p0 = server.journalWrites();
            CpuMeter cpu = new CpuMeter();
            long t0 = System.nanoTime();
            Waits.pass(measure);
            long f1 = answered.get();
            long e1 = maxOrdering(server);
            long p1 = server.journalWrites();
            double secs = (System.nanoTime() - t0) / 1e9;
            CpuMeter.Usage usage = cpu.stop();
            Result r = new Result(
                    postgres ? "PostgreSQL" : "H2", entities, window, f1 - f0, e1 - e0, secs, usage, p1 - p0);
            progress.printf(
                    Locale.ROOT,
                    "journal %s: %d entities, window %d: %.0f events/s, %.0f frames/s%n",
                    r.database(),
                    entities,
                    window,
                    r.eventsPerSec(),
                    r.framesPerSec());
            return r;
        } finally {
            if (pg != null) pg.close();
        }
    }

    private static long maxOrdering(OverlordTarget server) {
        try (Connection c = server.server().database().dataSource().getConnection()) {
            return queryLong(c, "SELECT COALESCE(MAX(\"ordering\"), 0) FROM \"event_journal\"");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
