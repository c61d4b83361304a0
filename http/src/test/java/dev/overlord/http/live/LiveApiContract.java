package dev.overlord.http.live;

import static dev.overlord.http.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.ApiContract;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.SocketClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /live}: the characters whose telemetry arrived lately, each as its latest telemetry frame. */
public abstract class LiveApiContract extends ApiContract {

    static List<JsonNode> playersNamed(JsonNode live, String... names) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode p : live.path("players")) {
            if (List.of(names).contains(p.path("character_name").asText())) found.add(p);
        }
        return found;
    }

    @Test
    void liveListsTheCharactersThatSentTelemetryWithTheirLatestFrame() {
        ObjectNode first = Frames.telemetry("Live North", 1.5, 2.5, 10);
        ObjectNode latest = Frames.telemetry("Live North", 1.75, 2.75, 11).put("session_id", "ln-1");
        ObjectNode other = Frames.telemetry("Live South", -3, -4, 0);
        try (SocketClient plugin = overlord.plugin();
                SocketClient second = overlord.plugin()) {
            plugin.send(first).send(Frames.vitals("Live North", 0)).send(latest);
            second.send(other).send(Frames.chat("Live Chatter", "no telemetry from me"));
            JsonNode live = awaitOk(
                    "/live",
                    body -> playersNamed(body, "Live North").size() == 1
                            && playersNamed(body, "Live North")
                                            .get(0)
                                            .path("kills")
                                            .asLong()
                                    == 11
                            && playersNamed(body, "Live South").size() == 1);

            assertEquals(List.of("players"), fieldNames(live));
            assertJson(latest, playersNamed(live, "Live North").get(0), "the latest telemetry frame as sent");
            assertJson(other, playersNamed(live, "Live South").get(0), "the latest telemetry frame as sent");
            assertEquals(List.of(), playersNamed(live, "Live Chatter"), "chat is not telemetry");
        }
    }
}
