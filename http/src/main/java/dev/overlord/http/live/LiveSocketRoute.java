package dev.overlord.http.live;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.http.connections.ConnectionLease;
import dev.overlord.http.server.ServerSettings;
import dev.overlord.live.LiveHub;
import dev.overlord.live.Subscription;
import dev.overlord.persistence.audit.CommandAudit;
import dev.overlord.session.PluginRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code /ws/live}: the browser feed. Authenticated by session cookie (or a trusted network),
 * Origin-checked, then the live hub's events through this socket's filter, plus answers to the
 * browser's own requests (subscribe, commands, dungeon maps, snapshots).
 */
public final class LiveSocketRoute {
    private final ActorSystem<?> system;
    private final Materializer mat;
    private final LiveHub hub;
    private final ActorRef<PluginRegistry.Command> registry;
    private final BrowserAuth auth;
    private final ServerSettings.BrowserSettings limits;
    private final Consumer<CommandAudit.Command> audit;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param audit takes every command a browser sends, delivered or not, without blocking (the
     *     audit trail's writer)
     */
    public LiveSocketRoute(
            ActorSystem<?> system,
            LiveHub hub,
            ActorRef<PluginRegistry.Command> registry,
            BrowserAuth auth,
            ServerSettings.BrowserSettings limits,
            Consumer<CommandAudit.Command> audit,
            Clock clock) {
        this.system = system;
        this.mat = Materializer.matFromSystem(system);
        this.hub = hub;
        this.registry = registry;
        this.auth = auth;
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who sent a socket's commands: the user and the client's address, for the audit trail. */
    private record Sender(String user, String address) {}

    public Route route() {
        return path(
                PathMatchers.segment("ws").slash("live"),
                () -> auth.requireReader(user -> parameterOptional(
                        "last_seq",
                        lastSeq -> parameterOptional("snapshot", snapshot -> {
                            OptionalLong since;
                            try {
                                since = lastSeq.isPresent()
                                        ? OptionalLong.of(Long.parseLong(lastSeq.get()))
                                        : OptionalLong.empty();
                            } catch (NumberFormatException e) {
                                return complete(StatusCodes.BAD_REQUEST, "last_seq must be a whole number");
                            }
                            boolean wantSnapshot = snapshot.map(s -> s.equals("1") || s.equalsIgnoreCase("true"))
                                    .orElse(false);
                            return extractRequest(request -> handleWebSocketMessages(ConnectionLease.heldBy(
                                    request,
                                    socketFlow(
                                            since,
                                            wantSnapshot,
                                            !user.equals(BrowserAuth.API_TOKEN_USER),
                                            new Sender(user, auth.clients().text(request))))));
                        }))));
    }

    /** @param mayCommand false for a socket opened with the read-only API token */
    private Flow<Message, Message, NotUsed> socketFlow(
            OptionalLong since, boolean snapshot, boolean mayCommand, Sender sender) {
        Subscription subscription = new Subscription();
        Pair<BoundedSourceQueue<String>, Source<String, NotUsed>> replies =
                Source.<String>queue(64).preMaterialize(mat);
        BoundedSourceQueue<String> answer = replies.first();
        Source<String, NotUsed> first = snapshot ? Source.lazySingle(hub::snapshotJson) : Source.empty();
        Source<String, NotUsed> out =
                first.concat(hub.feed(subscription, since)).merge(replies.second(), true);
        Sink<Message, NotUsed> in = Flow.<Message>create()
                .mapAsync(1, this::collect)
                .mapAsync(1, text -> handle(text, subscription, mayCommand, sender))
                .to(Sink.foreach(answer::offer))
                .mapMaterializedValue(x -> NotUsed.getInstance());
        return Flow.fromSinkAndSourceCoupled(in, out.map(TextMessage::create));
    }

    /** One browser message as collected: its text, or why it was refused before parsing. */
    private sealed interface Incoming {
        record Text(String text) implements Incoming {}

        enum Binary implements Incoming {
            INSTANCE
        }

        enum TooBig implements Incoming {
            INSTANCE
        }
    }

    private CompletionStage<Incoming> collect(Message m) {
        if (!m.isText()) {
            m.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), mat);
            return CompletableFuture.completedFuture(Incoming.Binary.INSTANCE);
        }
        return m.asTextMessage()
                .getStreamedText()
                .limitWeighted(limits.maxMessageBytes(), s -> (long) s.length())
                .runFold(new StringBuilder(), StringBuilder::append, mat)
                .<Incoming>thenApply(b -> new Incoming.Text(b.toString()))
                .exceptionally(e -> Incoming.TooBig.INSTANCE);
    }

