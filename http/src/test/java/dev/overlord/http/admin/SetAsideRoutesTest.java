package dev.overlord.http.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.character.CharacterEntity;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.persistence.setaside.SetAside;
import dev.overlord.persistence.timeseries.TimeSeriesTestTables;
import dev.overlord.testing.SampleFrames;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hole 6 end to end: a name past its column is refused by the parser on the live plugin socket
 * (the socket kept, the plugin told); an event journaled with such a name by an older build is set
 * aside by the running projection, which goes on to the next event, and an admin lists it over HTTP.
 */
class SetAsideRoutesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aBadEventIsRefusedOrSetAsideAndListedForTheAdmin() throws Exception {
        try (RunningServer server = RunningServer.create().start();
                SocketClient plugin = server.plugin()) {
            String who = "Setaside";
            // Through the parser: refused as out_of_bounds, counted, the socket stays open.
            plugin.send(Frames.rare(who, "R".repeat(300)));
            JsonNode error = plugin.awaitType("error");
            assertEquals("out_of_bounds", error.path("reason").asText(), error.toString());
            assertTrue(error.path("detail").asText().contains("at most 128"), error.toString());
            assertEquals(1, server.metric("overlord_frames_rejected_total", "reason", "out_of_bounds"));

            // Past the parser (as an older build journaled it): the projection meets a name its column refuses.
            CharacterEntity.ref(server.server().system(), who)
                    .tell(new CharacterEntity.Observe(
                            List.of(SampleFrames.of("rare")
                                    .name(who)
                                    .set("name", "R".repeat(300))
                                    .frameBeyondBounds()),
                            "older-build",
                            server.server().system().ignoreRef()));
            // The next good event of the same character, over the same socket, is written.
            plugin.send(Frames.rare(who, "Pearl"));
            SocketClient.waiting("the rare after the set-aside one is written")
                    .until(() -> TimeSeriesTestTables.count(
                                    server.server().database().dataSource(),
                                    "SELECT COUNT(*) FROM rare_events WHERE name = 'Pearl'")
                            == 1);
            SocketClient.waiting("the bad event is set aside")
                    .until(() -> TimeSeriesTestTables.count(
                                    server.server().database().dataSource(),
                                    "SELECT COUNT(*) FROM projection_set_aside")
                            == 1);
            assertEquals(
                    0,
                    TimeSeriesTestTables.count(
                            server.server().database().dataSource(),
                            "SELECT COUNT(*) FROM rare_events WHERE name <> 'Pearl'"));
            assertTrue(!plugin.isClosed(), "the socket survives the refused frame");

            assertEquals(401, server.get("/admin/projection/set-aside").statusCode());
            String cookie = server.cookieHeader(server.sessionCookie());
            HttpResponse<String> listed = server.get("/admin/projection/set-aside?limit=10", "Cookie", cookie);
            assertEquals(200, listed.statusCode(), listed.body());
            JsonNode entries = mapper.readTree(listed.body()).path("set_aside");
            assertEquals(1, entries.size(), listed.body());
            JsonNode entry = entries.get(0);
            assertEquals("Character|" + who, entry.path("persistence_id").asText());
            assertEquals("RareFound", entry.path("event_type").asText());
            assertTrue(entry.path("sequence_nr").asLong() > 0, listed.body());
            assertTrue(entry.path("projection").asText().startsWith("character-history/"), listed.body());
            assertTrue(entry.path("error").asText().startsWith("22"), listed.body());
            assertTrue(entry.path("set_aside_at").asText().endsWith("Z"), listed.body());
            assertEquals(1, server.metric(SetAside.METRIC, "projection", "character-history"));

            var zero = server.get("/admin/projection/set-aside?limit=0", "Cookie", cookie);
            assertEquals(400, zero.statusCode());
            assertTrue(zero.body().contains("parameter 'limit': must be from 1 to 1000"), zero.body());
            assertEquals(
                    400,
                    server.get("/admin/projection/set-aside?limit=99999999999", "Cookie", cookie)
                            .statusCode());
        }
    }
}
