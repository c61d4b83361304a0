package dev.overlord.character;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import dev.overlord.character.CharacterEntity.Command;
import dev.overlord.character.CharacterEntity.Observe;
import dev.overlord.character.CharacterEntity.Observed;
import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.testing.SampleFrames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Given a journal that fails (its child stops, as an entity whose write failed does), expect the
 * character to answer its sessions at once, keep the frames (latest-only where that is enough,
 * discrete ones up to the bound, the rest counted) and write them in order once a new child works.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CharacterBacklogTest {

    @JUnit5TestKit
    public final ActorTestKit testKit =
            new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.load()).build();

    static final CharacterSettings.Backlog BOUNDS = new CharacterSettings.Backlog(
            2, 1 << 20, Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(200));

    /** A journal child: while {@code down} it fails on every frame; otherwise it hands them to {@code written}. */
    static Behavior<Command> journal(AtomicBoolean down, ActorRef<List<String>> written) {
        return Behaviors.receive(Command.class)
                .onMessage(Observe.class, o -> {
                    if (down.get()) throw new IllegalStateException("journal unavailable");
                    written.tell(o.frames().stream()
                            .map(CharacterBacklogTest::describe)
                            .toList());
                    o.replyTo().tell(new Observed("Larsson", o.frames().size()));
                    return Behaviors.same();
                })
                .build();
    }

    static String describe(PluginFrame f) {
        return switch (f) {
            case PluginFrame.Telemetry t -> "telemetry " + t.kills();
            case PluginFrame.Rare r -> "rare " + r.rareName();
            default -> f.type();
        };
    }

    static PluginFrame telemetry(long kills) {
        return SampleFrames.telemetry().name("Larsson").kills(kills).frame();
    }

    static PluginFrame rare(String name) {
        return SampleFrames.of("rare").name("Larsson").set("name", name).frame();
    }

    @Test
    void framesTheJournalCouldNotTakeAreKeptAndWrittenWhenItIsBack() {
        AtomicBoolean down = new AtomicBoolean(true);
        TestProbe<List<String>> written = testKit.createTestProbe();
        TestProbe<Observed> session = testKit.createTestProbe();
        Metrics metrics = new Metrics();
        ActorRef<Command> character = testKit.spawn(CharacterBacklog.create(
                "Larsson", BOUNDS, () -> journal(down, written.ref()), CharacterBacklog.BacklogMetrics.from(metrics)));

        // The first write fails: the session is answered all the same, the frames are kept.
        character.tell(new Observe(List.of(telemetry(1), rare("Pearl")), "s1", session.ref()));
        assertEquals(2, session.expectMessageClass(Observed.class).frames());
        // Meanwhile: telemetry is kept latest-only, rares up to the bound (2), then counted.
        character.tell(
                new Observe(List.of(telemetry(2), rare("Ruby"), telemetry(3), rare("Opal")), "s1", session.ref()));
        assertEquals(4, session.expectMessageClass(Observed.class).frames());
        assertEquals(1, metrics.value("overlord_character_backlog_dropped_total"));

        down.set(false);
        List<String> all = new ArrayList<>();
        while (!all.contains("telemetry 3")) all.addAll(written.receiveMessage(Duration.ofSeconds(5)));
        assertEquals(List.of("rare Pearl", "rare Ruby", "telemetry 3"), all);
        written.expectNoMessage(Duration.ofMillis(300));

        // Back to normal: a session is answered once its frames are written.
        character.tell(new Observe(telemetry(4), "s1", session.ref()));
        assertEquals(List.of("telemetry 4"), written.receiveMessage());
        assertEquals(1, session.expectMessageClass(Observed.class).frames());
    }
}