    /** Answers one browser message. */
    private CompletionStage<String> handle(
            Incoming incoming, Subscription subscription, boolean mayCommand, Sender sender) {
        return switch (incoming) {
            case Incoming.Binary b -> done(BrowserMessages.error("binary messages are not supported; send JSON text"));
            case Incoming.TooBig t ->
                done(BrowserMessages.error("message larger than " + limits.maxMessageBytes() + " bytes"));
            case Incoming.Text t -> answer(t.text(), subscription, mayCommand, sender);
        };
    }

    private CompletionStage<String> answer(String text, Subscription subscription, boolean mayCommand, Sender sender) {
        return switch (BrowserMessages.parse(mapper, text)) {
            case BrowserMessages.Subscribe s -> {
                subscription.subscribe(s.types());
                ObjectNode n = JsonNodeFactory.instance.objectNode();
                n.put("type", "subscribed");
                var arr = n.putArray("message_types");
                subscription.types().forEach(arr::add);
                yield done(n.toString());
            }
            case BrowserMessages.Command c
            when !mayCommand ->
                done(BrowserMessages.error(
                        "commands need a login or a trusted network; the API token only reads the feed"));
            case BrowserMessages.Command c -> routeCommand(c, sender);
            case BrowserMessages.DungeonMapRequest d ->
                done(hub.dungeonMap(d.landblock())
                        .orElseGet(() -> BrowserMessages.error("no dungeon map known for landblock " + d.landblock())));
            case BrowserMessages.SnapshotRequest r -> done(hub.snapshotJson());
            case BrowserMessages.Invalid i -> done(BrowserMessages.error(i.reason()));
        };
    }

    private CompletionStage<String> routeCommand(BrowserMessages.Command c, Sender sender) {
        return AskPattern.<PluginRegistry.Command, PluginRegistry.RouteResult>ask(
                        registry,
                        replyTo -> new PluginRegistry.Route(c.playerName(), c.json(), replyTo),
                        limits.commandTimeout(),
                        system.scheduler())
                .thenApply(r -> {
                    ObjectNode n = JsonNodeFactory.instance.objectNode();
                    n.put("type", "command_result");
                    n.put("player_name", c.playerName());
                    n.put("command", c.command());
                    switch (r) {
                        case PluginRegistry.Delivered d -> {
                            n.put("status", "delivered");
                            audit(c, sender, Optional.of(d.sessionId()));
                        }
                        case PluginRegistry.Offline o -> {
                            audit(c, sender, Optional.empty());
                            n.put("status", "offline");
                            n.put(
                                    "error",
                                    c.playerName() + " is not connected: no plugin session speaks for this character");
                        }
                    }
                    return n.toString();
                })
                .exceptionally(e -> {
                    // The registry did not answer: whether a plugin got it is unknown, so not delivered.
                    audit(c, sender, Optional.empty());
                    return BrowserMessages.error(
                            "command not routed: " + e.getClass().getSimpleName());
                });
    }

    /** Hands the command to the audit trail; never blocks (a full trail counts it as lost). */
    private void audit(BrowserMessages.Command c, Sender sender, Optional<String> deliveredTo) {
        audit.accept(new CommandAudit.Command(
                clock.instant(),
                sender.user(),
                c.playerName(),
                c.command(),
                deliveredTo.isPresent(),
                deliveredTo,
                sender.address()));
    }

    private static CompletionStage<String> done(String s) {
        return CompletableFuture.completedFuture(s);
    }
}
