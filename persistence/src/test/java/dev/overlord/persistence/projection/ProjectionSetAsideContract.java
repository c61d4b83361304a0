package dev.overlord.persistence.projection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.character.CharacterEvent;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.setaside.SetAside;
import dev.overlord.persistence.setaside.SetAsideEvents;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.testing.ManualClock;
import dev.overlord.testing.SampleFrames;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An event whose values its table cannot hold (journaled before the parser bounded names, or by
 * a build that bounded them wrongly) is set aside: the running projection writes the events after
 * it, lists it in {@code projection_set_aside} and counts it; a lost connection still fails the
 * group so it is retried. Per vendor.
 */
abstract class ProjectionSetAsideContract extends ProjectionTestBase {

    static final String CONNECTION = "connection-1";
    static final String TOO_LONG = "R".repeat(300);

    ActorTestKit kit;
    Fleet fleet;
    final Metrics metrics = new Metrics();

    @BeforeAll
    void startTheProjections() {
        kit = startSystem("set-aside");
        fleet = new Fleet(kit, new ManualClock());
        CharacterProjection.init(kit.system(), database().dataSource(), vendor(), metrics);
    }

    @AfterAll
    void stopTheSystem() {
        if (kit != null) kit.shutdownTestKit();
    }

    /** A rare frame as the entity receives it, its name past the parser's bound. */
    static PluginFrame rareNamed(String character, String name) {
        PluginFrame.Rare parsed = SampleFrames.of("rare")
                .name(character)
                .set("name", "placeholder")
                .frame(PluginFrame.Rare.class);
        return new PluginFrame.Rare(parsed.envelope(), name);
    }

    static PluginFrame portalNamed(String character, String name, double ew, double ns) {
        PluginFrame.Portal parsed = SampleFrames.of("portal")
                .name(character)
                .set("portal_name", "placeholder")
                .position(ew, ns)
                .frame(PluginFrame.Portal.class);
        return new PluginFrame.Portal(parsed.envelope(), name, parsed.ew(), parsed.ns(), parsed.z());
    }

    @Test
    void anEventItsTableCannotHoldIsSetAsideAndTheSliceGoesOn() {
        String who = "Overlong";
        fleet.observe(who, rareNamed(who, TOO_LONG), CONNECTION);
        fleet.observe(who, portalNamed(who, "P".repeat(129), 12.3, -45.6), CONNECTION);
        fleet.observe(who, rareNamed(who, "Pearl"), CONNECTION);
        fleet.observe(who, portalNamed(who, "Holtburg", 42.1, 33.6), CONNECTION);

        // The events after the bad ones are written: the slice did not stop.
        await().atMost(DEADLINE)
                .until(() -> count("SELECT COUNT(*) FROM rare_events WHERE character_name = ?", who) == 1);
        awaitCaughtUp();
        assertEquals(
                "Pearl",
                row("SELECT name FROM rare_events WHERE character_name = ?", who)
                        .get("name"));
        assertEquals(
                "Holtburg",
                row("SELECT portal_name FROM portals WHERE discovered_by = ?", who)
                        .get("portal_name"));
        assertEquals(1, count("SELECT total_rares FROM rare_stats WHERE character_name = ?", who));

        List<SetAsideEvents.Entry> listed = new SetAsideEvents(database().dataSource())
                .latest(10).stream()
                        .filter(e -> e.persistenceId().equals("Character|" + who))
                        .toList();
        assertEquals(2, listed.size(), listed.toString());
        SetAsideEvents.Entry portal = listed.get(0);
        SetAsideEvents.Entry rare = listed.get(1);
        assertEquals("PortalSeen", portal.eventType());
        assertEquals("RareFound", rare.eventType());
        assertTrue(rare.sequenceNr() < portal.sequenceNr(), listed.toString());
        assertTrue(rare.projection().startsWith(CharacterProjection.NAME + "/"), rare.projection());
        // SQLState class 22: a data exception (value too long), with the vendor's words, bounded.
        assertTrue(rare.error().startsWith("22"), rare.error());
        assertTrue(rare.error().length() <= SetAside.ERROR_CHARS, rare.error());
        assertEquals(2, metrics.value(SetAside.METRIC, "projection", CharacterProjection.NAME));
    }

