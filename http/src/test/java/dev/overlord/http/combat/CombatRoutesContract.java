package dev.overlord.http.combat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overlord.http.readapi.ReadRoutesTestBase;
import org.junit.jupiter.api.Test;

/**
 * {@code /combat-stats/{character}} through the route testkit over a real database; run once per vendor.
 */
abstract class CombatRoutesContract extends ReadRoutesTestBase {

    @Test
    void combatStatsAreLifetimeAndSessionsNewestFirst() {
        rows.combatLifetime("Larsson", "{\"kills\":30,\"damage_given\":{\"fire\":900}}", 2, t(20))
                .combatSession("Larsson", "s-1", "{\"kills\":10}", t(10))
                .combatSession("Larsson", "s-2", "{\"kills\":20}", t(20));

        JsonNode body = ok("/combat-stats/Larsson");

        assertEquals(
                900,
                body.path("lifetime")
                        .path("totals")
                        .path("damage_given")
                        .path("fire")
                        .asInt());
        assertEquals(2, body.path("lifetime").path("sessions").asInt());
        assertEquals("s-2", body.path("sessions").get(0).path("session_id").asText(), "the current session first");
        assertEquals(
                20, body.path("sessions").get(0).path("snapshot").path("kills").asInt());
        assertEquals(1, ok("/combat-stats/Larsson?sessions=1").path("sessions").size());
    }

    @Test
    void anUnknownCharacterGets404() {
        rows.telemetry("Larsson", t(0), 0, 0);

        assertEquals("unknown character 'Nobody'", error(404, "/combat-stats/Nobody"));
    }

    @Test
    void badParametersGet400NamingTheParameter() {
        rows.combatLifetime("Larsson", "{}", 0, t(0));
        assertTrue(error(400, "/combat-stats/Larsson?sessions=101").startsWith("parameter 'sessions': "));
    }
}
