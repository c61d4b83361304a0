package dev.overlord.session;

import com.typesafe.config.Config;
import dev.overlord.metrics.Metrics;
import dev.overlord.protocol.LogText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Relays {@code share_*} frames (cross-machine vitals and debuffs) from one plugin session to every
 * other, in the order they arrive, and keeps each peer's latest frame per share type so that a
 * plugin connecting later gets the current picture at once. A peer is a character on a session:
 * it vanishes when its session stops. A session that never shares still receives the others.
 *
 * <p>Frames go out through each session's own {@link PluginSession.SendToPlugin}, whose socket has
 * a bounded buffer of its own: a slow plugin loses its oldest messages and never holds up the rest.
 */
public final class VitalShareRelay {
    private VitalShareRelay() {}

    /** What the relay understands. */
    public sealed interface Command {}

    /** A plugin session opened: it receives the others' shares from now on, the latest ones at once. */
    public record Join(String sessionId, ActorRef<PluginSession.Command> session) implements Command {}

    /**
     * A session's plugin shared {@code json} (the frame as sent) for {@code characterName}.
     *
     * @param characterName the frame's character, or the session's when the frame names none
     *     (empty when the session has named no character yet)
     */
    public record Shared(String sessionId, String characterName, String type, String json) implements Command {}

    /** Asks for the peers and their latest shares. */
    public record ListPeers(ActorRef<List<Peer>> replyTo) implements Command {}

    private record Left(ActorRef<PluginSession.Command> session, String sessionId) implements Command {}

    /**
     * A character that shares, as last seen.
     *
     * @param characterName empty when its frames and its session named none
     * @param latest the latest frame's JSON per share type, in the order the types first came
     */
    public record Peer(String characterName, String sessionId, Instant lastSeen, Map<String, String> latest) {}

    /**
     * Bounds on what is kept (relaying itself is bounded by the frame size and each socket's buffer).
     *
     * @param maxPeers peers kept at once; a share from a peer beyond it is relayed, not kept
     * @param maxTypesPerPeer share types kept per peer; a further type is relayed, not kept
     * @param maxBytesPerPeer characters of JSON kept per peer; a frame that would pass it is relayed, not kept
     */
    public record Settings(int maxPeers, int maxTypesPerPeer, long maxBytesPerPeer) {
        public Settings {
            if (maxPeers < 1) throw new IllegalArgumentException("overlord.vital-sharing.max-peers must be at least 1");
            if (maxTypesPerPeer < 1)
                throw new IllegalArgumentException("overlord.vital-sharing.max-types-per-peer must be at least 1");
            if (maxBytesPerPeer < 1)
                throw new IllegalArgumentException("overlord.vital-sharing.max-bytes-per-peer must be positive");
        }

        /** Reads {@code overlord.vital-sharing}. */
        public static Settings from(Config root) {
            Config c = root.getConfig("overlord.vital-sharing");
            return new Settings(
                    c.getInt("max-peers"), c.getInt("max-types-per-peer"), c.getBytes("max-bytes-per-peer"));
        }
    }

    /** The relay's meters, made once. */
    public record RelayMetrics(Metrics.Counter relayed, Metrics.Counter notKept, AtomicLong peers) {
        public static RelayMetrics from(Metrics m) {
            AtomicLong peers = new AtomicLong();
            m.gauge("overlord_vital_share_peers", "Characters whose latest share frames are kept", peers::get);
            return new RelayMetrics(
                    m.counter(
                            "overlord_vital_share_relayed_total",
                            "Share frames handed to another plugin session (one per receiving session)"),
                    m.counter(
                            "overlord_vital_share_not_kept_total",
                            "Share frames relayed but not kept as their peer's latest (a bound was reached)"),
                    peers);
        }
    }

    private record PeerKey(String sessionId, String characterName) {}

    public static Behavior<Command> create(Settings settings, RelayMetrics metrics, Clock clock) {
        return Behaviors.setup(ctx -> new Relay(ctx, settings, metrics, clock).behavior());
    }

    private static final class Relay {
        private final ActorContext<Command> ctx;
        private final Settings settings;
        private final RelayMetrics metrics;
        private final Clock clock;
        private final Map<String, ActorRef<PluginSession.Command>> sessions = new LinkedHashMap<>();
        // Insertion order: a newcomer gets peers in the order they first shared.
        private final Map<PeerKey, PeerState> peers = new LinkedHashMap<>();
        private long notKept;

