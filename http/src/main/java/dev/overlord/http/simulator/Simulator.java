package dev.overlord.http.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The demo simulator: N characters, each on its own real WebSocket to {@code /ws/position},
 * playing plausible traffic (telemetry every interval, vitals, chat, combat, the odd rare, portal
 * and spawn, a full inventory on login and deltas after; deaths, idle spells, vortex warnings and
 * shared vitals as its {@link SimulatorEvents} say). It reconnects with backoff and answers
 * browser commands with a chat line, as a plugin would.
 */
public final class Simulator implements AutoCloseable {
    private final List<UniqueKillSwitch> switches = new ArrayList<>();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong commandsReceived = new AtomicLong();

    private Simulator() {}

    /**
     * Starts {@code characters} simulated plugins against {@code wsUrl} (e.g.
     * {@code ws://127.0.0.1:8765/ws/position}).
     */
    public static Simulator start(
            ActorSystem<?> system, String wsUrl, String sharedSecret, int characters, Duration every, Clock clock) {
        return start(system, wsUrl, sharedSecret, characters, every, SimulatorEvents.defaults(), clock);
    }

    /** As above, with deaths, idle spells, vortexes and vital sharing as often as {@code events} say. */
    public static Simulator start(
            ActorSystem<?> system,
            String wsUrl,
            String sharedSecret,
            int characters,
            Duration every,
            SimulatorEvents events,
            Clock clock) {
        Simulator sim = new Simulator();
        Materializer mat = Materializer.matFromSystem(system);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < characters; i++) {
            SimulatedCharacter character = new SimulatedCharacter(
                    name(i), 7919L * (i + 1), clock.instant(), every, events, i < events.sharingCharacters());
            // Staggered so N characters do not all speak on the same millisecond.
            Duration offset =
                    every.multipliedBy(i).dividedBy(Math.max(1, characters)).plusMillis(1);
            AtomicReference<BoundedSourceQueue<String>> answers = new AtomicReference<>();
            WebSocketRequest request =
                    WebSocketRequest.create(wsUrl).addHeader(RawHeader.create("X-Plugin-Secret", sharedSecret));
            RestartSettings restart = RestartSettings.create(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2);
            Source<Message, NotUsed> connection = RestartSource.withBackoff(restart, () -> {
                Pair<BoundedSourceQueue<String>, Source<String, NotUsed>> q =
                        Source.<String>queue(32).preMaterialize(mat);
                answers.set(q.first());
                Source<String, NotUsed> traffic = Source.lazySource(() -> Source.from(character.login(clock.instant())))
                        .mapMaterializedValue(x -> NotUsed.getInstance())
                        .concat(Source.tick(offset, every, "tick")
                                .mapConcat(t -> character.tick(clock.instant()))
                                .mapMaterializedValue(x -> NotUsed.getInstance()));
                Source<Message, NotUsed> out = traffic.merge(q.second()).map(s -> {
                    sim.framesSent.incrementAndGet();
                    return (Message) TextMessage.create(s);
                });
                return out.via(Http.get(system).webSocketClientFlow(request))
                        .mapMaterializedValue(x -> NotUsed.getInstance());
            });
            UniqueKillSwitch ks = connection
                    .viaMat(KillSwitches.single(), Keep.right())
                    .toMat(
                            Sink.foreach(m -> {
                                if (!m.isText()) return;
                                m.asTextMessage()
                                        .getStreamedText()
                                        .runFold("", String::concat, mat)
                                        .thenAccept(text -> {
                                            try {
                                                JsonNode n = mapper.readTree(text);
                                                if (n.hasNonNull("command")) {
                                                    sim.commandsReceived.incrementAndGet();
                                                    BoundedSourceQueue<String> q = answers.get();
                                                    if (q != null)
                                                        q.offer(character.answer(
                                                                n.get("command").asText(), clock.instant()));
                                                }
                                            } catch (Exception e) {
                                                // Not a command (an error report from the server, say): a plugin
                                                // ignores it.
                                            }
                                        });
                            }),
                            Keep.left())
                    .run(mat);
            sim.switches.add(ks);
        }
        return sim;
    }

    /** Character names: distinct, readable, stable across runs. */
    public static String name(int i) {
        String[] first = {
            "Larsson", "Moss", "Thorn", "Ember", "Quill", "Bram", "Sable", "Wren", "Dusk", "Fenn", "Ivo", "Kestrel",
            "Lumen", "Nyx", "Orrin", "Pike"
        };
        return i < first.length ? first[i] : first[i % first.length] + " " + (i / first.length + 1);
    }

    public long framesSent() {
        return framesSent.get();
    }

    public long commandsReceived() {
        return commandsReceived.get();
    }

    @Override
    public void close() {
        switches.forEach(UniqueKillSwitch::shutdown);
    }
}
