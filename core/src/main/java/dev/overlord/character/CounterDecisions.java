package dev.overlord.character;

import dev.overlord.character.CharacterEvent.CountersChanged;
import dev.overlord.character.CharacterEvent.LifetimeCountersChanged;
import dev.overlord.character.CharacterState.Lifetime;
import dev.overlord.character.CharacterState.SessionCounters;
import dev.overlord.character.CharacterState.SessionMarks;
import dev.overlord.protocol.PluginFrame;
import java.time.Instant;

/** Kills, deaths and tapers from telemetry: the session's as reported, and the lifetime's summed. */
final class CounterDecisions {
    private CounterDecisions() {}

    /**
     * The session counters are journaled when they change; an absent counter keeps its known value,
     * and {@code total_deaths} wins over the session's {@code deaths}.
     */
    static Decision session(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        if (!(frame.frame() instanceof PluginFrame.Telemetry t)) return Decision.none(ephemeral);
        SessionCounters known = state.sessionCounters();
        long kills = t.kills() == null ? known.kills() : t.kills();
        long deaths = t.totalDeaths() != null ? t.totalDeaths() : t.deaths() == null ? known.deaths() : t.deaths();
        long tapers = t.prismaticTapers() == null ? known.tapers() : t.prismaticTapers();
        return new SessionCounters(kills, deaths, tapers).equals(known)
                ? Decision.none(ephemeral)
                : Decision.of(ephemeral, new CountersChanged(now, kills, deaths, tapers));
    }

    /**
     * Telemetry counters count within one plugin session: lifetime totals add what each session
     * reported above its own highest value, so a repeated frame adds nothing and a new session
     * starts again from zero.
     */
    static Decision lifetime(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        if (!(frame.frame() instanceof PluginFrame.Telemetry t)) return Decision.none(ephemeral);
        Lifetime lifetime = state.lifetime();
        String session = frame.pluginSession(t.sessionId());
        SessionMarks marks = lifetime.session(session);
        long sessionKills = t.kills() == null ? marks.maxKills() : Math.max(marks.maxKills(), t.kills());
        long sessionDeaths = t.deaths() == null ? marks.maxDeaths() : Math.max(marks.maxDeaths(), t.deaths());
        long tapers = t.prismaticTapers() == null ? lifetime.tapers() : t.prismaticTapers();
        long addedKills = sessionKills - marks.maxKills();
        long addedDeaths = sessionDeaths - marks.maxDeaths();
        if (addedKills == 0 && addedDeaths == 0 && tapers == lifetime.tapers()) return Decision.none(ephemeral);
        return Decision.of(
                ephemeral,
                new LifetimeCountersChanged(
                        now,
                        session,
                        sessionKills,
                        sessionDeaths,
                        lifetime.kills() + addedKills,
                        lifetime.deaths() + addedDeaths,
                        tapers));
    }
}
