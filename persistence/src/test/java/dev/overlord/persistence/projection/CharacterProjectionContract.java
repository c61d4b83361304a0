package dev.overlord.persistence.projection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.character.CharacterEvent;
import dev.overlord.jobs.PeriodicJob;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.portals.PortalExpiry;
import dev.overlord.persistence.portals.PortalSettings;
import dev.overlord.persistence.setaside.SetAside;
import dev.overlord.protocol.PluginFrame;
import dev.overlord.testing.ManualClock;
import dev.overlord.testing.SampleFrames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Frames observed by real character entities end up, through the running projections, in every
 * history table; per vendor.
 */
abstract class CharacterProjectionContract extends ProjectionTestBase {

    static final String CONNECTION = "connection-1";
    static final ObjectMapper JSON = new ObjectMapper();

    ActorTestKit kit;
    ManualClock clock;
    Fleet fleet;

    @BeforeAll
    void startTheProjections() {
        kit = startSystem("history");
        clock = new ManualClock();
        fleet = new Fleet(kit, clock);
        CharacterProjection.init(kit.system(), database().dataSource(), vendor());
    }

    @AfterAll
    void stopTheSystem() {
        if (kit != null) kit.shutdownTestKit();
    }

    // ---- frames ----

    static SampleFrames.Builder frame(String type, String character) {
        return SampleFrames.of(type).name(character);
    }

    static PluginFrame telemetry(String character, String session, long kills, long deaths, long tapers) {
        return frame("telemetry", character)
                .set("session_id", session)
                .kills(kills)
                .set("deaths", deaths)
                .tapers(tapers)
                .frame();
    }

    static PluginFrame rare(String character, String name, String session) {
        return frame("rare", character)
                .set("name", name)
                .set("session_id", session)
                .frame();
    }

    static PluginFrame combat(String character, String session, Instant taken, long totalDamage) {
        ObjectNode offense = (ObjectNode)
                json(
                        "{\"attacks\":5120,\"hits\":4700,\"crits\":611,\"max_hit\":1211,"
                                + "\"hit_rate\":0.918,\"crit_rate\":0.13,\"by_element\":{\"cold\":{\"hits\":3900,\"damage\":1520344}}}");
        offense.put("total_damage", totalDamage);
        return frame("combat_stats", character)
                .set("session_id", session)
                .at(taken)
                .set("offense", offense)
                .frame();
    }

    static PluginFrame portal(String character, String name, double ew, double ns) {
        return frame("portal", character)
                .set("portal_name", name)
                .position(ew, ns)
                .frame();
    }

    static JsonNode json(Object text) {
        try {
            return JSON.readTree((String) text);
        } catch (Exception e) {
            throw new AssertionError(String.valueOf(text), e);
        }
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }

    // ---- every table ----

