package dev.overlord.http.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One pretend character: walks across Dereth, fights, chats and now and then finds a rare, a
 * portal or a spawn; dies, stands idle for a spell and sees a whirlwind of vortexes as often as
 * its {@link SimulatorEvents} say, and may share its vitals. Produces the frames a real plugin
 * would send; not thread-safe (one stream drives it).
 */
public final class SimulatedCharacter {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] CHANNELS = {"General", "Trade", "Fellowship", "Allegiance", "LFG"};
    private static final String[] LINES = {
        "anyone selling war paint?",
        "heading to the Mana Barrier",
        "oi!",
        "need a portal to Aerlinthe",
        "buffs please",
        "wts fire ivory",
        "selling mmd",
        "grats!",
        "lol",
        "brb"
    };
    private static final String[] MOBS = {
        "Drudge Skulker",
        "Mosswart Elder",
        "Olthoi Soldier",
        "Banderling Raider",
        "Tusker Guard",
        "Shadow Child",
        "Virindi Inquisitor",
        "Lugian Mauler"
    };
    /** Worn items and their cantrips; everyone wears the first (the e2e tests look for its spells). */
    private static final String[][] WORN = {
        {"Gelidite Robe", "Legendary Focus", "Epic Willpower", "Major Armor"},
        {"Wand of the Frore Crystal", "Legendary War Magic Aptitude", "Epic Spirit Thirst"},
        {"Shadow Gauntlets", "Major Strength", "Epic Invulnerability"},
        {"Amuli Coat", "Legendary Impenetrability", "Major Endurance"},
        {"Ring of the Spirit Drinker", "Epic Mana Conversion Prowess"},
    };
    /** Quest timers: the plugin's name for each, the description a player reads, most solves (0: no limit). */
    private static final String[][] QUESTS = {
        {"stipendtimer_0812", "Stipend", "0"},
        {"colosseumarenatimer", "Colosseum Arena", "0"},
        {"aerbaxgemtimer", "Aerbax Gem", "1"},
        {"gearknightinvasiontimer", "Gear Knight Invasion", "0"},
    };

    private static final String[] RARES = {
        "Pearl of Blood Drinking",
        "Gelidite Boots",
        "Shimmering Skeleton Key",
        "Ancient Falatacot Trinket",
        "Dragonslayer Pendant"
    };
    private static final String[] PORTALS = {
        "Portal to Holtburg",
        "Portal to Yaraq",
        "Gateway to Qalaba'r",
        "Portal to Arwic",
        "Portal to the Black Spawn Den"
    };

    private final String name;
    private final String sessionId;
    private final Random random;
    private double ew;
    private double ns;
    private double z;
    private double heading;
    private final CombatSession combat;
    private final String previousSessionId;
    private final CombatSession previousSession;
    private final Instant previousSessionEnded;
    private long rares;
    private long tapers;
    private double vitae;
    private long ticks;
    private final SimulatedInventory inventory;
    private final Instant started;
    private final Duration every;
    private final SimulatorEvents events;
    private final boolean sharesVitals;
    /** While set and in the future, the character stands idle. */
    private Instant idleUntil;
    /** Died on the last tick: respawns (with more vitae) on this one. */
    private boolean dead;
    /** Walking between fights rather than fighting (telemetry's macro state says which). */
    private boolean navigating;

    /** A character ticking every 2 s with the default events, not sharing vitals. */
    public SimulatedCharacter(String name, long seed, Instant started) {
        this(name, seed, started, Duration.ofSeconds(2), SimulatorEvents.defaults(), false);
    }

    /**
     * @param every how often {@link #tick} is called (event chances are per tick)
     * @param sharesVitals whether it sends {@code share_vitals} as a vital-sharing plugin does
     */
    public SimulatedCharacter(
            String name, long seed, Instant started, Duration every, SimulatorEvents events, boolean sharesVitals) {
        this.every = every;
        this.events = events;
        this.sharesVitals = sharesVitals;
        this.name = name;
        this.random = new Random(seed);
        this.sessionId = Long.toHexString(random.nextLong());
        this.started = started;
        this.ew = -60 + random.nextDouble() * 120;
        this.ns = -60 + random.nextDouble() * 120;
        this.z = random.nextDouble() * 60;
        this.heading = random.nextDouble() * Math.PI * 2;
        this.tapers = 50 + random.nextInt(500);
        this.combat = new CombatSession(random);
        // Each character has one earlier session behind it, sent at login, so lifetime has two to merge.
        this.previousSessionId = Long.toHexString(random.nextLong());
        this.previousSession = combat.earlier(new Random(random.nextLong()), 300 + random.nextInt(900));
        this.previousSessionEnded = started.minusSeconds(3_600 + random.nextInt(20 * 3_600));
        // Ids a million apart per character, so no two characters report the same object.
        this.inventory = new SimulatedInventory(
                new Random(random.nextLong()), 2_148_000_000L + Math.floorMod(seed, 1_000) * 1_000_000L);
    }

    public String name() {
        return name;
    }

    private ObjectNode frame(String type, Instant now) {
        ObjectNode f = JSON.objectNode();
        f.put("type", type);
        f.put("character_name", name);
        f.put("timestamp", now.toString());
        return f;
    }

    /**
     * What a plugin sends on login: character stats, a full inventory, cantrips, quest timers and
     * the last combat snapshot of the session before this one.
     */
    public List<String> login(Instant now) {
        List<String> out = new ArrayList<>();
        ObjectNode stats = frame("character_stats", now);
        stats.put("level", 180 + random.nextInt(95));
        stats.put("race", random.nextBoolean() ? "Aluvian" : "Sho");
        ObjectNode attributes = stats.putObject("attributes");
        for (String a : new String[] {"strength", "endurance", "coordination", "quickness", "focus", "self"}) {
            attributes.put(a, 100 + random.nextInt(200));
        }
        out.add(stats.toString());
        ObjectNode inv = frame("full_inventory", now);
        inv.set("items", inventory.login());
        inv.put("item_count", inventory.size());
        out.add(inv.toString());
        ObjectNode cantrips = frame("equipment_cantrip_state", now);
        ArrayNode worn = cantrips.putArray("cantrips");
        for (int i = 0; i < WORN.length; i++) {
            if (i > 0 && random.nextBoolean()) continue;
            ObjectNode item = worn.addObject();
            item.put("item_id", inventory.takeId());
            item.put("item_name", WORN[i][0]);
            ArrayNode spells = item.putArray("spells");
            for (int j = 1; j < WORN[i].length; j++) spells.add(WORN[i][j]);
        }
        out.add(cantrips.toString());
        out.add(quests(now).toString());
        ObjectNode previous = frame("combat_stats", previousSessionEnded);
        previous.put("session_id", previousSessionId);
        previousSession.writeTo(previous);
        out.add(previous.toString());
        return out;
    }

    private ObjectNode quests(Instant now) {
        ObjectNode q = frame("quest", now);
        ArrayNode timers = q.putArray("quests");
        for (String[] quest : QUESTS) {
            ObjectNode t = timers.addObject();
            t.put("name", quest[0]);
            int maxSolves = Integer.parseInt(quest[2]);
            t.put("solves", maxSolves > 0 ? random.nextInt(maxSolves + 1) : random.nextInt(40));
            t.put("max_solves", maxSolves);
            t.put("ready_in_s", random.nextBoolean() ? 0 : random.nextInt(72_000));
            t.put("description", quest[1]);
        }
        return q;
    }

    /** The frames of one telemetry interval: always telemetry and vitals, sometimes more. */
    public List<String> tick(Instant now) {
        ticks++;
        List<String> out = new ArrayList<>(4);
        boolean spellOver = idleUntil != null && !now.isBefore(idleUntil);
        if (spellOver) idleUntil = null;
        else if (idleUntil == null && !dead && happens(events.idleEvery())) idleUntil = now.plus(events.idleFor());
        boolean idle = idleUntil != null;
        boolean respawned = dead;
        dead = false;
        if (respawned) vitae = Math.min(40, vitae + 5);
        // Worked off in well under a minute, so most deaths start from none and the server sees them.
        else if (vitae > 0 && random.nextDouble() < 0.25) vitae = Math.max(0, vitae - 1);
        if (!idle) {
            heading += (random.nextDouble() - 0.5) * 0.6;
            ew = clamp(ew + Math.cos(heading) * 0.15, -100, 100);
            ns = clamp(ns + Math.sin(heading) * 0.15, -100, 100);
            z = Math.max(0, z + (random.nextDouble() - 0.5));
            if (random.nextDouble() < (navigating ? 0.1 : 0.03)) navigating = !navigating;
            if (!navigating) combat.fight();
            if (!respawned && happens(events.deathEvery())) {
                combat.died();
                dead = true;
            }
        }
        ObjectNode t = frame("telemetry", now);
        t.put("char_tag", "sim");
        t.put("session_id", sessionId);
        t.put("ew", round(ew));
        t.put("ns", round(ns));
        t.put("z", round(z));
        t.put("kills", combat.kills());
        long minutes = Math.max(1, Duration.between(started, now).toMinutes());
        t.put("kills_per_hour", Math.round(combat.kills() * 60.0 / minutes));
        t.put("onlinetime", Duration.between(started, now).toString());
        t.put("deaths", combat.deaths());
        t.put("total_deaths", previousSession.deaths() + combat.deaths());
        t.put("rares_found", rares);
        t.put("prismatic_taper_count", tapers);
        // A lone idle tick now and then is a blip the server's grace period must ignore.
        t.put("vt_state", idle || random.nextDouble() < 0.05 ? "Idle" : navigating ? "Navigating" : "Combat");
        out.add(t.toString());
        ObjectNode v = frame("vitals", now);
        int health = dead ? 0 : random.nextDouble() < 0.03 ? 40 + random.nextInt(100) : 300 + random.nextInt(200);
        v.put("health_current", health);
        v.put("health_max", 500);
        v.put("stamina_current", 200 + random.nextInt(300));
        v.put("stamina_max", 500);
        v.put("mana_current", 100 + random.nextInt(400));
        v.put("mana_max", 500);
        v.put("vitae", vitae);
        out.add(v.toString());
        if (sharesVitals && ticks % 2 == 0) out.add(shareVitals(v, now).toString());
        if (happens(events.vortexEvery())) {
            ObjectNode c = frame("chat", now);
            c.put("channel", "System");
            c.put("text", "You are caught in a whirlwind of vortexes!");
            out.add(c.toString());
        }
        if (random.nextDouble() < 0.15) {
            ObjectNode c = frame("chat", now);
            c.put("channel", CHANNELS[random.nextInt(CHANNELS.length)]);
            c.put("text", name + " says, \"" + LINES[random.nextInt(LINES.length)] + "\"");
            out.add(c.toString());
        }
        if (ticks % 5 == 0) {
            ObjectNode cs = frame("combat_stats", now);
            cs.put("session_id", sessionId);
            combat.writeTo(cs);
            out.add(cs.toString());
        }
        if (random.nextDouble() < 0.1) {
            ObjectNode s = frame("spawn", now);
            s.put("mob", MOBS[random.nextInt(MOBS.length)]);
            s.put("ew", round(ew + random.nextDouble() - 0.5));
            s.put("ns", round(ns + random.nextDouble() - 0.5));
            s.put("z", round(z));
            out.add(s.toString());
        }
        if (random.nextDouble() < 0.01) {
            ObjectNode p = frame("portal", now);
            p.put("portal_name", PORTALS[random.nextInt(PORTALS.length)]);
            p.put("ew", round(ew));
            p.put("ns", round(ns));
            p.put("z", round(z));
            out.add(p.toString());
        }
        if (random.nextDouble() < 0.004) {
            rares++;
            ObjectNode r = frame("rare", now);
            r.put("name", RARES[random.nextInt(RARES.length)]);
            r.put("session_id", sessionId);
            r.put("ew", round(ew));
            r.put("ns", round(ns));
            out.add(r.toString());
        }
        if (ticks % 300 == 0) out.add(quests(now).toString());
        if (happens(events.inventoryEvery()))
            out.add(inventory.delta(frame("inventory_delta", now)).toString());
        return out;
    }

    /** What a vital-sharing plugin tells its peers: the vitals as percentages, where, which debuffs. */
    private ObjectNode shareVitals(ObjectNode vitals, Instant now) {
        ObjectNode s = frame("share_vitals", now);
        s.put("server", "Coldeve");
        s.put("fellowship", "Simulated Fellowship");
        for (String vital : new String[] {"health", "stamina", "mana"}) {
            double pct = 100.0
                    * vitals.path(vital + "_current").asDouble()
                    / vitals.path(vital + "_max").asDouble(1);
            s.put(vital + "_pct", Math.round(pct * 10) / 10.0);
        }
        s.put("ew", round(ew));
        s.put("ns", round(ns));
        ArrayNode debuffs = s.putArray("debuffs");
        if (random.nextDouble() < 0.3) debuffs.add("Vulnerability Other VII");
        return s;
    }

    private boolean happens(Duration meanEvery) {
        return random.nextDouble() < SimulatorEvents.chance(every, meanEvery);
    }

    /** What the plugin answers to a command from a browser: a chat line the page can show. */
    public String answer(String command, Instant now) {
        ObjectNode c = frame("chat", now);
        c.put("channel", "Plugin");
        c.put("text", "[" + name + "] command received: " + command);
        return c.toString();
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
