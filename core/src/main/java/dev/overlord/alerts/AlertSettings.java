package dev.overlord.alerts;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How characters raise alerts and where each kind goes.
 *
 * @param deathCooldown at most one death alert per character within this long
 * @param vortexPhrase the chat line (case-insensitive substring) that warns of vortexes
 * @param vortexCooldown at most one vortex alert per character within this long
 * @param monitorCharacter whose chat is watched for vortexes; blank watches every character
 * @param routes by alert kind, the outbox targets (a kind not listed goes nowhere but the feed)
 * @param rules the user's rules
 */
public record AlertSettings(
        Duration deathCooldown,
        String vortexPhrase,
        Duration vortexCooldown,
        String monitorCharacter,
        Map<String, List<String>> routes,
        FrameRules rules) {

    public AlertSettings {
        routes = Map.copyOf(routes);
        vortexPhrase = vortexPhrase == null ? "" : vortexPhrase;
        monitorCharacter = monitorCharacter == null ? "" : monitorCharacter.trim();
    }

    public static AlertSettings defaults() {
        return new AlertSettings(
                Duration.ofMinutes(5), "whirlwind of vortexes", Duration.ofMinutes(1), "", Map.of(), FrameRules.NONE);
    }

    /**
     * Reads {@code overlord.alerts}; a route's target that needs a setting left blank (the aclog
     * webhook without {@code DISCORD_ACLOG_WEBHOOK}) is dropped here, so nothing waits in the
     * outbox for a target that does not exist.
     *
     * @param configured whether a target name can be delivered to
     */
    public static AlertSettings from(Config c, java.util.function.Predicate<String> configured) {
        Map<String, List<String>> routes = new HashMap<>();
        Config r = c.getConfig("routes");
        for (String kind : r.root().keySet()) {
            routes.put(kind, r.getStringList(kind).stream().filter(configured).toList());
        }
        return new AlertSettings(
                c.getDuration("death-cooldown"),
                c.getString("vortex-phrase"),
                c.getDuration("vortex-cooldown"),
                c.getString("monitor-character"),
                routes,
                FrameRules.NONE);
    }

    public AlertSettings withRules(FrameRules rules) {
        return new AlertSettings(deathCooldown, vortexPhrase, vortexCooldown, monitorCharacter, routes, rules);
    }

    /** These settings with alerts of {@code kind} going to {@code targets}. */
    public AlertSettings withRoute(String kind, List<String> targets) {
        Map<String, List<String>> r = new HashMap<>(routes);
        r.put(kind, List.copyOf(targets));
        return new AlertSettings(deathCooldown, vortexPhrase, vortexCooldown, monitorCharacter, r, rules);
    }

    /** The outbox targets of an alert of {@code kind}. */
    public List<String> targets(String kind) {
        return routes.getOrDefault(kind, List.of());
    }
}