    @Test
    void countersRaresStatsCantripsAndQuestsReachTheirTables() throws Exception {
        String who = "Larsson";
        fleet.observe(who, telemetry(who, "A", 10, 1, 318), CONNECTION);
        fleet.observe(who, telemetry(who, "A", 25, 2, 300), CONNECTION);
        fleet.observe(who, telemetry(who, "B", 5, 0, 290), CONNECTION);
        fleet.observe(who, telemetry(who, "B", 5, 0, 290), CONNECTION);
        fleet.observe(who, rare(who, "Pearl of Spirit Drinking", "A"), CONNECTION);
        fleet.observe(who, rare(who, "Smithy's Crystal", "A"), CONNECTION);
        fleet.observe(who, rare(who, "Pearl of Spirit Drinking", "B"), CONNECTION);
        fleet.observe(who, frame("character_stats", who).frame(), CONNECTION);
        fleet.observe(who, frame("equipment_cantrip_state", who).frame(), CONNECTION);
        fleet.observe(who, frame("quest", who).frame(), CONNECTION);

        awaitCaughtUp();

        Map<String, Object> totals = row("SELECT * FROM char_stats WHERE character_name = ?", who);
        assertEquals(30L, number(totals.get("total_kills")), "25 in session A and 5 in B");
        assertEquals(2L, number(totals.get("total_deaths")));
        assertEquals(290L, number(totals.get("total_tapers")), "the latest count");
        assertEquals(3L, number(totals.get("total_rares")));

        List<Map<String, Object>> rares = rows(
                "SELECT name, session_id, ew, ns, z, raw FROM rare_events WHERE character_name = ? ORDER BY id", who);
        assertEquals(
                List.of("Pearl of Spirit Drinking", "Smithy's Crystal", "Pearl of Spirit Drinking"),
                rares.stream().map(r -> r.get("name")).toList());
        assertEquals(
                List.of("A", "A", "B"),
                rares.stream().map(r -> r.get("session_id")).toList());
        assertEquals(53.9, ((Number) rares.getFirst().get("ew")).doubleValue());
        assertEquals(30, json(rares.getFirst().get("raw")).get("rare_id").asInt());

        assertEquals(3, count("SELECT total_rares FROM rare_stats WHERE character_name = ?", who));
        assertEquals(
                2, count("SELECT rares FROM rare_stats_sessions WHERE character_name = ? AND session_id = 'A'", who));
        assertEquals(
                1, count("SELECT rares FROM rare_stats_sessions WHERE character_name = ? AND session_id = 'B'", who));

        Map<String, Object> stats =
                row("SELECT stats, cantrips, quests FROM character_stats WHERE character_name = ?", who);
        JsonNode sheet = json(stats.get("stats"));
        assertEquals(275, sheet.get("level").asInt());
        assertEquals("Specialized", sheet.at("/skills/war_magic/training").asText());
        for (String envelope : List.of("type", "character_name", "timestamp", "plugin_seq")) {
            assertTrue(!sheet.has(envelope), "stats without " + envelope);
        }
        JsonNode cantrips = json(stats.get("cantrips"));
        assertTrue(cantrips.isArray(), "the frame's cantrips array, unwrapped: " + cantrips);
        assertEquals("Gelidite Robe", cantrips.at("/0/item_name").asText());
        assertEquals("Legendary Focus", cantrips.at("/0/spells/0").asText());
        JsonNode quests = json(stats.get("quests"));
        assertEquals(
                JSON.readTree("{\"stipendtimer_0812\":{\"solves\":14,\"max_solves\":0,\"ready_in_s\":412800,"
                        + "\"description\":\"Stipend\"},\"aerbaxgemtimer\":{\"solves\":3,\"max_solves\":1,\"ready_in_s\":0,"
                        + "\"description\":\"Aerbax Gem\"}}"),
                quests);
    }

    // ---- combat: the latest snapshot per session, summed ----

    @Test
    void combatTotalsStayRightWithRepeatedAndReorderedSnapshots() {
        String who = "Thorvald the Red";
        Instant t1 = Instant.parse("2025-06-14T08:21:00Z");
        Instant t2 = t1.plusSeconds(60);
        Instant t3 = t1.plusSeconds(120);
        fleet.observe(who, combat(who, "A", t1, 100), CONNECTION);
        fleet.observe(who, combat(who, "B", t1, 50), CONNECTION);
        fleet.observe(who, combat(who, "A", t3, 300), CONNECTION);
        fleet.observe(who, combat(who, "A", t3, 300), CONNECTION); // repeated
        fleet.observe(who, combat(who, "A", t2, 200), CONNECTION); // arrived late
        fleet.observe(who, combat(who, "B", t2, 70), CONNECTION);
        fleet.observe(who, combat(who, "B", t1, 50), CONNECTION); // repeated, late

        awaitCaughtUp();

        Map<String, Object> lifetime = row("SELECT lifetime, sessions FROM combat_stats WHERE character_name = ?", who);
        JsonNode sum = json(lifetime.get("lifetime"));
        assertEquals(370, sum.at("/offense/total_damage").asLong(), "A's latest 300 plus B's latest 70");
        assertEquals(2 * 5120, sum.at("/offense/attacks").asLong());
        assertEquals(2 * 412, sum.at("/monsters/Olthoi Ripper/kills").asLong());
        assertEquals(1211, sum.at("/offense/max_hit").asLong(), "the larger maximum, not a sum");
        assertEquals(4700.0 / 5120, sum.at("/offense/hit_rate").asDouble(), 1e-12, "recomputed from the summed counts");
        assertEquals(2 * 1520344, sum.at("/offense/by_element/cold/damage").asLong());
        assertEquals(2L, number(lifetime.get("sessions")));

        Map<String, Object> a = row(
                "SELECT snapshot, snapshot_ts FROM combat_stats_sessions WHERE character_name = ? AND session_id = 'A'",
                who);
        assertEquals(300, json(a.get("snapshot")).at("/offense/total_damage").asLong());
        assertEquals(t3, a.get("snapshot_ts"));
    }

    // ---- portals: one row per tenth, kept for an hour ----