        Relay(ActorContext<Command> ctx, Settings settings, RelayMetrics metrics, Clock clock) {
            this.ctx = ctx;
            this.settings = settings;
            this.metrics = metrics;
            this.clock = clock;
        }

        Behavior<Command> behavior() {
            return Behaviors.receive(Command.class)
                    .onMessage(Join.class, this::onJoin)
                    .onMessage(Shared.class, this::onShared)
                    .onMessage(ListPeers.class, q -> {
                        q.replyTo()
                                .tell(peers.values().stream()
                                        .map(PeerState::view)
                                        .sorted(Comparator.comparing(Peer::characterName)
                                                .thenComparing(Peer::sessionId))
                                        .toList());
                        return Behaviors.same();
                    })
                    .onMessage(Left.class, this::onLeft)
                    .build();
        }

        private Behavior<Command> onJoin(Join j) {
            if (sessions.putIfAbsent(j.sessionId(), j.session()) == null) {
                ctx.watchWith(j.session(), new Left(j.session(), j.sessionId()));
                // The current picture first: everything later arrives after it, in order.
                for (PeerState p : peers.values()) {
                    if (p.key.sessionId().equals(j.sessionId())) continue;
                    for (String json : p.latest.values()) {
                        j.session().tell(new PluginSession.SendToPlugin(json));
                        metrics.relayed().inc();
                    }
                }
            }
            return Behaviors.same();
        }

        private Behavior<Command> onShared(Shared s) {
            keep(s);
            for (Map.Entry<String, ActorRef<PluginSession.Command>> e : sessions.entrySet()) {
                if (e.getKey().equals(s.sessionId())) continue;
                e.getValue().tell(new PluginSession.SendToPlugin(s.json()));
                metrics.relayed().inc();
            }
            return Behaviors.same();
        }

        private void keep(Shared s) {
            PeerKey key = new PeerKey(s.sessionId(), s.characterName());
            PeerState peer = peers.get(key);
            if (peer == null && peers.size() >= settings.maxPeers()) {
                notKept("peer limit " + settings.maxPeers() + " reached", s);
                return;
            }
            PeerState target = peer == null ? new PeerState(key) : peer;
            String previous = target.latest.get(s.type());
            if (previous == null && target.latest.size() >= settings.maxTypesPerPeer()) {
                notKept("share type limit " + settings.maxTypesPerPeer() + " reached", s);
                return;
            }
            long bytes = target.bytes
                    - (previous == null ? 0 : previous.length())
                    + s.json().length();
            if (bytes > settings.maxBytesPerPeer()) {
                notKept("byte limit " + settings.maxBytesPerPeer() + " reached", s);
                return;
            }
            target.latest.put(s.type(), s.json());
            target.bytes = bytes;
            target.lastSeen = clock.instant();
            if (peer == null) {
                peers.put(key, target);
                metrics.peers().set(peers.size());
            }
        }

        private void notKept(String why, Shared s) {
            metrics.notKept().inc();
            // The first, then every 100th: a chatty plugin cannot flood the log.
            if (++notKept == 1 || notKept % 100 == 0) {
                ctx.getLog()
                        .warn(
                                "vital sharing: {} from {} on session {} relayed but not kept: {} [{} so far]",
                                LogText.quoted(s.type()),
                                LogText.quoted(s.characterName()),
                                s.sessionId(),
                                why,
                                notKept);
            }
        }

        private Behavior<Command> onLeft(Left l) {
            sessions.remove(l.sessionId(), l.session());
            peers.keySet().removeIf(k -> k.sessionId().equals(l.sessionId()));
            metrics.peers().set(peers.size());
            return Behaviors.same();
        }
    }

    private static final class PeerState {
        final PeerKey key;
        final Map<String, String> latest = new LinkedHashMap<>();
        long bytes;
        Instant lastSeen = Instant.EPOCH;

        PeerState(PeerKey key) {
            this.key = key;
        }

        Peer view() {
            return new Peer(
                    key.characterName(),
                    key.sessionId(),
                    lastSeen,
                    Collections.unmodifiableMap(new LinkedHashMap<>(latest)));
        }
    }

    /** The share types of a peer in a stable order, for answers. */
    public static List<String> types(Peer p) {
        List<String> types = new ArrayList<>(p.latest().keySet());
        types.sort(null);
        return types;
    }
}
