package dev.overlord.live;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.alerts.Alert;
import dev.overlord.character.AlertFeed;
import dev.overlord.character.CharacterEvent;
import dev.overlord.protocol.FrameTypes;
import java.time.Instant;

/**
 * Alerts on the live feed: {@code {"type":"alert", "id", "kind", "character_name", "timestamp",
 * "severity", "title", "message", "fields"}} as raised, and {@code {"type":"alert_cleared",
 * "kind", "character_name", "timestamp"}} when a condition ends.
 */
public final class LiveAlerts implements AlertFeed {

    private final LiveHub hub;

    public LiveAlerts(LiveHub hub) {
        this.hub = hub;
    }

    /** Publishes an alert no entity raised (the game server's, a digest). */
    public void publish(Alert alert) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", FrameTypes.ALERT)
                .put("id", alert.id())
                .put("kind", alert.kind())
                .put("character_name", alert.characterName())
                .put("timestamp", alert.at().toString())
                .put("severity", alert.severity())
                .put("title", alert.title())
                .put("message", alert.message());
        ObjectNode fields = json.putObject("fields");
        alert.fields().forEach(fields::put);
        hub.publishNotice(FrameTypes.ALERT, alert.characterName(), alert.at(), json);
    }

    @Override
    public void raised(String characterName, CharacterEvent.AlertRaised a) {
        publish(new Alert(a.id(), a.kind(), characterName, a.at(), a.severity(), a.title(), a.message(), a.fields()));
    }

    @Override
    public void cleared(String characterName, String kind, Instant at) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", FrameTypes.ALERT_CLEARED)
                .put("kind", kind)
                .put("character_name", characterName)
                .put("timestamp", at.toString());
        hub.publishNotice(FrameTypes.ALERT_CLEARED, characterName, at, json);
    }
}
