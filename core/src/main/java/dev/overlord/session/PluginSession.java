package dev.overlord.session;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.overlord.character.CharacterEntity;
import dev.overlord.live.LiveHub;
import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.FrameTypes;
import dev.overlord.protocol.LogText;
import dev.overlord.protocol.ParseResult;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.timeseries.TimeSeriesSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One plugin socket (the router): parses each text message once, sends the frame to its
 * character's entity, publishes it on the live hub and tells the registry which characters it
 * speaks for. A bad frame is counted, reported back and dropped; the socket goes on.
 */
public final class PluginSession extends AbstractBehavior<PluginSession.Command> {

    /** What a plugin session understands. */
    public sealed interface Command {}

    /** The socket's stream is ready; acknowledge to receive the first message. */
    public record Init(ActorRef<Ack> ackTo) implements Command {}

    /** One message from the socket, already collected; acknowledge to receive the next. */
    public record Inbound(Received message, ActorRef<Ack> ackTo) implements Command {}

    /** The plugin closed the socket. */
    public record SocketClosed() implements Command {}

    /** The socket failed. */
    public record SocketFailed(Throwable cause) implements Command {}

    /**
     * A character entity has dealt with {@code frames} of this session's frames, or did not answer
     * within {@link Deps#observeTimeout} (its write failed and it stopped; the frames' fate is unknown).
     */
    private record CharacterDone(String characterName, int frames, boolean answered) implements Command {}

    /** The socket has been held at the window for {@link Deps#maxHold}: it reads on. */
    private record HoldExpired(long hold) implements Command {}

    /** A command for the plugin (from a browser, through the registry). */
    public record SendToPlugin(String json) implements Command {}

    /** Back-pressure acknowledgement for the socket's stream. */
    public enum Ack {
        INSTANCE
    }

    /** A message as the socket layer saw it. */
    public sealed interface Received {}

    /** A complete text message. */
    public record Text(String text) implements Received {}

    /**
     * A message refused before parsing (too big, binary, too slow to arrive).
     *
     * @param fatal the socket is closed after the error is sent
     */
    public record Refused(ParseResult.Reason reason, String detail, boolean fatal) implements Received {}

    /** Counters shared by every session, made once. */
    public record SessionMetrics(
            Metrics.LabeledCounter framesIn,
            Metrics.LabeledCounter rejected,
            AtomicLong open,
            Metrics.Counter unanswered,
            Metrics.Counter droppedAtWindow) {
        public static SessionMetrics from(Metrics m) {
            AtomicLong open = new AtomicLong();
            m.gauge("overlord_plugin_sockets_open", "Plugin WebSockets open", open::get);
            return new SessionMetrics(
                    m.labeledCounter("overlord_frames_in_total", "type", "Plugin frames accepted, by type"),
                    m.labeledCounter("overlord_frames_rejected_total", "reason", "Plugin frames dropped, by reason"),
                    open,
                    m.counter(
                            "overlord_frames_unjournaled_total",
                            "Plugin frames whose character entity did not confirm journaling them in time"),
                    m.counter(
                            "overlord_frames_not_journaled_total",
                            "Plugin frames not sent to their character because far too many were in flight"
                                    + " (published live and written as time series all the same)"));
        }
    }

