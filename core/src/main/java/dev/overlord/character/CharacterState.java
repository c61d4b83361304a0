package dev.overlord.character;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The durable facts about one character, rebuilt from its events by the pure {@link #evolve}, one
 * small record per concern.
 *
 * @param sessionCounters the counters as the plugin last reported them within its session
 * @param lifetime totals over every plugin session, and the marks of the recent sessions that
 *     decide them
 * @param documents digests of the last stats, cantrips and quests journaled
 */
public record CharacterState(
        String name,
        Presence presence,
        SessionCounters sessionCounters,
        Idleness idleness,
        ObservedDeaths observedDeaths,
        Lifetime lifetime,
        DocumentDigests documents,
        Alerting alerting,
        InventoryFacts inventory) {

    public CharacterState {
        // Snapshots taken before alerting existed read back without it.
        if (alerting == null) alerting = Alerting.NONE;
        if (inventory == null) inventory = InventoryFacts.NONE;
    }

    /** A state without inventory facts (as before the inventory was kept). */
    public CharacterState(
            String name,
            Presence presence,
            SessionCounters sessionCounters,
            Idleness idleness,
            ObservedDeaths observedDeaths,
            Lifetime lifetime,
            DocumentDigests documents,
            Alerting alerting) {
        this(
                name,
                presence,
                sessionCounters,
                idleness,
                observedDeaths,
                lifetime,
                documents,
                alerting,
                InventoryFacts.NONE);
    }

    public static CharacterState empty(String name) {
        return new CharacterState(
                name,
                Presence.OFFLINE,
                SessionCounters.ZERO,
                Idleness.ACTIVE,
                ObservedDeaths.NONE,
                Lifetime.EMPTY,
                DocumentDigests.NONE,
                Alerting.NONE,
                InventoryFacts.NONE);
    }

    /** A point in Dereth: east-west, north-south and height. */
    public record Position(double ew, double ns, double z, Instant at) {}

    /**
     * Whether the character is online and where it was last known.
     *
     * @param sessionId the plugin session that last spoke for it, null when offline
     * @param lastSeen when it last did anything that was journaled
     * @param lastPosition the last journaled position checkpoint, null before the first
     */
    public record Presence(boolean online, String sessionId, Instant lastSeen, Position lastPosition) {
        public static final Presence OFFLINE = new Presence(false, null, null, null);

        Presence withOnline(String sessionId, Instant at) {
            return new Presence(true, sessionId, at, lastPosition);
        }

        Presence withOffline(Instant at) {
            return new Presence(false, null, at, lastPosition);
        }

        Presence withLastSeen(Instant at) {
            return new Presence(online, sessionId, at, lastPosition);
        }

        Presence withLastPosition(Position position) {
            return new Presence(online, sessionId, position.at(), position);
        }

        /** Whether {@code sessionId} is the session speaking for the character now. */
        public boolean speaksFor(String sessionId) {
            return online && Objects.equals(this.sessionId, sessionId);
        }
    }

    /**
     * The counters of the plugin's current session, as it last reported them.
     *
     * @param deaths its {@code total_deaths} when it sends one, else its session {@code deaths}
     * @param tapers the prismatic tapers it carries
     */
    public record SessionCounters(long kills, long deaths, long tapers) {
        public static final SessionCounters ZERO = new SessionCounters(0, 0, 0);
    }

    /** Whether the character counts as idle, and since when (null when active). */
    public record Idleness(boolean idle, Instant since) {
        public static final Idleness ACTIVE = new Idleness(false, null);

        static Idleness since(Instant since) {
            return new Idleness(true, since);
        }
    }

    /** Deaths seen in the vitals (vitae going from 0 to above 0): how many, and the last one. */
    public record ObservedDeaths(long count, Instant lastAt) {
        public static final ObservedDeaths NONE = new ObservedDeaths(0, null);

        ObservedDeaths withDeathAt(Instant at) {
            return new ObservedDeaths(count + 1, at);
        }
    }

    /**
     * Lifetime totals over every plugin session, kept small: the marks of the most recent plugin
     * sessions (not their histories) decide what a session's next report adds.
     *
     * @param kills lifetime kills: over every session, the sum of its highest reported kills
     * @param deaths lifetime deaths, summed the same way
     * @param tapers the latest prismatic taper count
     * @param rares rare frames seen
     * @param recentSessions the {@value #RECENT_SESSIONS} most recently touched plugin sessions,
     *     oldest first
     */
    public record Lifetime(long kills, long deaths, long tapers, long rares, List<SessionMarks> recentSessions) {

        /**
         * Sessions remembered; a frame of a session forgotten since counts as a new session. Plugin
         * sessions follow one another, so only a very late frame could meet a forgotten one.
         */
        public static final int RECENT_SESSIONS = 16;

        public static final Lifetime EMPTY = new Lifetime(0, 0, 0, 0, List.of());

        public Lifetime {
            recentSessions = recentSessions == null ? List.of() : List.copyOf(recentSessions);
        }

        /** The marks of a session, zero for one not (or no longer) remembered. */
        public SessionMarks session(String sessionId) {
            for (SessionMarks m : recentSessions) {
                if (m.sessionId().equals(sessionId)) return m;
            }
            return new SessionMarks(sessionId, 0, 0, null);
        }

        /** Remembers {@code marks} as the most recent session, forgetting the oldest beyond the cap. */
        Lifetime withSession(SessionMarks marks) {
            List<SessionMarks> next = new ArrayList<>(recentSessions.size() + 1);
            for (SessionMarks m : recentSessions) {
                if (!m.sessionId().equals(marks.sessionId())) next.add(m);
            }
            next.add(marks);
            if (next.size() > RECENT_SESSIONS) next = next.subList(next.size() - RECENT_SESSIONS, next.size());
            return new Lifetime(kills, deaths, tapers, rares, next);
        }

        Lifetime withTotals(long kills, long deaths, long tapers) {
            return new Lifetime(kills, deaths, tapers, rares, recentSessions);
        }

        Lifetime withRareFound() {
            return new Lifetime(kills, deaths, tapers, rares + 1, recentSessions);
        }
    }

    /**
     * What is remembered of one plugin session.
     *
     * @param maxKills the highest kills it reported, like {@code maxDeaths}
     * @param lastCombatSnapshot the frame time of its latest combat snapshot, null before the first
     */
    public record SessionMarks(String sessionId, long maxKills, long maxDeaths, Instant lastCombatSnapshot) {
        SessionMarks withCounts(long maxKills, long maxDeaths) {
            return new SessionMarks(sessionId, maxKills, maxDeaths, lastCombatSnapshot);
        }

        SessionMarks withLastCombatSnapshot(Instant at) {
            return new SessionMarks(sessionId, maxKills, maxDeaths, at);
        }
    }

    /**
     * Digests of the last documents journaled, so the state remembers whether a document changed
     * without keeping it; null before the first.
     */
    public record DocumentDigests(String stats, String cantrips, String quests) {
        public static final DocumentDigests NONE = new DocumentDigests(null, null, null);

        DocumentDigests withStats(String digest) {
            return new DocumentDigests(digest, cantrips, quests);
        }

        DocumentDigests withCantrips(String digest) {
            return new DocumentDigests(stats, digest, quests);
        }

        DocumentDigests withQuests(String digest) {
            return new DocumentDigests(stats, cantrips, digest);
        }

        /** A short, stable fingerprint of a JSON document. */
        public static String digest(String json) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }

    /**
     * What the alerts are decided from, kept across restarts: the idle clock, whether the character
     * carries a vitae penalty, and when each kind of alert (each rule) was last raised.
     *
     * @param idleCandidateSince since when telemetry has said idle without a break, null when not
     * @param vitaePenalty whether the last vitals showed a vitae penalty, null before the first
     * @param lastRaised by cooldown key (an alert kind, or {@code rule:<name>}), when last raised
     */
    public record Alerting(Instant idleCandidateSince, Boolean vitaePenalty, Map<String, Instant> lastRaised) {
        public static final Alerting NONE = new Alerting(null, null, Map.of());

        public Alerting {
            lastRaised = lastRaised == null ? Map.of() : Map.copyOf(lastRaised);
        }

        Alerting withIdleCandidateSince(Instant since) {
            return new Alerting(since, vitaePenalty, lastRaised);
        }

        Alerting withVitaePenalty(boolean penalty) {
            return new Alerting(idleCandidateSince, penalty, lastRaised);
        }

        Alerting withRaised(String key, Instant at) {
            Map<String, Instant> raised = new HashMap<>(lastRaised);
            raised.put(key, at);
            return new Alerting(idleCandidateSince, vitaePenalty, raised);
        }

        /** Whether an alert under {@code key} may be raised at {@code now}, {@code cooldown} after the last. */
        public boolean cooledDown(String key, Instant now, Duration cooldown) {
            Instant last = lastRaised.get(key);
            return last == null || !now.isBefore(last.plus(cooldown));
        }
    }

    CharacterState withAlerting(Alerting alerting) {
        return new CharacterState(
                name, presence, sessionCounters, idleness, observedDeaths, lifetime, documents, alerting, inventory);
    }

    CharacterState withPresence(Presence presence) {
        return new CharacterState(
                name, presence, sessionCounters, idleness, observedDeaths, lifetime, documents, alerting, inventory);
    }

    CharacterState withSessionCounters(SessionCounters sessionCounters) {
        return new CharacterState(
                name, presence, sessionCounters, idleness, observedDeaths, lifetime, documents, alerting, inventory);
    }

    CharacterState withIdleness(Idleness idleness) {
        return new CharacterState(
                name, presence, sessionCounters, idleness, observedDeaths, lifetime, documents, alerting, inventory);
    }

    CharacterState withObservedDeaths(ObservedDeaths observedDeaths) {
        return new CharacterState(
                name, presence, sessionCounters, idleness, observedDeaths, lifetime, documents, alerting, inventory);
    }

    CharacterState withLifetime(Lifetime lifetime) {
        return new CharacterState(
                name, presence, sessionCounters, idleness, observedDeaths, lifetime, documents, alerting, inventory);
    }

    CharacterState withDocuments(DocumentDigests documents) {
        return new CharacterState(
                name, presence, sessionCounters, idleness, observedDeaths, lifetime, documents, alerting, inventory);
    }

    CharacterState withInventory(InventoryFacts inventory) {
        return new CharacterState(
                name, presence, sessionCounters, idleness, observedDeaths, lifetime, documents, alerting, inventory);
    }

    /** Anything journaled means the character was seen then. */
    private CharacterState seen(Instant at) {
        return withPresence(presence.withLastSeen(at));
    }

    /** Applies one event; pure, so it is tested without actors. */
    public CharacterState evolve(CharacterEvent event) {
        return switch (event) {
            case CharacterEvent.CameOnline e ->
                withPresence(presence.withOnline(e.sessionId(), e.at()))
                        .withIdleness(Idleness.ACTIVE)
                        .withAlerting(alerting.withIdleCandidateSince(null));
            case CharacterEvent.WentOffline e ->
                withPresence(presence.withOffline(e.at()))
                        .withIdleness(Idleness.ACTIVE)
                        .withAlerting(alerting.withIdleCandidateSince(null));
            case CharacterEvent.CountersChanged e ->
                seen(e.at()).withSessionCounters(new SessionCounters(e.kills(), e.deaths(), e.tapers()));
            case CharacterEvent.PositionRecorded e ->
                withPresence(presence.withLastPosition(new Position(e.ew(), e.ns(), e.z(), e.at())));
            case CharacterEvent.Died e ->
                seen(e.at())
                        .withObservedDeaths(observedDeaths.withDeathAt(e.at()))
                        .withAlerting(alerting.withVitaePenalty(true));
            case CharacterEvent.WentIdle e ->
                seen(e.at())
                        .withIdleness(Idleness.since(e.since()))
                        .withAlerting(alerting.withIdleCandidateSince(e.since()));
            case CharacterEvent.BecameActive e ->
                seen(e.at()).withIdleness(Idleness.ACTIVE).withAlerting(alerting.withIdleCandidateSince(null));
            case CharacterEvent.IdleSuspected e -> seen(e.at()).withAlerting(alerting.withIdleCandidateSince(e.at()));
            case CharacterEvent.VitaePenaltySeen e -> seen(e.at()).withAlerting(alerting.withVitaePenalty(e.penalty()));
            case CharacterEvent.AlertRaised e ->
                seen(e.at()).withAlerting(alerting.withRaised(e.cooldownKey(), e.at()));
            case CharacterEvent.LifetimeCountersChanged e ->
                seen(e.at())
                        .withLifetime(lifetime.withSession(
                                        lifetime.session(e.sessionId()).withCounts(e.sessionKills(), e.sessionDeaths()))
                                .withTotals(e.kills(), e.deaths(), e.tapers()));
            case CharacterEvent.CharacterStatsUpdated e ->
                seen(e.at()).withDocuments(documents.withStats(DocumentDigests.digest(e.stats())));
            case CharacterEvent.CantripsUpdated e ->
                seen(e.at()).withDocuments(documents.withCantrips(DocumentDigests.digest(e.cantrips())));
            case CharacterEvent.QuestsUpdated e ->
                seen(e.at()).withDocuments(documents.withQuests(DocumentDigests.digest(e.quests())));
            case CharacterEvent.InventoryChanged e -> seen(e.at()).withInventory(inventory.apply(e));
            case CharacterEvent.CombatSnapshotRecorded e ->
                seen(e.at())
                        .withLifetime(lifetime.withSession(
                                lifetime.session(e.sessionId()).withLastCombatSnapshot(e.snapshotTs())));
            case CharacterEvent.RareFound e -> seen(e.at()).withLifetime(lifetime.withRareFound());
            case CharacterEvent.PortalSeen e -> seen(e.at());
        };
    }

    // ---- the stored form of a snapshot ----

    /** Snapshots are written in the flat form they always had, so every stored one still reads. */
    @JsonValue
    Stored stored() {
        return new Stored(
                name,
                presence.online(),
                presence.sessionId(),
                presence.lastSeen(),
                presence.lastPosition(),
                sessionCounters.kills(),
                sessionCounters.deaths(),
                sessionCounters.tapers(),
                observedDeaths.count(),
                observedDeaths.lastAt(),
                idleness.idle(),
                idleness.since(),
                new StoredHistory(
                        lifetime.kills(),
                        lifetime.deaths(),
                        lifetime.tapers(),
                        lifetime.rares(),
                        lifetime.recentSessions(),
                        documents.stats(),
                        documents.cantrips(),
                        documents.quests()),
                alerting,
                inventory.version() == 0 && inventory.removed().isEmpty() ? null : inventory.stored());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static CharacterState fromStored(Stored s) {
        // Snapshots taken before the lifetime history was learned have none.
        StoredHistory h = s.history() == null ? StoredHistory.EMPTY : s.history();
        return new CharacterState(
                s.name(),
                new Presence(s.online(), s.sessionId(), s.lastSeen(), s.lastPosition()),
                new SessionCounters(s.kills(), s.deaths(), s.tapers()),
                new Idleness(s.idle(), s.idleSince()),
                new ObservedDeaths(s.deathsObserved(), s.lastDeathAt()),
                new Lifetime(h.kills(), h.deaths(), h.tapers(), h.rares(), h.recentSessions()),
                new DocumentDigests(h.statsDigest(), h.cantripsDigest(), h.questsDigest()),
                // Snapshots taken before alerts existed have none: the next frames start afresh.
                s.alerting(),
                // Snapshots taken before the inventory was kept have none.
                InventoryFacts.fromStored(s.inventory()));
    }

    /** A snapshot as stored: these names and this nesting are as durable as the events' own. */
    record Stored(
            String name,
            boolean online,
            String sessionId,
            Instant lastSeen,
            Position lastPosition,
            long kills,
            long deaths,
            long tapers,
            long deathsObserved,
            Instant lastDeathAt,
            boolean idle,
            Instant idleSince,
            StoredHistory history,
            Alerting alerting,
            @JsonInclude(JsonInclude.Include.NON_NULL) InventoryFacts.Stored inventory) {}

    /** The lifetime totals and document digests of a stored snapshot. */
    record StoredHistory(
            long kills,
            long deaths,
            long tapers,
            long rares,
            List<SessionMarks> recentSessions,
            String statsDigest,
            String cantripsDigest,
            String questsDigest) {
        static final StoredHistory EMPTY = new StoredHistory(0, 0, 0, 0, List.of(), null, null, null);
    }
}
