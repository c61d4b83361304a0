package dev.overlord.http.serverhealth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a game server's status page, liberally: {@code {"status":"up"}} or {@code {"online":true}},
 * the player count as {@code players}, {@code player_count}, {@code count} or {@code online_players},
 * the uptime as {@code uptime} or {@code uptime_seconds}, numbers as numbers or as text; a page that
 * lists servers ({@code [...]} or {@code {"servers":[...]}}) is searched for the configured one by
 * {@code name} or {@code server}. A page that answers 2xx but says nothing readable means up with
 * no details; any other answer means down.
 */
final class StatusPage {
    private StatusPage() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UP = Set.of("up", "online", "ok", "running", "true");
    private static final Set<String> DOWN = Set.of("down", "offline", "false", "maintenance", "stopped");

    /** What one check found. */
    sealed interface Probe {}

    /** The server answered and is up; details the page gave, if any. */
    record Up(Optional<Long> players, Optional<Long> uptimeSeconds, long latencyMs) implements Probe {}

    /** The server is down, or its page could not be reached; {@code why} is for the log. */
    record Down(String why, Optional<Long> latencyMs) implements Probe {}

    /**
     * Reads an answer.
     *
     * @param body the first bytes of the body, at most the read bound
     * @param truncated the body was longer than the bound (then it is not parsed)
     */
    static Probe read(int status, byte[] body, boolean truncated, String server, long latencyMs) {
        if (status < 200 || status > 299) return new Down("status page answered " + status, Optional.of(latencyMs));
        if (truncated) return new Up(Optional.empty(), Optional.empty(), latencyMs);
        JsonNode page;
        try {
            page = JSON.readTree(body);
        } catch (Exception e) {
            return new Up(Optional.empty(), Optional.empty(), latencyMs);
        }
        if (page == null) return new Up(Optional.empty(), Optional.empty(), latencyMs);
        JsonNode entry = entryFor(page, server);
        if (saysDown(entry)) return new Down("status page says the server is down", Optional.of(latencyMs));
        return new Up(
                number(entry, "players", "player_count", "count", "online_players"),
                number(entry, "uptime_seconds", "uptime"),
                latencyMs);
    }

    private static JsonNode entryFor(JsonNode page, String server) {
        JsonNode list = page.isArray() ? page : page.path("servers");
        if (!list.isArray()) return page;
        for (JsonNode e : list) {
            String name = e.path("name").asText(e.path("server").asText(""));
            if (name.equalsIgnoreCase(server)) return e;
        }
        return page.isArray() ? JSON.createObjectNode() : page;
    }

    private static boolean saysDown(JsonNode entry) {
        JsonNode status = entry.get("status");
        if (status != null && status.isValueNode()) {
            String s = status.asText().trim().toLowerCase(Locale.ROOT);
            if (DOWN.contains(s)) return true;
            if (UP.contains(s)) return false;
        }
        JsonNode online = entry.get("online");
        if (online != null && online.isBoolean()) return !online.asBoolean();
        if (online != null && online.isTextual())
            return DOWN.contains(online.asText().trim().toLowerCase(Locale.ROOT));
        return false;
    }

    /** The first of {@code names} holding a whole number from 0 to 10^12, as a number or as text. */
    private static Optional<Long> number(JsonNode entry, String... names) {
        for (String name : names) {
            JsonNode n = entry.get(name);
            if (n == null) continue;
            Optional<Long> v = Optional.empty();
            if (n.isNumber())
                v = Optional.of(n.asDouble()).filter(Double::isFinite).map(Math::round);
            else if (n.isTextual()) {
                try {
                    v = Optional.of(Math.round(Double.parseDouble(n.asText().trim())));
                } catch (NumberFormatException e) {
                    v = Optional.empty();
                }
            }
            if (v.isPresent() && v.get() >= 0 && v.get() <= 1_000_000_000_000L) return v;
        }
        return Optional.empty();
    }
}
