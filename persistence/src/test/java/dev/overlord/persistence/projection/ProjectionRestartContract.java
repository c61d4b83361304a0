package dev.overlord.persistence.projection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.character.CharacterEntity;
import dev.overlord.character.CharacterEvent;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.testing.ManualClock;
import dev.overlord.testing.SampleFrames;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once: the whole ActorSystem is stopped while the projections are mid-stream and started
 * again; every table then counts each journaled event once, none lost and none twice.
 */
abstract class ProjectionRestartContract extends ProjectionTestBase {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRestartContract.class);

    /** Characters in more than one tag slice, so several projections are cut off at once. */
    static final List<String> CHARACTERS = List.of("Larsson", "Thorvald the Red", "Sawato", "Mule Three");

    static final int RARES_BEFORE = 60;
    static final int RARES_AFTER = 10;

    static PluginFrame rare(String character, int n, String session) {
        return SampleFrames.of("rare")
                .name(character)
                .set("name", "Rare #" + n)
                .set("session_id", session)
                .frame();
    }

    @Test
    void aProjectionStoppedMidStreamNeitherLosesNorDoubleCounts() throws Exception {
        assertTrue(CHARACTERS.stream().map(CharacterEntity::tagFor).distinct().count() > 1, "several slices");
        ManualClock clock = new ManualClock();

        ActorTestKit first = startSystem("first");
        try {
            CharacterProjection.init(first.system(), database().dataSource(), vendor());
            Fleet fleet = new Fleet(first, clock);
            // Not waited for: the entities are still journaling while the projections run behind.
            for (int n = 0; n < RARES_BEFORE; n++) {
                for (String c : CHARACTERS) fleet.send(c, rare(c, n, "A"), "connection-1");
            }
            await().atMost(DEADLINE).until(() -> count("SELECT COUNT(*) FROM rare_events") >= 20);
        } finally {
            first.shutdownTestKit();
        }
        log.info(
                "{} of {} rares projected when the first system stopped",
                count("SELECT COUNT(*) FROM rare_events"),
                RARES_BEFORE * CHARACTERS.size());

        ActorTestKit second = startSystem("second");
        try {
            Fleet fleet = new Fleet(second, clock);
            for (int n = RARES_BEFORE; n < RARES_BEFORE + RARES_AFTER; n++) {
                for (String c : CHARACTERS) fleet.send(c, rare(c, n, "B"), "connection-2");
            }
            CHARACTERS.forEach(fleet::settled);
            CharacterProjection.init(second.system(), database().dataSource(), vendor());
            awaitCaughtUp();

            long all = 0;
            for (String c : CHARACTERS) {
                long journaled = raresJournaled(second, c);
                all += journaled;
                assertTrue(journaled > RARES_AFTER, c + " kept rares from before the stop");
                assertEquals(journaled, count("SELECT COUNT(*) FROM rare_events WHERE character_name = ?", c), c);
                assertEquals(
                        journaled,
                        count("SELECT COUNT(DISTINCT name) FROM rare_events WHERE character_name = ?", c),
                        c + ": no rare twice");
                assertEquals(journaled, count("SELECT total_rares FROM rare_stats WHERE character_name = ?", c), c);
                assertEquals(journaled, count("SELECT total_rares FROM char_stats WHERE character_name = ?", c), c);
                assertEquals(
                        journaled, count("SELECT SUM(rares) FROM rare_stats_sessions WHERE character_name = ?", c), c);
                assertEquals(
                        RARES_AFTER,
                        count("SELECT rares FROM rare_stats_sessions WHERE character_name = ? AND session_id = 'B'", c),
                        c);
            }
            assertEquals(all, count("SELECT COUNT(*) FROM rare_events"));
        } finally {
            second.shutdownTestKit();
        }
    }

    /** The rares the journal holds for a character: what the tables must count, exactly. */
    private static long raresJournaled(ActorTestKit kit, String character) throws Exception {
        JdbcReadJournal journal = PersistenceQuery.get(kit.system().classicSystem())
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        List<EventEnvelope> events = journal.currentEventsByPersistenceId("Character|" + character, 0L, Long.MAX_VALUE)
                .runWith(Sink.seq(), kit.system())
                .toCompletableFuture()
                .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        return events.stream()
                .filter(e -> e.event() instanceof CharacterEvent.RareFound)
                .collect(Collectors.counting());
    }
}
