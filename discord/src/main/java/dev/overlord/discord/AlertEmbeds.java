package dev.overlord.discord;

import dev.overlord.alerts.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How an alert looks in Discord: its colour says what happened at a glance. */
public final class AlertEmbeds {

    static final int RED = 0xC0392B;
    static final int AMBER = 0xE67E22;
    static final int PURPLE = 0x8E44AD;
    static final int GREEN = 0x27AE60;
    static final int BLUE = 0x2980B9;
    static final int GOLD = 0xF1C40F;
    static final int TEAL = 0x1ABC9C;

    /** Fields beyond this many are left out (the alert's page shows them all). */
    static final int MAX_ALERT_FIELDS = 12;

    private AlertEmbeds() {}

    public static Embed of(Alert alert) {
        List<Embed.Field> fields = new ArrayList<>();
        if (alert.characterName() != null) fields.add(new Embed.Field("Character", alert.characterName(), true));
        fields.add(new Embed.Field("Severity", alert.severity(), true));
        // Sorted so the same alert always looks the same.
        for (Map.Entry<String, String> f : new TreeMap<>(alert.fields()).entrySet()) {
            if (fields.size() >= MAX_ALERT_FIELDS) break;
            fields.add(new Embed.Field(f.getKey(), f.getValue(), true));
        }
        return new Embed(
                alert.title(), alert.message(), colour(alert), fields, alert.at(), "Overlord · " + alert.kind());
    }

    static int colour(Alert alert) {
        return switch (alert.kind()) {
            case Alert.KIND_DEATH, Alert.KIND_SERVER_DOWN -> RED;
            case Alert.KIND_IDLE -> AMBER;
            case Alert.KIND_VORTEX -> PURPLE;
            case Alert.KIND_SERVER_UP -> GREEN;
            default ->
                switch (alert.severity()) {
                    case Alert.CRITICAL -> RED;
                    case Alert.WARNING -> AMBER;
                    default -> BLUE;
                };
        };
    }
}
