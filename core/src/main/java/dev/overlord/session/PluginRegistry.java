package dev.overlord.session;

import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.LogText;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Knows which plugin session speaks for which character, so that a browser's command reaches the
 * right game client. Sessions register as their characters' frames arrive (again every
 * {@link #REGISTER_AGAIN_EVERY} while they do) and are forgotten when they stop, or for a character
 * not registered again within {@code forgetAfter}, so one long session cannot grow it with every name.
 */
public final class PluginRegistry {
    private PluginRegistry() {}

    /** What the registry understands. */
    public sealed interface Command {}

    /** The session now speaks for this character (the latest session wins). */
    public record Register(String characterName, String sessionId, ActorRef<PluginSession.Command> session)
            implements Command {}

    /** Routes a command text to the plugin of {@code characterName}. */
    public record Route(String characterName, String json, ActorRef<RouteResult> replyTo) implements Command {}

    private record SessionStopped(ActorRef<PluginSession.Command> session) implements Command {}

    private enum Sweep implements Command {
        INSTANCE
    }

    /** How often a session registers a character again while its frames keep arriving. */
    public static final Duration REGISTER_AGAIN_EVERY = Duration.ofHours(1);

    /** Whether a routed command reached a plugin session. */
    public sealed interface RouteResult {}

    public record Delivered(String characterName, String sessionId) implements RouteResult {}

    public record Offline(String characterName) implements RouteResult {}

    /** Asks which characters more than one live session claims now. */
    public record ListContested(ActorRef<List<Contest>> replyTo) implements Command {}

    /**
     * A character claimed by a second live session while the first still speaks for it (two game
     * clients, or a plugin posing as another): the latest claimant gets the commands.
     */
    public record Contest(String characterName, String earlierSessionId, String laterSessionId, Instant since) {}

    private record Speaker(String sessionId, ActorRef<PluginSession.Command> session, Instant registered) {}

    /** A contest while both its sessions live. */
    private record Held(
            Contest contest, ActorRef<PluginSession.Command> earlier, ActorRef<PluginSession.Command> later) {}

    public static Behavior<Command> create() {
        return create(n -> {});
    }

    /** @param conflicts counts contested claims */
    public static Behavior<Command> create(Metrics.Counter conflicts) {
        return create(conflicts, Duration.ofHours(24));
    }

    /**
     * @param conflicts counts contested claims
     * @param forgetAfter a character not registered again for this long is forgotten; well above
     *     {@link #REGISTER_AGAIN_EVERY}, so that only characters gone silent are
     */
    public static Behavior<Command> create(Metrics.Counter conflicts, Duration forgetAfter) {
        Duration sweepEvery = forgetAfter.dividedBy(4).compareTo(Duration.ofMinutes(10)) < 0
                ? forgetAfter.dividedBy(4)
                : Duration.ofMinutes(10);
        return Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Sweep.INSTANCE, sweepEvery);
            return registry(conflicts, forgetAfter);
        });
    }

    private static Behavior<Command> registry(Metrics.Counter conflicts, Duration forgetAfter) {
        return Behaviors.setup(ctx -> {
            Map<String, Speaker> speakers = new HashMap<>();
            Set<ActorRef<PluginSession.Command>> watched = new HashSet<>();
            // Only characters in speakers, so bounded like it.
            Map<String, Held> contested = new HashMap<>();
            return Behaviors.receive(Command.class)
                    .onMessage(Register.class, r -> {
                        Speaker earlier = speakers.get(r.characterName());
                        if (earlier != null && !earlier.sessionId().equals(r.sessionId())) {
                            conflicts.inc();
                            contested.put(
                                    r.characterName(),
                                    new Held(
                                            new Contest(
                                                    r.characterName(),
                                                    earlier.sessionId(),
                                                    r.sessionId(),
                                                    Instant.now()),
                                            earlier.session(),
                                            r.session()));
                            ctx.getLog()
                                    .warn(
                                            "character {} claimed by plugin session {} while session {} speaks for it",
                                            escape(r.characterName()),
                                            r.sessionId(),
                                            earlier.sessionId());
                        }
                        speakers.put(r.characterName(), new Speaker(r.sessionId(), r.session(), Instant.now()));
                        if (watched.add(r.session())) {
                            ctx.watchWith(r.session(), new SessionStopped(r.session()));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Route.class, r -> {
                        Speaker s = speakers.get(r.characterName());
                        if (s == null) {
                            r.replyTo().tell(new Offline(r.characterName()));
                        } else {
                            s.session().tell(new PluginSession.SendToPlugin(r.json()));
                            r.replyTo().tell(new Delivered(r.characterName(), s.sessionId()));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(ListContested.class, q -> {
                        q.replyTo()
                                .tell(contested.values().stream()
                                        .map(Held::contest)
                                        .toList());
                        return Behaviors.same();
                    })
                    .onMessage(Sweep.class, s -> {
                        Instant cutoff = Instant.now().minus(forgetAfter);
                        speakers.entrySet()
                                .removeIf(e -> e.getValue().registered().isBefore(cutoff));
                        contested.keySet().retainAll(speakers.keySet());
                        return Behaviors.same();
                    })
                    .onMessage(SessionStopped.class, s -> {
                        watched.remove(s.session());
                        speakers.values().removeIf(sp -> sp.session().equals(s.session()));
                        contested
                                .values()
                                .removeIf(h -> h.earlier().equals(s.session())
                                        || h.later().equals(s.session()));
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    /** A name as it may appear in a log line (see {@link LogText}). */
    static String escape(String name) {
        return LogText.quoted(name);
    }
}