    /** What every session needs, built once by the server. */
    public record Deps(
            FrameParser parser,
            LiveHub hub,
            Function<String, RecipientRef<CharacterEntity.Command>> characters,
            ActorRef<PluginRegistry.Command> registry,
            TimeSeriesSink timeSeries,
            SessionMetrics metrics,
            int inFlightWindow,
            Duration observeTimeout,
            Duration maxHold,
            Optional<ActorRef<VitalShareRelay.Command>> vitalShares) {

        /** The usual window: enough to hide the journal's latency, small enough to bound memory. */
        public static final int DEFAULT_IN_FLIGHT_WINDOW = 64;

        /**
         * How long a character entity may take to journal a group of frames: well beyond the
         * journal's own write timeout, after which the entity has failed and stopped.
         */
        public static final Duration DEFAULT_OBSERVE_TIMEOUT = Duration.ofSeconds(30);

        /**
         * Longest a socket is held at the window: then it reads on (frames wait in the session up
         * to {@link #hardCap()}), so a stalled journal never stalls the plugin's live feed.
         */
        public static final Duration DEFAULT_MAX_HOLD = Duration.ofSeconds(2);

        /** Frames in flight and waiting beyond which frames no longer go to their characters. */
        public int hardCap() {
            return 16 * inFlightWindow;
        }

        public Deps(
                FrameParser parser,
                LiveHub hub,
                Function<String, RecipientRef<CharacterEntity.Command>> characters,
                ActorRef<PluginRegistry.Command> registry,
                TimeSeriesSink timeSeries,
                SessionMetrics metrics,
                int inFlightWindow,
                Duration observeTimeout,
                Duration maxHold) {
            this(
                    parser,
                    hub,
                    characters,
                    registry,
                    timeSeries,
                    metrics,
                    inFlightWindow,
                    observeTimeout,
                    maxHold,
                    Optional.empty());
        }

        /** These deps with {@code share_*} frames relayed to (and received from) the other sessions. */
        public Deps withVitalShares(ActorRef<VitalShareRelay.Command> relay) {
            return new Deps(
                    parser,
                    hub,
                    characters,
                    registry,
                    timeSeries,
                    metrics,
                    inFlightWindow,
                    observeTimeout,
                    maxHold,
                    Optional.of(relay));
        }

        public Deps(
                FrameParser parser,
                LiveHub hub,
                Function<String, RecipientRef<CharacterEntity.Command>> characters,
                ActorRef<PluginRegistry.Command> registry,
                TimeSeriesSink timeSeries,
                SessionMetrics metrics,
                int inFlightWindow,
                Duration observeTimeout) {
            this(
                    parser,
                    hub,
                    characters,
                    registry,
                    timeSeries,
                    metrics,
                    inFlightWindow,
                    observeTimeout,
                    DEFAULT_MAX_HOLD);
        }

        public Deps(
                FrameParser parser,
                LiveHub hub,
                Function<String, RecipientRef<CharacterEntity.Command>> characters,
                ActorRef<PluginRegistry.Command> registry,
                TimeSeriesSink timeSeries,
                SessionMetrics metrics) {
            this(
                    parser,
                    hub,
                    characters,
                    registry,
                    timeSeries,
                    metrics,
                    DEFAULT_IN_FLIGHT_WINDOW,
                    DEFAULT_OBSERVE_TIMEOUT,
                    DEFAULT_MAX_HOLD);
        }
    }

    /**
     * Whom a session may speak for: any character (the shared secret), or the characters of its
     * plugin token. Names compare case-insensitively, as the game does.
     *
     * @param token the token's label, or empty for the shared secret
     */
    public record Speaks(Optional<String> token, Set<String> characters) {
        public static final Speaks ANY = new Speaks(Optional.empty(), Set.of());

        public static Speaks only(String token, Collection<String> characters) {
            return new Speaks(
                    Optional.of(token),
                    characters.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
        }

        public boolean mayFor(String characterName) {
            return token.isEmpty() || characters.contains(characterName.toLowerCase(Locale.ROOT));
        }
    }

    private final String sessionId;
    private final String remote;
    private final Speaks speaks;
    private final ActorRef<SocketOut> socket;
    private final Deps deps;
    private final Map<String, Lane> speaksFor = new HashMap<>();
    private final Map<ParseResult.Reason, Long> rejectedByReason = new EnumMap<>(ParseResult.Reason.class);
    private long accepted;
    // Frames sent to character entities and not yet journaled; at the window the socket waits.
    private int inFlight;
    private ActorRef<Ack> heldAck;
    // Which hold a HoldExpired is for, and whether the socket reads on past the window.
    private long hold;
    private boolean readingOn;
    private long droppedAtWindow;
    // Why the session ended, for the Close its PostStop sends; a stop by failure keeps the default.
    private String stopReason = "session stopped";
    // The character this session spoke for last: the peer of a share frame that names none.
    private String lastCharacter = "";

    private PluginSession(
            ActorContext<Command> ctx,
            String sessionId,
            String remote,
            ActorRef<SocketOut> socket,
            Deps deps,
            Speaks speaks) {
        super(ctx);
        this.sessionId = sessionId;
        this.remote = remote;
        this.speaks = speaks;
        this.socket = socket;
        this.deps = deps;
        // Joined before counted open: once the gauge shows this session, the relay knows it.
        deps.vitalShares().ifPresent(r -> r.tell(new VitalShareRelay.Join(sessionId, ctx.getSelf())));
        deps.metrics().open().incrementAndGet();
        ctx.getLog().info("plugin session {} opened from {}", sessionId, remote);
    }

    public static Behavior<Command> create(String sessionId, String remote, ActorRef<SocketOut> socket, Deps deps) {
        return create(sessionId, remote, socket, deps, Speaks.ANY);
    }

