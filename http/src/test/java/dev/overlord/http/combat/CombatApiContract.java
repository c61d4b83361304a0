package dev.overlord.http.combat;

import static dev.overlord.http.testing.JsonAssert.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.testing.ApiContract;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.SocketClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /combat-stats/{character}}: two plugin sessions each send two cumulative
 * {@code combat_stats} snapshots; the answer holds each session's latest snapshot as sent (minus
 * the envelope) and lifetime totals merged by the documented rule of each field. The expected
 * totals are computed here from the numbers sent.
 */
public abstract class CombatApiContract extends ApiContract {
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);

    /** The earlier session's latest snapshot (the brief's sample plus a field of every kind). */
    static final String A = """
      {"kills":545,"deaths":1,"total_xp_earned":191226310000,"pyreals_spent":10.5,
       "kills_per_hour":236.5,"dps":812.5,"streak_max":40,"zone":"Olthoi North","in_fellowship":true,
       "loot_tags":["pyreal","trophy"],
       "offense":{"attacks":5120,"hits":4700,"evades":420,"crits":611,"total_damage":1843210,"max_hit":1211,
                  "min_hit":3,"hit_rate":0.918,"crit_rate":0.13,"avg_hit":392.17,
                  "by_element":{"cold":{"hits":3900,"crits":500,"damage":1520344,"max_hit":1211},
                                "void":{"hits":800,"crits":111,"damage":322866,"max_hit":990}}},
       "defense":{"attacks":3600,"hits":2100,"evades":1100,"resists":402,"damage_taken":210844,"max_hit":640,
                  "evade_rate":0.3056,"avg_hit":100.4,
                  "by_element":{"slash":{"hits":1500,"damage":150000,"max_hit":640},
                                "acid":{"hits":600,"damage":60844,"max_hit":300}}},
       "monsters":{"Olthoi Ripper":{"kills":412,"attacks":3000,"hits":2800,"crits":400,"damage_given":910022,
                                    "damage_taken":88012,"max_hit":1211},
                   "Olthoi Soldier":{"kills":133,"attacks":2120,"hits":1900,"crits":211,"damage_given":401112,
                                     "damage_taken":40110,"max_hit":1100,"avg_hit":211.11}},
       "top_spells":[{"name":"Frost Bolt VII","casts":900,"damage":500000,"max_hit":1211},
                     {"name":"Void Arc","casts":100,"damage":20000,"max_hit":990}]}""";

    /** The later session's latest snapshot: some keys shared with A, some its own. */
    static final String B = """
      {"kills":120,"deaths":2,"total_xp_earned":8773690000,"pyreals_spent":2.25,
       "kills_per_hour":300.0,"dps":640.0,"streak_max":55,"zone":"Dires","in_fellowship":false,
       "loot_tags":["scarab"],
       "offense":{"attacks":1000,"hits":800,"evades":200,"crits":90,"total_damage":300000,"max_hit":1300,
                  "min_hit":5,"hit_rate":0.8,"crit_rate":0.1125,"avg_hit":375.0,
                  "by_element":{"cold":{"hits":700,"crits":80,"damage":260000,"max_hit":1300},
                                "fire":{"hits":100,"crits":10,"damage":40000,"max_hit":700}}},
       "defense":{"attacks":900,"hits":400,"evades":450,"resists":50,"damage_taken":40000,"max_hit":700,
                  "evade_rate":0.5,"avg_hit":100.0,
                  "by_element":{"slash":{"hits":300,"damage":30000,"max_hit":700},
                                "pierce":{"hits":100,"damage":10000,"max_hit":200}}},
       "monsters":{"Olthoi Ripper":{"kills":100,"attacks":800,"hits":640,"crits":70,"damage_given":250000,
                                    "damage_taken":30000,"max_hit":1300,"hit_rate":0.8},
                   "Mu-miyah Sentinel":{"kills":20,"attacks":200,"hits":160,"crits":20,"damage_given":50000,
                                        "damage_taken":10000,"max_hit":800}},
       "top_spells":[{"name":"Frost Bolt VII","casts":300,"damage":150000,"max_hit":1300},
                     {"name":"Void Arc","casts":20,"damage":4000,"max_hit":400},
                     {"name":"Acid Stream","casts":50,"damage":7000,"max_hit":300}]}""";

    /** An earlier, smaller snapshot of a session: replaced by the session's next one, so never counted. */
    static final String EARLY = """
      {"kills":10,"deaths":0,"offense":{"attacks":100,"hits":90,"max_hit":5000,"hit_rate":0.9},
       "monsters":{"Drudge Skulker":{"kills":10}},"zone":"Holtburg","top_spells":[{"name":"Early","casts":1}]}""";

    static ObjectNode frame(String character, String session, Instant at, String snapshot) {
        ObjectNode f = JSON.createObjectNode()
                .put("type", "combat_stats")
                .put("character_name", character)
                .put("timestamp", at.toString())
                .put("session_id", session)
                .put("plugin_seq", 3);
        f.setAll((ObjectNode) parse(snapshot));
        return f;
    }

    /**
     * Session s-b (the later one) is sent first and s-a second, so "latest" must mean the latest
     * snapshot_ts and not the last written. Waits until both sessions' latest snapshots are stored.
     */
    JsonNode fight(String character) {
        String path = "/combat-stats/" + enc(character);
        try (SocketClient b = overlord.plugin();
                SocketClient a = overlord.plugin()) {
            b.send(frame(character, "s-b", T0.plusSeconds(120), EARLY))
                    .send(frame(character, "s-b", T0.plusSeconds(180), B));
            a.send(frame(character, "s-a", T0, EARLY)).send(frame(character, "s-a", T0.plusSeconds(60), A));
            return awaitOk(
                    path,
                    body -> body.path("sessions").size() == 2
                            && body.path("sessions")
                                    .get(0)
                                    .path("snapshot_ts")
                                    .asText()
                                    .equals(T0.plusSeconds(180).toString())
                            && body.path("sessions")
                                    .get(1)
                                    .path("snapshot_ts")
                                    .asText()
                                    .equals(T0.plusSeconds(60).toString())
                            && body.path("lifetime").path("sessions").asInt() == 2);
        }
    }

    static JsonNode a() {
        return parse(A);
    }

    static JsonNode b() {
        return parse(B);
    }

    static long sum(String path) {
        return a().at(path).asLong() + b().at(path).asLong();
    }

    static long max(String path) {
        return Math.max(a().at(path).asLong(), b().at(path).asLong());
    }

    /** Sums, maxima and rates of one merged object, in which both sessions have {@code path}. */
    static ObjectNode counts(String path, String... fields) {
        ObjectNode o = JSON.createObjectNode();
        for (String f : fields) o.put(f, sum(path + "/" + f));
        return o;
    }

    static double ratio(ObjectNode o, String numerator, String denominator) {
        return (double) o.get(numerator).asLong() / o.get(denominator).asLong();
    }

    /** The lifetime totals the rules give for A and B, built field by field. */
    static ObjectNode expectedLifetime() {
        ObjectNode t = JSON.createObjectNode();
        t.put("kills", sum("/kills")).put("deaths", sum("/deaths"));
        t.put("total_xp_earned", sum("/total_xp_earned"));
        t.put("pyreals_spent", 10.5 + 2.25);
        // kills_per_hour and dps are rates with no rule to recompute them: left out.
        t.put("streak_max", max("/streak_max"));
        t.put("zone", "Dires").put("in_fellowship", false);
        t.set("loot_tags", b().get("loot_tags"));

        ObjectNode offense = counts("/offense", "attacks", "hits", "evades", "crits", "total_damage");
        offense.put("max_hit", max("/offense/max_hit"));
        offense.put(
                "min_hit",
                Math.min(
                        a().at("/offense/min_hit").asLong(),
                        b().at("/offense/min_hit").asLong()));
        offense.put("hit_rate", ratio(offense, "hits", "attacks"));
        offense.put("crit_rate", ratio(offense, "crits", "hits"));
        offense.put("avg_hit", ratio(offense, "total_damage", "hits"));
        ObjectNode offenseElements = offense.putObject("by_element");
        offenseElements.set(
                "cold",
                counts("/offense/by_element/cold", "hits", "crits", "damage")
                        .put("max_hit", max("/offense/by_element/cold/max_hit")));
        offenseElements.set("void", a().at("/offense/by_element/void"));
        offenseElements.set("fire", b().at("/offense/by_element/fire"));
        t.set("offense", offense);

        ObjectNode defense = counts("/defense", "attacks", "hits", "evades", "resists", "damage_taken");
        defense.put("max_hit", max("/defense/max_hit"));
        defense.put("evade_rate", ratio(defense, "evades", "attacks"));
        // avg_hit needs damage, total_damage or damage_given, which defense does not have; resist_rate was never sent.
        ObjectNode defenseElements = defense.putObject("by_element");
        defenseElements.set(
                "slash",
                counts("/defense/by_element/slash", "hits", "damage")
                        .put("max_hit", max("/defense/by_element/slash/max_hit")));
        defenseElements.set("acid", a().at("/defense/by_element/acid"));
        defenseElements.set("pierce", b().at("/defense/by_element/pierce"));
        t.set("defense", defense);

        ObjectNode monsters = t.putObject("monsters");
        ObjectNode ripper =
                counts("/monsters/Olthoi Ripper", "kills", "attacks", "hits", "crits", "damage_given", "damage_taken");
        ripper.put("max_hit", max("/monsters/Olthoi Ripper/max_hit"));
        ripper.put("hit_rate", ratio(ripper, "hits", "attacks"));
        monsters.set("Olthoi Ripper", ripper);
        ObjectNode soldier = ((ObjectNode) a().at("/monsters/Olthoi Soldier")).deepCopy();
        soldier.put("avg_hit", ratio(soldier, "damage_given", "hits"));
        monsters.set("Olthoi Soldier", soldier);
        monsters.set("Mu-miyah Sentinel", b().at("/monsters/Mu-miyah Sentinel"));

        ArrayNode spells = t.putArray("top_spells");
        for (int i = 0; i < 2; i++) {
            String at = "/top_spells/" + i;
            spells.addObject()
                    .put("name", a().at(at + "/name").asText())
                    .put("casts", sum(at + "/casts"))
                    .put("damage", sum(at + "/damage"))
                    .put("max_hit", max(at + "/max_hit"));
        }
        spells.add(b().at("/top_spells/2"));
        return t;
    }

    @Test
    void eachSessionIsItsLatestSnapshotAsSentWithoutTheEnvelopeNewestFirst() {
        String who = "Combat Sessions";
        JsonNode body = fight(who);

        assertEquals(List.of("character_name", "lifetime", "sessions"), fieldNames(body));
        assertEquals(who, body.path("character_name").asText());
        JsonNode newest = body.path("sessions").get(0);
        assertEquals(List.of("session_id", "snapshot_ts", "updated_at", "snapshot"), fieldNames(newest));
        assertEquals("s-b", newest.path("session_id").asText());
        instant(newest.path("updated_at"));
        assertJson(b(), newest.path("snapshot"), "s-b's latest snapshot");
        JsonNode older = body.path("sessions").get(1);
        assertEquals("s-a", older.path("session_id").asText());
        assertJson(a(), older.path("snapshot"), "s-a's latest snapshot");

        JsonNode one = ok("/combat-stats/" + enc(who) + "?sessions=1");
        assertEquals(1, one.path("sessions").size(), "sessions=1: " + one);
        assertEquals("s-b", one.path("sessions").get(0).path("session_id").asText());
    }

    @Test
    void lifetimeSumsTheCountsOfEverySessionsLatestSnapshot() {
        JsonNode totals = fight("Combat Sums").path("lifetime").path("totals");
        ObjectNode expected = expectedLifetime();

        for (String path : List.of(
                "/kills",
                "/deaths",
                "/total_xp_earned",
                "/offense/attacks",
                "/offense/hits",
                "/offense/crits",
                "/offense/total_damage",
                "/defense/damage_taken",
                "/defense/evades")) {
            assertJson(expected.at(path), totals.at(path), "lifetime" + path + " is the sum over the sessions");
        }
        assertJson(expected.at("/pyreals_spent"), totals.at("/pyreals_spent"), "a fraction makes a double sum");
    }

    @Test
    void lifetimeKeepsTheMaximumOfMaximaAndTheMinimumOfMinima() {
        JsonNode totals = fight("Combat Maxima").path("lifetime").path("totals");
        ObjectNode expected = expectedLifetime();

        for (String path : List.of(
                "/streak_max",
                "/offense/max_hit",
                "/offense/min_hit",
                "/defense/max_hit",
                "/offense/by_element/cold/max_hit",
                "/monsters/Olthoi Ripper/max_hit",
                "/top_spells/0/max_hit")) {
            assertJson(expected.at(path), totals.at(path), "lifetime" + path);
        }
    }

    @Test
    void lifetimeRecomputesRatesFromTheSummedCountsAndLeavesUnknownRatesOut() {
        JsonNode lifetime = fight("Combat Rates").path("lifetime");
        JsonNode totals = lifetime.path("totals");
        ObjectNode expected = expectedLifetime();

        for (String path : List.of(
                "/offense/hit_rate",
                "/offense/crit_rate",
                "/offense/avg_hit",
                "/defense/evade_rate",
                "/monsters/Olthoi Ripper/hit_rate",
                "/monsters/Olthoi Soldier/avg_hit")) {
            assertJson(expected.at(path), totals.at(path), "lifetime" + path + " from the summed counts");
        }
        for (String path : List.of(
                "/kills_per_hour",
                "/dps",
                "/defense/avg_hit",
                "/defense/resist_rate",
                "/offense/by_element/cold/crit_rate")) {
            assertTrue(totals.at(path).isMissingNode(), "lifetime" + path + " is left out: " + totals.at(path));
        }
    }

    @Test
    void lifetimeKeepsPerMonsterAndPerElementBreakdownsAndMergesNamedArraysByName() {
        JsonNode totals = fight("Combat Breakdowns").path("lifetime").path("totals");
        ObjectNode expected = expectedLifetime();

        assertJson(expected.get("monsters"), totals.get("monsters"), "monster by monster, one session's kept");
        assertJson(expected.at("/offense/by_element"), totals.at("/offense/by_element"), "offense per element");
        assertJson(expected.at("/defense/by_element"), totals.at("/defense/by_element"), "defense per element");
        assertJson(
                expected.get("top_spells"), totals.get("top_spells"), "named objects merged by name, first seen first");
    }

    @Test
    void lifetimeTakesTextBooleansAndOtherArraysFromTheLatestSession() {
        JsonNode totals = fight("Combat Latest").path("lifetime").path("totals");

        assertJson(
                parse("{\"zone\":\"Dires\",\"in_fellowship\":false,\"loot_tags\":[\"scarab\"]}"),
                JSON.createObjectNode()
                        .<ObjectNode>set("zone", totals.get("zone"))
                        .<ObjectNode>set("in_fellowship", totals.get("in_fellowship"))
                        .set("loot_tags", totals.get("loot_tags")),
                "the session with the latest snapshot_ts (s-b, sent first)");
    }

    @Test
    void lifetimeIsExactlyTheMergeOfTheLatestSnapshots() {
        JsonNode lifetime = fight("Combat Whole").path("lifetime");

        assertEquals(List.of("sessions", "updated_at", "totals"), fieldNames(lifetime));
        assertEquals(2, lifetime.path("sessions").asInt());
        instant(lifetime.path("updated_at"));
        assertJson(expectedLifetime(), lifetime.path("totals"), "lifetime totals");
    }

    @Test
    void aCharacterWithoutCombatSnapshotsHasNoLifetimeAndAnUnknownOneIs404() {
        String who = "Combat Peaceful";
        try (SocketClient plugin = overlord.plugin()) {
            plugin.send(Frames.rare(who, "Pearl of Peace"));
            awaitOk("/rares?character=" + enc(who), body -> body.path("rares").size() == 1);
        }
        assertJson(
                JSON.createObjectNode()
                        .put("character_name", who)
                        .putNull("lifetime")
                        .<ObjectNode>set("sessions", JSON.createArrayNode()),
                ok("/combat-stats/" + enc(who)),
                "known, nothing stored");

        var unknown = get("/combat-stats/" + enc("Combat Nobody"));
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertJson("{\"error\":\"unknown character 'Combat Nobody'\"}", parse(unknown.body()), "404 body");
    }
}
