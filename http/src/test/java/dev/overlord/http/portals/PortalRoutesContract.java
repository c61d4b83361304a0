package dev.overlord.http.portals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overlord.http.readapi.ReadRoutesTestBase;
import dev.overlord.http.readapi.RouteProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /portals} through the route testkit over a real database; run once per vendor.
 */
abstract class PortalRoutesContract extends ReadRoutesTestBase {

    @Test
    void portalsAreThoseSeenInTheLastHour() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        rows.portal("Portal to Arwic", 12.3, -4.5, "Larsson", now.minusSeconds(7200), now.minusSeconds(120))
                .portal("Stale Portal", 1, 1, "Mule", now.minusSeconds(9000), now.minusSeconds(3700));

        JsonNode body = ok("/portals");

        assertEquals(1, body.path("portals").size());
        JsonNode portal = body.path("portals").get(0);
        assertEquals(
                List.of("portal_name", "ew", "ns", "z", "discovered_by", "first_seen", "last_seen"),
                fieldNames(portal));
        assertEquals("Portal to Arwic", portal.path("portal_name").asText());
        assertEquals(-4.5, portal.path("ns").asDouble());
        assertEquals("Larsson", portal.path("discovered_by").asText());
        assertEquals(now.minusSeconds(120).toString(), portal.path("last_seen").asText());
    }

    @Test
    void theListingFollowsTheKeepForSetting() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        rows.portal("Portal to Arwic", 12.3, -4.5, "Larsson", now.minusSeconds(7200), now.minusSeconds(120))
                .portal("Portal to Nanto", 1, 1, "Mule", now.minusSeconds(9000), now.minusSeconds(1200));

        RouteProbe.Response tenMinutes = getKeepingPortalsFor(Duration.ofMinutes(10), "/portals");
        RouteProbe.Response oneDay = getKeepingPortalsFor(Duration.ofDays(1), "/portals");

        assertEquals(List.of("Portal to Arwic"), names(JSON.readTree(tenMinutes.body())));
        assertEquals(List.of("Portal to Arwic", "Portal to Nanto"), names(JSON.readTree(oneDay.body())));
    }

    private static List<String> names(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.path("portals").forEach(p -> names.add(p.path("portal_name").asText()));
        return names;
    }

    @Test
    void unknownParametersAreIgnored() {
        assertEquals(0, ok("/portals?verbose=1").path("portals").size());
    }
}