    /** A session that may speak only as {@code speaks} allows; other characters' frames are refused. */
    public static Behavior<Command> create(
            String sessionId, String remote, ActorRef<SocketOut> socket, Deps deps, Speaks speaks) {
        return Behaviors.setup(ctx -> new PluginSession(ctx, sessionId, remote, socket, deps, speaks));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Init.class, m -> ack(m.ackTo()))
                .onMessage(Inbound.class, this::onInbound)
                .onMessage(CharacterDone.class, m -> {
                    inFlight -= m.frames();
                    if (!m.answered()) {
                        deps.metrics().unanswered().add(m.frames());
                        getContext()
                                .getLog()
                                .warn(
                                        "plugin session {}: character {} did not confirm {} frames within {}",
                                        sessionId,
                                        LogText.quoted(m.characterName()),
                                        m.frames(),
                                        deps.observeTimeout());
                    }
                    Lane lane = speaksFor.get(m.characterName());
                    if (lane != null) lane.done();
                    if (inFlight < deps.inFlightWindow()) readingOn = false;
                    if (heldAck != null && inFlight < deps.inFlightWindow()) {
                        ActorRef<Ack> ack = heldAck;
                        heldAck = null;
                        ack.tell(Ack.INSTANCE);
                    }
                    return this;
                })
                .onMessage(HoldExpired.class, m -> {
                    if (heldAck != null && m.hold() == hold) {
                        readingOn = true;
                        getContext()
                                .getLog()
                                .warn(
                                        "plugin session {}: {} frames unconfirmed for {}; reading on",
                                        sessionId,
                                        inFlight,
                                        deps.maxHold());
                        ActorRef<Ack> ack = heldAck;
                        heldAck = null;
                        ack.tell(Ack.INSTANCE);
                    }
                    return this;
                })
                .onMessage(SendToPlugin.class, m -> {
                    socket.tell(new SocketOut.Text(m.json()));
                    return this;
                })
                .onMessage(SocketClosed.class, m -> stop("closed by plugin"))
                .onMessage(SocketFailed.class, m -> stop("failed: " + m.cause().getMessage()))
                // However the session ends (even by a bug), its socket closes after what it already said.
                .onSignal(PostStop.class, s -> {
                    socket.tell(new SocketOut.Close(stopReason));
                    return this;
                })
                .build();
    }

    private Behavior<Command> ack(ActorRef<Ack> ackTo) {
        ackTo.tell(Ack.INSTANCE);
        return this;
    }

    private Behavior<Command> onInbound(Inbound in) {
        switch (in.message()) {
            case Text t -> onText(t.text());
            case Refused r -> {
                reject(r.reason(), r.detail());
                if (r.fatal()) return stop("closed by server: " + r.detail());
            }
        }
        if (inFlight >= deps.inFlightWindow() && !readingOn) {
            // The journal is behind: the socket reads on when an entity reports progress, or after
            // maxHold at the latest.
            heldAck = in.ackTo();
            getContext().scheduleOnce(deps.maxHold(), getContext().getSelf(), new HoldExpired(++hold));
            return this;
        }
        return ack(in.ackTo());
    }

    private void onText(String text) {
        switch (deps.parser().parse(text)) {
            case ParseResult.Parsed p -> route(p.frame());
            case ParseResult.Rejected r -> reject(r.reason(), r.detail());
        }
    }

