package dev.overlord.http.portals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.ApiContract;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.RunningServer;
import dev.overlord.http.testing.SocketClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /portals}: portal frames sent on a plugin socket, one entry per place, most recently
 * seen first, listed for {@code overlord.portals.keep-for} after they were last seen.
 */
public abstract class PortalsApiContract extends ApiContract {

    static ObjectNode portal(String character, String name, double ew, double ns) {
        return Frames.of("portal", character)
                .put("portal_name", name)
                .put("ew", ew)
                .put("ns", ns)
                .put("z", 0.005);
    }

    /** The entries of {@code /portals} with this name. */
    static List<JsonNode> named(JsonNode portals, String name) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode p : portals.path("portals")) {
            if (name.equals(p.path("portal_name").asText())) found.add(p);
        }
        return found;
    }

    static int indexOf(JsonNode portals, String name) {
        int i = 0;
        for (JsonNode p : portals.path("portals")) {
            if (name.equals(p.path("portal_name").asText())) return i;
            i++;
        }
        return -1;
    }

    @Test
    void portalsAreListedOncePerPlaceWithTheFirstFinderMostRecentlySeenFirst() {
        Instant before = Instant.now();
        JsonNode firstSighting;
        try (SocketClient finder = overlord.plugin();
                SocketClient second = overlord.plugin()) {
            finder.send(portal("Portal Finder", "Portal to Arwic", 12.34, -4.46));
            awaitOk("/portals", body -> named(body, "Portal to Arwic").size() == 1);
            firstSighting = named(ok("/portals"), "Portal to Arwic").get(0);
            // The same place (to 0.1) seen again by someone else, then a new place.
            second.send(portal("Portal Second", "Portal to Arwic", 12.31, -4.54));
            awaitOk(
                    "/portals",
                    body -> !named(body, "Portal to Arwic").isEmpty()
                            && !named(body, "Portal to Arwic")
                                    .get(0)
                                    .path("last_seen")
                                    .equals(firstSighting.path("last_seen")));
            second.send(portal("Portal Second", "Portal to Hebian-To", 38.9, -83.6));
            awaitOk("/portals", body -> named(body, "Portal to Hebian-To").size() == 1);
        }
        Instant after = Instant.now();

        JsonNode body = ok("/portals");

        assertEquals(List.of("portals"), fieldNames(body));
        List<JsonNode> arwic = named(body, "Portal to Arwic");
        assertEquals(1, arwic.size(), "one entry per place: " + body);
        JsonNode p = arwic.get(0);
        assertEquals(
                List.of("portal_name", "ew", "ns", "z", "discovered_by", "first_seen", "last_seen"), fieldNames(p));
        assertEquals(12.3, Math.round(p.path("ew").asDouble() * 10) / 10.0, p.toString());
        assertEquals(-4.5, Math.round(p.path("ns").asDouble() * 10) / 10.0, p.toString());
        assertEquals(0.005, p.path("z").asDouble(), p.toString());
        assertEquals("Portal Finder", p.path("discovered_by").asText(), "the first to see the place");
        Instant first = instant(p.path("first_seen"));
        Instant last = instant(p.path("last_seen"));
        assertEquals(firstSighting.path("first_seen"), p.path("first_seen"), "first_seen stays");
        assertTrue(
                !first.isBefore(before.minusSeconds(1)) && first.isBefore(last) && !last.isAfter(after), p.toString());
        assertTrue(
                indexOf(body, "Portal to Hebian-To") < indexOf(body, "Portal to Arwic"),
                "most recently seen first: " + body);
    }

    @Test
    void aPortalIsNoLongerListedOnceKeepForHasPassedSinceItWasLastSeen() {
        // The expiry job runs only after an hour, so it is the listing itself that must leave it out.
        try (RunningServer shortMemory = onDatabase(RunningServer.create())
                        .portals("8 seconds", "1 hour")
                        .start();
                SocketClient plugin = shortMemory.plugin()) {
            plugin.send(portal("Portal Fleeting", "Portal to Yaraq", 1.0, 2.0));
            SocketClient.waiting("the portal to be listed")
                    .until(
                            () -> parse(shortMemory.get("/portals").body()),
                            body -> named(body, "Portal to Yaraq").size() == 1);

            List<String> last = new ArrayList<>(List.of(""));
            try {
                SocketClient.waiting("the portal to be dropped after keep-for (8 s)")
                        .until(() -> {
                            String body = shortMemory.get("/portals").body();
                            last.set(0, body);
                            return named(parse(body), "Portal to Yaraq").isEmpty();
                        });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(
                        "keep-for = 8 s, yet the portal is still listed after " + SocketClient.DEADLINE.toSeconds()
                                + " s: " + last.get(0),
                        e);
            }
        }
    }
}
