package dev.overlord.http.spawns;

import static dev.overlord.http.testing.JsonAssert.assertJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.ApiContract;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.SocketClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** {@code GET /spawns/heatmap}: spawn frames sent on a plugin socket, counted per square bin. */
public abstract class SpawnsApiContract extends ApiContract {

    static ObjectNode spawn(String character, Instant at, String mob, double ew, double ns) {
        ObjectNode f = Frames.of("spawn", character);
        f.put("timestamp", at.toString());
        return f.put("mob", mob).put("ew", ew).put("ns", ns).put("z", 11.8);
    }

    static long total(JsonNode heatmap) {
        long n = 0;
        for (JsonNode c : heatmap.path("cells")) n += c.path("count").asLong();
        return n;
    }

    @Test
    void heatmapCountsTheRecentSpawnsPerBinBusiestFirst() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String who = "Spawn Watcher";
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(spawn(who, now.minusSeconds(60), "Olthoi Ripper", 10.1, 20.6))
                    .send(spawn(who, now.minusSeconds(50), "Olthoi Ripper", 10.4, 20.9))
                    .send(spawn(who, now.minusSeconds(40), "Olthoi Soldier", 10.2, 20.7))
                    .send(spawn(who, now.minusSeconds(30), "Drudge Skulker", -3.8, 7.2))
                    // Two hours ago: outside hours=1, inside the default 24.
                    .send(spawn(who, now.minus(2, ChronoUnit.HOURS), "Mosswart", 50.2, 50.2))
                    .send(spawn(who, now.minus(2, ChronoUnit.HOURS).plusSeconds(5), "Mosswart", 50.7, 50.9));
            awaitOk("/spawns/heatmap", body -> total(body) == 6);
        }

        assertJson("""
        {"hours":1,"bin":0.5,"truncated":false,"cells":[
          {"ew":10.0,"ns":20.5,"count":3},
          {"ew":-4.0,"ns":7.0,"count":1}]}""", ok("/spawns/heatmap?hours=1&bin=0.5"), "the last hour in half-unit bins");
        assertJson("""
        {"hours":1,"bin":0.5,"truncated":true,"cells":[{"ew":10.0,"ns":20.5,"count":3}]}""", ok("/spawns/heatmap?hours=1&bin=0.5&limit=1"), "cut to the busiest cell");
        assertJson("""
        {"hours":24,"bin":1.0,"truncated":false,"cells":[
          {"ew":10.0,"ns":20.0,"count":3},
          {"ew":50.0,"ns":50.0,"count":2},
          {"ew":-4.0,"ns":7.0,"count":1}]}""", ok("/spawns/heatmap"), "the defaults: a day in whole-unit bins");
    }
}