    @Test
    void aGroupWithABadEventKeepsEveryOtherEventOfTheGroup() throws Exception {
        String who = "Grouped";
        Instant t = Instant.parse("2025-06-15T09:00:00Z");
        Metrics own = new Metrics();
        process(
                new CharacterProjectionHandler(vendor(), "test/slice", new SetAside(own, Clock.systemUTC())),
                List.of(
                        new CharacterEvent.RareFound(t, "Gem", "s1", 1.0, 2.0, 0.0, "{}"),
                        new CharacterEvent.RareFound(t.plusSeconds(1), TOO_LONG, "s1", 1.0, 2.0, 0.0, "{}"),
                        new CharacterEvent.RareFound(t.plusSeconds(2), "Pearl", "s1", 1.0, 2.0, 0.0, "{}")),
                who);
        assertEquals(2, count("SELECT COUNT(*) FROM rare_events WHERE character_name = ?", who));
        assertEquals(2, count("SELECT rares FROM rare_stats_sessions WHERE character_name = ?", who));
        assertEquals(1, count("SELECT COUNT(*) FROM projection_set_aside WHERE projection = 'test/slice'"));
        assertEquals(
                2L,
                ((Number) row("SELECT sequence_nr FROM projection_set_aside WHERE projection = 'test/slice'")
                                .get("sequence_nr"))
                        .longValue());
        assertEquals(1, own.value(SetAside.METRIC, "projection", "test"));
    }

    @Test
    void aLostConnectionFailsTheGroupSoItIsRetried() throws Exception {
        Instant t = Instant.parse("2025-06-15T09:00:00Z");
        CharacterProjectionHandler handler =
                new CharacterProjectionHandler(vendor(), "test/lost", new SetAside(new Metrics(), Clock.systemUTC()));
        PlainJdbcSession session = new PlainJdbcSession(database().dataSource());
        session.close();
        assertThrows(
                SQLException.class,
                () -> handler.process(
                        session,
                        List.of(EventEnvelope.create(
                                Offset.sequence(1),
                                "Character|Lost",
                                1L,
                                (CharacterEvent)
                                        new CharacterEvent.RareFound(t, TOO_LONG, "s1", null, null, null, "{}"),
                                0L))));
        assertEquals(0, count("SELECT COUNT(*) FROM projection_set_aside WHERE projection = 'test/lost'"));
    }

    @Test
    void onlyDataAndIntegrityErrorsAreSetAside() {
        assertTrue(SetAside.isDataError(new SQLException("value too long", "22001")));
        assertTrue(SetAside.isDataError(new SQLException("out of range", "22003")));
        assertTrue(SetAside.isDataError(new SQLException("not null", "23502")));
        assertFalse(SetAside.isDataError(new SQLException("connection lost", "08006")));
        assertFalse(SetAside.isDataError(new SQLException("serialization", "40001")));
        assertFalse(SetAside.isDataError(new SQLException("no state")));
    }

    /** One group in one transaction, as the projection runs it. */
    void process(CharacterProjectionHandler handler, List<CharacterEvent> events, String who) throws Exception {
        PlainJdbcSession session = new PlainJdbcSession(database().dataSource());
        try {
            List<EventEnvelope<CharacterEvent>> envelopes = new java.util.ArrayList<>();
            long seq = 1;
            for (CharacterEvent e : events) {
                envelopes.add(EventEnvelope.create(Offset.sequence(seq), "Character|" + who, seq, e, 0L));
                seq++;
            }
            handler.process(session, envelopes);
            session.commit();
        } finally {
            session.close();
        }
    }
}