    @Test
    void portalsAreDedupedAtATenthAndExpireAfterAnHourUnseen() {
        String who = "Portal Finder";
        Instant first = clock.instant();
        fleet.observe(who, portal(who, "Portal to Hebian-To", 38.91, -83.62), CONNECTION);
        Instant again = clock.advance(Duration.ofMinutes(10));
        fleet.observe("Sawato", portal("Sawato", "Portal to Hebian-To", 38.94, -83.58), CONNECTION);
        Instant other = clock.advance(Duration.ofMinutes(30));
        fleet.observe(who, portal(who, "Portal to Nanto", 38.96, -83.6), CONNECTION);

        awaitCaughtUp();

        Map<String, Object> hebian = row("SELECT * FROM portals WHERE ew_tenths = 389 AND ns_tenths = -836");
        assertEquals("Portal to Hebian-To", hebian.get("portal_name"));
        assertEquals(first, hebian.get("first_seen"));
        assertEquals(again, hebian.get("last_seen"));
        assertEquals(38.94, ((Number) hebian.get("ew")).doubleValue());
        assertEquals(who, hebian.get("discovered_by"));
        assertEquals(
                other,
                row("SELECT last_seen FROM portals WHERE ew_tenths = 390 AND ns_tenths = -836")
                        .get("last_seen"));

        // An hour and a second after Hebian-To was last seen; Nanto was seen 40 minutes ago.
        ManualClock expiryClock =
                new ManualClock(again.plus(Duration.ofHours(1)).plusSeconds(1));
        PeriodicJob expiry = new PortalExpiry(
                        database().dataSource(),
                        new PortalSettings(Duration.ofHours(1), Duration.ofMillis(100)),
                        expiryClock)
                .schedule(kit.system(), kit.system().executionContext(), new Metrics());
        try {
            await().atMost(DEADLINE).until(() -> count("SELECT COUNT(*) FROM portals WHERE ew_tenths = 389") == 0);
            assertEquals(1, count("SELECT COUNT(*) FROM portals WHERE ew_tenths = 390 AND ns_tenths = -836"));
        } finally {
            expiry.stop().toCompletableFuture().join();
        }
    }

    // ---- the handler alone, for what the entity never sends ----

    void handle(String character, CharacterEvent event) throws Exception {
        handleGroup(List.of(Map.entry(character, event)));
    }

    /** One transaction, as the projection runs a group of events. */
    void handleGroup(List<Map.Entry<String, CharacterEvent>> events) throws Exception {
        CharacterProjectionHandler handler = new CharacterProjectionHandler(
                vendor(), "test/contract", new SetAside(new Metrics(), java.time.Clock.systemUTC()));
        PlainJdbcSession session = new PlainJdbcSession(database().dataSource());
        try {
            List<EventEnvelope<CharacterEvent>> envelopes = new ArrayList<>();
            long seq = 1;
            for (Map.Entry<String, CharacterEvent> e : events) {
                envelopes.add(
                        EventEnvelope.create(Offset.sequence(seq), "Character|" + e.getKey(), seq, e.getValue(), 0L));
                seq++;
            }
            handler.process(session, envelopes);
            session.commit();
        } finally {
            session.close();
        }
    }

