package dev.overlord.http.vitalsharing;

import static dev.overlord.http.testing.SocketClient.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Vital sharing between real plugin sockets: {@code share_*} frames reach every other plugin in
 * order and never their sender, a plugin that never shares receives them all the same, a plugin
 * connecting later gets each peer's latest at once, and {@code GET /vital-sharing/peers} lists the
 * peers until their socket closes.
 */
class VitalSharingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningServer overlord = RunningServer.create();

    @Test
    void sharesReachTheOtherPluginsInOrderAndANewcomerGetsTheLatestAtOnce() throws Exception {
        long openBefore = overlord.metric("overlord_plugin_sockets_open");
        long relayedBefore = overlord.metric("overlord_vital_share_relayed_total");
        try (SocketClient a = overlord.plugin();
                SocketClient b = overlord.plugin();
                SocketClient c = overlord.plugin()) {
            // A session joins the relay before it counts as open: from here on all three receive.
            waiting("three plugin sessions open")
                    .until(() -> overlord.metric("overlord_plugin_sockets_open") >= openBefore + 3);

            List<ObjectNode> fromA = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                fromA.add(Frames.of("share_vitals", "Alpha").put("health_pct", 100 - i));
            }
            // B names its character once, then shares without a name: the session's character is the peer.
            b.send(Frames.telemetry("Bravo", 1.0, 2.0, 0));
            ObjectNode bravoDebuffs = Frames.of("share_debuffs", "Bravo").put("debuffs", "Imperil Other VII");
            bravoDebuffs.remove("character_name");
            ObjectNode bravoVitals = Frames.of("share_vitals", "Bravo").put("health_pct", 55.5);
            fromA.forEach(a::send);
            b.send(bravoDebuffs);
            b.send(bravoVitals);

            List<String> expectedFromA =
                    fromA.stream().map(ObjectNode::toString).toList();
            assertEquals(expectedFromA, texts(b.awaitCount(sharedBy("Alpha"), 5)), "B gets A's shares in order");
            assertEquals(expectedFromA, texts(c.awaitCount(sharedBy("Alpha"), 5)), "C, which never shares, too");
            List<String> atC = c.texts();
            waiting("C gets B's two shares")
                    .until(() -> c.texts().containsAll(List.of(bravoDebuffs.toString(), bravoVitals.toString())));
            waiting("A gets B's two shares")
                    .until(() -> a.texts().containsAll(List.of(bravoDebuffs.toString(), bravoVitals.toString())));
            assertTrue(atC.stream().noneMatch(t -> t.contains("\"error\"")), "no errors: " + atC);
            assertTrue(
                    a.json().stream().noneMatch(sharedBy("Alpha")), "A never gets its own shares back: " + a.texts());
            assertTrue(
                    b.texts().stream().noneMatch(t -> t.equals(bravoVitals.toString())),
                    "B never gets its own shares back: " + b.texts());

            try (SocketClient d = overlord.plugin()) {
                // The latest of each peer and type, without anyone sharing again.
                List<String> expected = List.of(expectedFromA.get(4), bravoDebuffs.toString(), bravoVitals.toString());
                waiting("the newcomer gets A's and B's latest")
                        .until(() -> d.texts().containsAll(expected));
                assertEquals(3, d.texts().size(), "only the latest per peer and type: " + d.texts());
            }

            JsonNode peers = peers();
            assertEquals(2, peers.size(), peers.toString());
            JsonNode alpha = peers.get(0);
            assertEquals("Alpha", alpha.path("character_name").asText());
            assertEquals("[\"share_vitals\"]", alpha.path("types").toString());
            assertEquals(
                    95,
                    alpha.path("latest").path("share_vitals").path("health_pct").asInt());
            assertTrue(alpha.path("session_id").asText().length() > 0, alpha.toString());
            assertTrue(alpha.path("last_seen").asText().contains("T"), alpha.toString());
            JsonNode bravo = peers.get(1);
            assertEquals("Bravo", bravo.path("character_name").asText());
            assertEquals(
                    "[\"share_debuffs\",\"share_vitals\"]", bravo.path("types").toString());
            assertEquals(
                    "Imperil Other VII",
                    bravo.path("latest").path("share_debuffs").path("debuffs").asText());
            assertTrue(
                    overlord.metric("overlord_vital_share_relayed_total") >= relayedBefore + 5 * 2 + 2 * 2 + 3,
                    "relayed frames are counted");
            assertEquals(2, overlord.metric("overlord_vital_share_peers"));

            a.close();
            waiting("A's peer is gone once its socket closed").until(() -> {
                JsonNode now = peers();
                return now.size() == 1
                        && now.get(0).path("character_name").asText().equals("Bravo");
            });
        }
        waiting("no peers once every socket closed").until(() -> peers().isEmpty());
    }

    private static JsonNode peers() throws Exception {
        var r = overlord.get("/vital-sharing/peers");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").contains("json"));
        return JSON.readTree(r.body()).path("peers");
    }

    private static Predicate<JsonNode> sharedBy(String name) {
        return j -> j.path("type").asText().startsWith("share_")
                && name.equals(j.path("character_name").asText());
    }

    private static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::toString).toList();
    }
}
