package dev.overlord.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that needs a person's attention: a death, an idle character, a vortex, a user rule
 * that matched, the game server going down or coming back. Raised once, with an id that stays the
 * same wherever it goes (the journal, the live feed, the alerts table, the outbox), so a delivery
 * tried twice is recognised as one alert.
 *
 * @param id unique and stable (a UUID)
 * @param kind one of the {@code KIND_*} names or a rule's kind
 * @param characterName the character it is about, null for a fleet-wide alert
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param title one short line
 * @param message the text a person reads
 * @param fields named values a target may show (a rule's frame fields, the vitae, the idle minutes)
 */
public record Alert(
        String id,
        String kind,
        String characterName,
        Instant at,
        String severity,
        String title,
        String message,
        Map<String, String> fields) {

    public static final String KIND_DEATH = "death";
    public static final String KIND_IDLE = "idle";
    public static final String KIND_VORTEX = "vortex";
    public static final String KIND_RULE = "rule";
    public static final String KIND_SERVER_DOWN = "server_down";
    public static final String KIND_SERVER_UP = "server_up";

    public static final String INFO = "info";
    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