    @Test
    void aGroupLeavesTheTablesAsTheSameEventsOneByOneWould() throws Exception {
        Instant t = Instant.parse("2025-06-15T09:00:00Z");
        Function<String, List<Map.Entry<String, CharacterEvent>>> events = who -> List.of(
                Map.entry(who, new CharacterEvent.LifetimeCountersChanged(t, "s1", 1, 0, 1, 0, 7)),
                Map.entry(who, new CharacterEvent.CantripsUpdated(t.plusSeconds(1), "{\"cantrips\":[1]}")),
                Map.entry(who, new CharacterEvent.RareFound(t.plusSeconds(2), "Pearl", "s1", 1.0, 2.0, 0.0, "{}")),
                Map.entry(who, new CharacterEvent.LifetimeCountersChanged(t.plusSeconds(3), "s1", 5, 1, 5, 1, 8)),
                Map.entry(who, new CharacterEvent.CharacterStatsUpdated(t.plusSeconds(4), "{\"level\":1}")),
                Map.entry(who, new CharacterEvent.CantripsUpdated(t.plusSeconds(5), "{\"cantrips\":[2]}")),
                Map.entry(who, new CharacterEvent.CharacterStatsUpdated(t.plusSeconds(6), "{\"level\":2}")),
                Map.entry(who, new CharacterEvent.QuestsUpdated(t.plusSeconds(7), "{\"quests\":[]}")),
                Map.entry(who, new CharacterEvent.LifetimeCountersChanged(t.plusSeconds(8), "s1", 9, 1, 9, 1, 9)),
                Map.entry(who, new CharacterEvent.RareFound(t.plusSeconds(9), "Gem", "s1", 1.0, 2.0, 0.0, "{}")),
                // Lifetime combat totals are recomputed once per character at the group's end.
                Map.entry(who, combat(t.plusSeconds(10), "s1", 3, 400)),
                Map.entry(who, combat(t.plusSeconds(11), "s2", 1, 900)),
                Map.entry(who, combat(t.plusSeconds(12), "s1", 5, 650)),
                Map.entry(who, combat(t.plusSeconds(13), "s2", 2, 700)));
        for (Map.Entry<String, CharacterEvent> e : events.apply("OneByOne")) handle(e.getKey(), e.getValue());
        // Interleaved with another character's, whose latest must not count as this one's.
        List<Map.Entry<String, CharacterEvent>> group = new ArrayList<>(events.apply("Grouped"));
        group.add(3, Map.entry("Bystander", new CharacterEvent.LifetimeCountersChanged(t, "s9", 100, 0, 100, 0, 0)));
        handleGroup(group);

        for (String table :
                List.of("char_stats", "rare_stats", "rare_stats_sessions", "character_stats", "combat_stats")) {
            Map<String, Object> one = row("SELECT * FROM " + table + " WHERE character_name = ?", "OneByOne");
            Map<String, Object> grouped = row("SELECT * FROM " + table + " WHERE character_name = ?", "Grouped");
            one.remove("character_name");
            grouped.remove("character_name");
            assertEquals(one, grouped, table);
        }
        Map<String, Object> stats = row("SELECT * FROM char_stats WHERE character_name = ?", "Grouped");
        assertEquals(9, number(stats.get("total_kills")));
        assertEquals(2, number(stats.get("total_rares")));
        assertEquals(t.plusSeconds(9), stats.get("updated_at"));
        assertEquals(
                100,
                number(row("SELECT total_kills FROM char_stats WHERE character_name = ?", "Bystander")
                        .get("total_kills")));
        assertEquals(2, count("SELECT COUNT(*) FROM rare_events WHERE character_name = ?", "Grouped"));
        JsonNode lifetime = json(row("SELECT lifetime FROM combat_stats WHERE character_name = ?", "Grouped")
                .get("lifetime"));
        assertEquals(7, lifetime.get("kills").asLong(), "each session's latest: 5 + 2");
        assertEquals(700, lifetime.get("max_hit").asLong(), "the maximum of both sessions' latest");
    }

    private static CharacterEvent combat(Instant at, String session, int kills, int maxHit) {
        return new CharacterEvent.CombatSnapshotRecorded(
                at, session, at, "{\"kills\":" + kills + ",\"max_hit\":" + maxHit + "}");
    }

    @Test
    void aLateSnapshotOrSightingNeverReplacesANewerOne() throws Exception {
        String who = "Forgetful";
        Instant t1 = Instant.parse("2025-06-14T09:00:00Z");
        // As after the entity forgot session A: an older snapshot is journaled again.
        handle(who, new CharacterEvent.CombatSnapshotRecorded(t1, "A", t1.plusSeconds(60), "{\"damage\":200}"));
        handle(who, new CharacterEvent.CombatSnapshotRecorded(t1, "A", t1, "{\"damage\":100}"));
        assertEquals(
                200,
                json(row("SELECT lifetime FROM combat_stats WHERE character_name = ?", who)
                                .get("lifetime"))
                        .get("damage")
                        .asLong());

        handle(who, new CharacterEvent.PortalSeen(t1.plusSeconds(60), "Portal to Nowhere", -10.02, 10.04, null));
        handle(who, new CharacterEvent.PortalSeen(t1, "Portal to Nowhere", -10.0, 10.0, null));
        Map<String, Object> p = row("SELECT * FROM portals WHERE ew_tenths = -100 AND ns_tenths = 100");
        assertEquals(t1.plusSeconds(60), p.get("last_seen"));
        assertEquals(-10.02, ((Number) p.get("ew")).doubleValue(), "the place as last seen");
        assertEquals(t1, p.get("first_seen"), "the earlier sighting, though it came second");
        assertNull(p.get("z"));
    }

