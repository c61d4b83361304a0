package dev.overlord.character;

import static dev.overlord.character.DecisionFixtures.SOCKET;
import static dev.overlord.character.DecisionFixtures.T0;
import static dev.overlord.character.DecisionFixtures.online;
import static dev.overlord.character.DecisionFixtures.over;
import static dev.overlord.character.DecisionFixtures.sample;
import static dev.overlord.character.DecisionFixtures.vitae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.character.CharacterEvent.PortalSeen;
import dev.overlord.character.CharacterEvent.RareFound;
import dev.overlord.protocol.PluginFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rares found and portals seen, decided without actors. */
class FindDecisionsTest {

    static Decision decide(SessionFrame frame) {
        return FindDecisions.finds(online(), Ephemeral.EMPTY, frame, T0);
    }

    @Test
    void everyRareFrameIsARareFoundWithItsPlaceAndWholeFrame() {
        PluginFrame frame = sample("rare").set("session_id", "A").frame();
        assertEquals(
                List.of(new RareFound(
                        T0,
                        "Pearl of Spirit Drinking",
                        "A",
                        53.9,
                        -31.3,
                        12.0,
                        frame.envelope().json().toString())),
                decide(over(frame)).events());
        assertEquals(
                1,
                FindDecisions.finds(
                                online(new RareFound(T0, "Pearl of Spirit Drinking", "A", null, null, null, "{}")),
                                Ephemeral.EMPTY,
                                over(frame),
                                T0)
                        .events()
                        .size(),
                "the same rare again is another rare");
    }

    @Test
    void aRareWithoutPlaceOrSessionHasNullsAndTheSocketsSession() {
        var r = (RareFound) decide(over(sample("rare")
                        .without("ew")
                        .without("ns")
                        .set("z", "high")
                        .frame()))
                .events()
                .getFirst();
        assertEquals(SOCKET, r.sessionId());
        assertNull(r.ew());
        assertNull(r.ns());
        assertNull(r.z());
    }

    @Test
    void aPlaceSentAsNumericTextIsAPlace() {
        var r = (RareFound) decide(over(
                        sample("rare").set("ew", "53.9").set("ns", " -31.3 ").frame()))
                .events()
                .getFirst();
        assertEquals(53.9, r.ew());
        assertEquals(-31.3, r.ns());
    }

    @Test
    void aPortalWithAPlaceIsSeenAndOneWithoutIsNothing() {
        assertEquals(
                List.of(new PortalSeen(T0, "Portal to Hebian-To", 38.9, -83.6, 0.005)),
                decide(over(sample("portal").frame())).events());
        assertTrue(decide(over(sample("portal").without("ns").frame())).events().isEmpty());
    }

    @Test
    void otherFramesFindNothing() {
        assertTrue(decide(vitae(5)).events().isEmpty());
    }
}
