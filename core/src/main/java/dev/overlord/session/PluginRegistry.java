package dev.overlord.session;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Knows which plugin session speaks for which character, so that a browser's command reaches the
 * right game client. Sessions register as their characters' frames arrive and are forgotten when
 * they stop.
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

    /** Whether a routed command reached a plugin session. */
    public sealed interface RouteResult {}

    public record Delivered(String characterName, String sessionId) implements RouteResult {}

    public record Offline(String characterName) implements RouteResult {}

    private record Speaker(String sessionId, ActorRef<PluginSession.Command> session) {}

    public static Behavior<Command> create() {
        return Behaviors.setup(ctx -> {
            Map<String, Speaker> speakers = new HashMap<>();
            Set<ActorRef<PluginSession.Command>> watched = new HashSet<>();
            return Behaviors.receive(Command.class)
                    .onMessage(Register.class, r -> {
                        speakers.put(r.characterName(), new Speaker(r.sessionId(), r.session()));
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
                    .onMessage(SessionStopped.class, s -> {
                        watched.remove(s.session());
                        speakers.values().removeIf(sp -> sp.session().equals(s.session()));
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