    @Test
    void cantripsOrQuestsBeforeAnyStatsLeaveTheStatsNull() throws Exception {
        String who = "Newcomer";
        Instant t = Instant.parse("2025-06-14T09:00:00Z");
        handle(who, new CharacterEvent.CantripsUpdated(t, "{\"type\":\"equipment_cantrip_state\",\"cantrips\":[]}"));
        handle(who, new CharacterEvent.QuestsUpdated(t.plusSeconds(1), "{\"type\":\"quest\",\"quests\":[]}"));
        Map<String, Object> row =
                row("SELECT stats, cantrips, quests, updated_at FROM character_stats WHERE character_name = ?", who);
        assertNull(row.get("stats"));
        assertEquals("[]", row.get("cantrips"));
        assertEquals("{}", row.get("quests"));
        assertEquals(t.plusSeconds(1), row.get("updated_at"));

        handle(
                who,
                new CharacterEvent.CharacterStatsUpdated(
                        t.plusSeconds(2),
                        "{\"type\":\"character_stats\",\"character_name\":\"Newcomer\",\"level\":1}"));
        assertEquals(
                "{\"level\":1}",
                row("SELECT stats FROM character_stats WHERE character_name = ?", who)
                        .get("stats"));
        assertEquals(
                "[]",
                row("SELECT cantrips FROM character_stats WHERE character_name = ?", who)
                        .get("cantrips"));
    }

    @Test
    void cantripsAreTheFramesArrayAsSentAndQuestsAMapByName() throws Exception {
        String who = "Collector";
        Instant t = Instant.parse("2025-06-14T09:00:00Z");
        handle(
                who,
                new CharacterEvent.CantripsUpdated(
                        t,
                        "{\"type\":\"equipment_cantrip_state\",\"character_name\":\"Collector\","
                                + "\"cantrips\":[\"Major Focus\",{\"item_id\":7,\"item_name\":\"Gelidite Robe\",\"spells\":[\"Legendary Focus\"]}]}"));
        handle(
                who,
                new CharacterEvent.QuestsUpdated(
                        t,
                        "{\"type\":\"quest\",\"character_name\":\"Collector\",\"quests\":["
                                + "{\"name\":\"stipendtimer_0812\",\"solves\":14,\"description\":\"Stipend\"},"
                                + "{\"description\":\"Aerbax Gem\",\"ready_in_s\":0},{\"solves\":1},{\"name\":5,\"description\":\"Numbered\"}]}"));
        Map<String, Object> row =
                row("SELECT stats, cantrips, quests FROM character_stats WHERE character_name = ?", who);
        assertEquals(
                JSON.readTree(
                        "[\"Major Focus\",{\"item_id\":7,\"item_name\":\"Gelidite Robe\",\"spells\":[\"Legendary Focus\"]}]"),
                json(row.get("cantrips")));
        assertEquals(
                JSON.readTree("{\"stipendtimer_0812\":{\"solves\":14,\"description\":\"Stipend\"},"
                        + "\"Aerbax Gem\":{\"description\":\"Aerbax Gem\",\"ready_in_s\":0},"
                        + "\"Numbered\":{\"description\":\"Numbered\"}}"),
                json(row.get("quests")));

        handle(
                who,
                new CharacterEvent.CantripsUpdated(
                        t.plusSeconds(1), "{\"type\":\"equipment_cantrip_state\",\"cantrips\":\"none\"}"));
        handle(
                who,
                new CharacterEvent.QuestsUpdated(
                        t.plusSeconds(1), "{\"type\":\"quest\",\"quests\":{\"already\":{\"solves\":1}}}"));
        row = row("SELECT cantrips, quests FROM character_stats WHERE character_name = ?", who);
        assertEquals("[]", row.get("cantrips"), "no array in the frame");
        assertEquals(
                JSON.readTree("{\"already\":{\"solves\":1}}"), json(row.get("quests")), "an object is kept as it is");
    }

    @Test
    void eventsThatAreNotHistoryWriteNothing() throws Exception {
        String who = "Quiet";
        Instant t = Instant.parse("2025-06-14T09:00:00Z");
        handle(who, new CharacterEvent.CameOnline(t, "s"));
        handle(who, new CharacterEvent.CountersChanged(t, 1, 2, 3));
        Set<String> tables = Set.of("char_stats", "rare_stats", "combat_stats", "character_stats");
        assertTrue(
                tables.stream()
                        .allMatch(table ->
                                count("SELECT COUNT(*) FROM " + table + " WHERE character_name = ?", who) == 0),
                tables.stream().collect(Collectors.joining(", ")));
    }
}
