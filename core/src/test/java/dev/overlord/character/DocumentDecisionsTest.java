package dev.overlord.character;

import static dev.overlord.character.DecisionFixtures.T0;
import static dev.overlord.character.DecisionFixtures.online;
import static dev.overlord.character.DecisionFixtures.over;
import static dev.overlord.character.DecisionFixtures.sample;
import static dev.overlord.character.DecisionFixtures.vitae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.character.CharacterEvent.CantripsUpdated;
import dev.overlord.character.CharacterEvent.CharacterStatsUpdated;
import dev.overlord.character.CharacterEvent.QuestsUpdated;
import dev.overlord.testing.SampleFrames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stats, cantrips and quests journaled when they change, decided without actors. */
class DocumentDecisionsTest {

    static Decision decide(CharacterState state, SampleFrames.Builder frame) {
        return DocumentDecisions.documents(state, Ephemeral.EMPTY, over(frame.frame()), T0);
    }

    /** The document journaled: the frame without the fields that differ on every send. */
    static String document(SampleFrames.Builder frame) {
        ObjectNode json = frame.json();
        json.remove(List.of("timestamp", "plugin_seq"));
        return json.toString();
    }

    @Test
    void aFirstDocumentOfEachKindIsJournaled() {
        var stats = sample("character_stats").set("plugin_seq", 41);
        assertEquals(
                List.of(new CharacterStatsUpdated(T0, document(stats))),
                decide(online(), stats).events());
        var cantrips = sample("equipment_cantrip_state");
        assertEquals(
                List.of(new CantripsUpdated(T0, document(cantrips))),
                decide(online(), cantrips).events());
        var quests = sample("quest");
        assertEquals(
                List.of(new QuestsUpdated(T0, document(quests))),
                decide(online(), quests).events());
    }

    @Test
    void theSameDocumentSentAgainLaterIsNothingAndAChangedOneIsJournaled() {
        var stats = sample("character_stats");
        var state = online(new CharacterStatsUpdated(T0, document(stats)));
        assertTrue(
                decide(state, sample("character_stats").at(T0.plusSeconds(600)).set("plugin_seq", 42))
                        .events()
                        .isEmpty());
        var levelled = sample("character_stats").set("level", 276);
        assertEquals(
                List.of(new CharacterStatsUpdated(T0, document(levelled))),
                decide(state, levelled).events());
    }

    @Test
    void eachKindIsComparedWithItsOwnLast() {
        var cantrips = sample("equipment_cantrip_state");
        var state = online(new CantripsUpdated(T0, document(cantrips)));
        assertTrue(decide(state, cantrips).events().isEmpty());
        assertEquals(1, decide(state, sample("quest")).events().size());
        assertEquals(1, decide(state, sample("character_stats")).events().size());
    }

    @Test
    void otherFramesAreNoDocument() {
        assertTrue(DocumentDecisions.documents(online(), Ephemeral.EMPTY, vitae(5), T0)
                .events()
                .isEmpty());
    }
}
