package dev.overlord.http.plugin;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.overlord.http.connections.ClientAddress;
import dev.overlord.http.connections.ConnectionLease;
import dev.overlord.http.server.ServerSettings;
import dev.overlord.protocol.ParseResult.Reason;
import dev.overlord.protocol.Utf8;
import dev.overlord.session.PluginSession;
import dev.overlord.session.SocketOut;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSink;
import org.apache.pekko.stream.typed.javadsl.ActorSource;

/**
 * {@code /ws/position}: the plugin socket. The shared secret is checked (in constant time) before
 * the upgrade; each accepted socket gets its own {@link PluginSession} actor.
 */
public final class PluginSocketRoute {
    public static final String SECRET_HEADER = "X-Plugin-Secret";

    private final ActorSystem<?> system;
    private final Materializer mat;
    private final PluginTokens tokens;
    private final ServerSettings.PluginSettings limits;
    private final PluginSession.Deps deps;
    private final AtomicLong sessions = new AtomicLong();
    private final ClientAddress clients;

    public PluginSocketRoute(
            ActorSystem<?> system, String sharedSecret, ServerSettings.PluginSettings limits, PluginSession.Deps deps) {
        this(system, new PluginTokens(sharedSecret, false), limits, deps, ClientAddress.direct());
    }

    public PluginSocketRoute(
            ActorSystem<?> system,
            PluginTokens tokens,
            ServerSettings.PluginSettings limits,
            PluginSession.Deps deps,
            ClientAddress clients) {
        this.system = system;
        this.clients = clients;
        this.mat = Materializer.matFromSystem(system);
        this.tokens = tokens;
        this.limits = limits;
        this.deps = deps;
    }

    public Route route() {
        return path(
                PathMatchers.segment("ws").slash("position"),
                () -> optionalHeaderValueByName(
                        SECRET_HEADER,
                        header -> parameterOptional("secret", query -> {
                            Optional<String> given = header.isPresent() ? header : query;
                            Optional<PluginSession.Speaks> speaks = given.flatMap(tokens::admit);
                            if (speaks.isEmpty()) {
                                return complete(
                                        StatusCodes.UNAUTHORIZED,
                                        tokens.required()
                                                ? "invalid or missing plugin token (this server requires per-plugin tokens)"
                                                : "invalid or missing plugin secret");
                            }
                            return extractRequest(request -> handleWebSocketMessages(
                                    ConnectionLease.heldBy(request, socketFlow(clients.text(request), speaks.get()))));
                        })));
    }

    private Flow<Message, Message, NotUsed> socketFlow(String remote, PluginSession.Speaks speaks) {
        // Short enough to read in logs; the counter keeps actor names unique even if two collide.
        String sessionId = UUID.randomUUID().toString().substring(0, 8);
        String actorName = "plugin-session-" + sessionId + "-" + sessions.incrementAndGet();
        Pair<ActorRef<SocketOut>, Source<SocketOut, NotUsed>> out = ActorSource.<SocketOut>actorRef(
                        m -> m instanceof SocketOut.Close, m -> Optional.empty(), 256, OverflowStrategy.dropHead())
                .preMaterialize(mat);
        ActorRef<PluginSession.Command> session = system.systemActorOf(
                PluginSession.create(sessionId, remote, out.first(), deps, speaks), actorName, Props.empty());
        Sink<Message, NotUsed> in = Flow.<Message>create()
                .mapAsync(1, this::collect)
                .to(ActorSink.actorRefWithBackpressure(
                        session,
                        (ActorRef<PluginSession.Ack> ackTo, PluginSession.Received m) ->
                                new PluginSession.Inbound(m, ackTo),
                        PluginSession.Init::new,
                        PluginSession.Ack.INSTANCE,
                        new PluginSession.SocketClosed(),
                        PluginSession.SocketFailed::new));
        // Close completes the source (it is the completion matcher), so only texts arrive here.
        Source<Message, NotUsed> outgoing = out.second().map(o -> switch (o) {
            case SocketOut.Text t -> (Message) TextMessage.create(t.json());
            case SocketOut.Close c -> (Message) TextMessage.create("{\"type\":\"closing\"}");
        });
        // Not coupled: the sink ends the moment the session stops, which would cut off the error the
        // session sent just before. The session's Close (sent whenever it stops) ends the socket instead.
        return Flow.fromSinkAndSource(in, outgoing);
    }

    /** Collects one message, refusing what is binary, too big or too slow to arrive. */
    private CompletionStage<PluginSession.Received> collect(Message m) {
        long cap = limits.maxMessageBytes();
        if (!m.isText()) {
            m.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), mat);
            return done(new PluginSession.Refused(
                    Reason.BINARY, "binary messages are not part of the protocol; send JSON text", true));
        }
        TextMessage t = m.asTextMessage();
        if (t.isStrict()) {
            String s = t.getStrictText();
            return done(Utf8.exceeds(s, cap) ? tooBig(cap) : new PluginSession.Text(s));
        }
        // Too big and too slow end the message's stream normally (takeWhile, takeWithin): failing it
        // (limitWeighted, completionTimeout) fails the whole socket before the error reaches the plugin.
        long[] bytes = {0};
        return t.getStreamedText()
                .<Part>map(Part.Chunk::new)
                .concat(Source.single(Part.End.INSTANCE))
                .takeWithin(limits.messageTimeout())
                .takeWhile(part -> part instanceof Part.Chunk c && (bytes[0] += Utf8.length(c.text())) <= cap, true)
                .runFold(new Collected(), Collected::add, mat)
                .<PluginSession.Received>thenApply(c -> {
                    if (bytes[0] > cap) return tooBig(cap);
                    if (!c.complete) {
                        return new PluginSession.Refused(
                                Reason.TIMEOUT,
                                "message not complete within "
                                        + limits.messageTimeout().toSeconds() + " s",
                                true);
                    }
                    return new PluginSession.Text(c.text.toString());
                })
                .exceptionally(e -> {
                    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    return new PluginSession.Refused(
                            Reason.MALFORMED_JSON,
                            "message could not be read: " + c.getClass().getSimpleName(),
                            true);
                });
    }

    /** A streamed message: its text in chunks, then a marker that all of it arrived. */
    private sealed interface Part {
        record Chunk(String text) implements Part {}

        enum End implements Part {
            INSTANCE
        }
    }

    /** The parts of one streamed message so far; confined to the fold that owns it. */
    private static final class Collected {
        final StringBuilder text = new StringBuilder();
        boolean complete;

        Collected add(Part part) {
            switch (part) {
                case Part.Chunk c -> text.append(c.text());
                case Part.End end -> complete = true;
            }
            return this;
        }
    }

    private static PluginSession.Refused tooBig(long cap) {
        return new PluginSession.Refused(
                Reason.TOO_BIG, "message larger than " + cap + " bytes (1009 message too big)", true);
    }

    private static CompletionStage<PluginSession.Received> done(PluginSession.Received r) {
        return CompletableFuture.completedFuture(r);
    }
}