    private void route(PluginFrame frame) {
        String name = frame.characterName();
        if (name != null && !name.isBlank() && !speaks.mayFor(name)) {
            // Refused, counted and told; the socket goes on for the characters the token covers.
            reject(
                    ParseResult.Reason.NOT_ALLOWED,
                    "plugin token '" + speaks.token().orElse("") + "' may not speak for this character");
            return;
        }
        accepted++;
        deps.metrics().framesIn().inc(FrameTypes.metricLabel(frame.type()));
        if (name != null && !name.isBlank()) {
            lastCharacter = name;
            Lane lane = speaksFor.get(name);
            if (lane == null) {
                lane = new Lane(name, deps.characters().apply(name));
                speaksFor.put(name, lane);
                register(lane);
            } else if (System.nanoTime() - lane.registeredAt >= PluginRegistry.REGISTER_AGAIN_EVERY.toNanos()) {
                // The registry forgets characters not registered again for a day: say it is still ours.
                register(lane);
            }
            if (inFlight < deps.hardCap()) {
                lane.observe(frame);
                inFlight++;
            } else {
                // Far past the window: the frame still goes live and to the time series below.
                deps.metrics().droppedAtWindow().inc();
                if (++droppedAtWindow == 1 || droppedAtWindow % 100 == 0) {
                    getContext()
                            .getLog()
                            .warn(
                                    "plugin session {}: {} frames in flight, frame not sent to its character [{} so far]",
                                    sessionId,
                                    inFlight,
                                    droppedAtWindow);
                }
            }
        }
        switch (frame) {
            case PluginFrame.Telemetry t -> deps.timeSeries().offer(t);
            case PluginFrame.Spawn sp -> deps.timeSeries().offer(sp);
            case PluginFrame.Share sh ->
                deps.vitalShares()
                        .ifPresent(r -> r.tell(new VitalShareRelay.Shared(
                                sessionId,
                                name == null || name.isBlank() ? lastCharacter : name,
                                sh.type(),
                                sh.envelope().text())));
            default -> {}
        }
        switch (frame) {
            // The entity publishes an inventory_delta notice once a change is journaled instead.
            case PluginFrame.FullInventory fi -> {}
            case PluginFrame.InventoryDelta d -> {}
            default -> deps.hub().publish(frame);
        }
    }

    private void register(Lane lane) {
        lane.registeredAt = System.nanoTime();
        deps.registry()
                .tell(new PluginRegistry.Register(
                        lane.name, sessionId, getContext().getSelf()));
    }

    private void reject(ParseResult.Reason reason, String detail) {
        deps.metrics().rejected().inc(reason.label());
        long n = rejectedByReason.merge(reason, 1L, Long::sum);
        // The first of each reason is logged, then every 100th, so a broken client cannot flood the log.
        if (n == 1 || n % 100 == 0) {
            getContext()
                    .getLog()
                    .warn(
                            "plugin session {}: dropped frame ({}): {} [{} so far]",
                            sessionId,
                            reason.label(),
                            LogText.escape(detail),
                            n);
        }
        socket.tell(new SocketOut.Text(errorJson(reason, detail)));
    }

    static String errorJson(ParseResult.Reason reason, String detail) {
        var node = JsonNodeFactory.instance.objectNode();
        node.put("type", "error");
        node.put("reason", reason.label());
        node.put("detail", detail);
        return node.toString();
    }

    private Behavior<Command> stop(String why) {
        stopReason = why;
        speaksFor.values().forEach(Lane::close);
        deps.metrics().open().decrementAndGet();
        long rejected =
                rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        getContext()
                .getLog()
                .info(
                        "plugin session {} from {} {} after {} frames ({} dropped), characters {}",
                        sessionId,
                        remote,
                        why,
                        accepted,
                        rejected,
                        speaksFor.keySet().stream().map(LogText::quoted).toList());
        return Behaviors.stopped();
    }

    /**
     * The way to one character's entity: one {@link CharacterEntity.Observe} in flight at a time,
     * and the frames that arrive meanwhile go together in the next, so the entity journals them in
     * one write. Frames keep their order; at the session's window the socket stops reading.
     */
    private final class Lane {
        private final RecipientRef<CharacterEntity.Command> entity;
        private List<PluginFrame> waiting = new ArrayList<>();
        private boolean busy;
        private long registeredAt;

        private final String name;

        Lane(String name, RecipientRef<CharacterEntity.Command> entity) {
            this.name = name;
            this.entity = entity;
        }

        void observe(PluginFrame frame) {
            waiting.add(frame);
            if (!busy) sendWaiting();
        }

        /** The entity has journaled what was in flight. */
        void done() {
            busy = false;
            if (!waiting.isEmpty()) sendWaiting();
        }

        private void sendWaiting() {
            List<PluginFrame> frames = waiting;
            int n = frames.size();
            getContext()
                    .ask(
                            CharacterEntity.Observed.class,
                            entity,
                            deps.observeTimeout(),
                            replyTo -> new CharacterEntity.Observe(frames, sessionId, replyTo),
                            (answer, failure) -> new CharacterDone(name, n, failure == null));
            waiting = new ArrayList<>();
            busy = true;
        }

        /**
         * The session is over: frames still waiting go on so none is lost (their answer goes nowhere,
         * as the session stops and counts no more), then the character learns the session closed.
         */
        void close() {
            if (!waiting.isEmpty()) {
                entity.tell(new CharacterEntity.Observe(
                        waiting, sessionId, getContext().getSystem().ignoreRef()));
            }
            entity.tell(new CharacterEntity.SessionClosed(sessionId));
        }
    }
}
