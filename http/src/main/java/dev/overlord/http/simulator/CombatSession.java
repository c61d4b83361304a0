package dev.overlord.http.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * One simulated character's fighting within one plugin session: the cumulative counts a plugin
 * keeps and sends as {@code combat_stats} (offense and defense, each per damage element, and
 * monster by monster). The rates it writes are computed from those counts, so they always agree.
 * Not thread-safe (one stream drives it).
 */
final class CombatSession {
    /** A kind of monster: how much it takes to kill and how it hits back. */
    private record Foe(String name, int health, String element, int maxHit) {}

    private static final Foe[] FOES = {
        new Foe("Drudge Skulker", 900, "slash", 180),
        new Foe("Mosswart Elder", 1400, "acid", 260),
        new Foe("Olthoi Soldier", 3200, "slash", 640),
        new Foe("Olthoi Ripper", 2600, "pierce", 520),
        new Foe("Banderling Raider", 1600, "bludgeon", 300),
        new Foe("Tusker Guard", 2400, "bludgeon", 420),
        new Foe("Shadow Child", 2000, "void", 380),
        new Foe("Virindi Inquisitor", 2800, "lightning", 560),
        new Foe("Lugian Mauler", 3000, "bludgeon", 600),
    };
    private static final String[] WEAPON_ELEMENTS = {"cold", "fire", "acid", "lightning", "void", "slash", "pierce"};

    private final Random random;
    private final String element;
    private final String offElement;
    private long kills;
    private long deaths;
    private final Offense offense = new Offense();
    private final Defense defense = new Defense();
    private final Map<String, MonsterTally> monsters = new LinkedHashMap<>();
    private Foe foe;
    private int foeHealth;

    /** A new session with weapons of two damage elements, the first used most. */
    CombatSession(Random random) {
        this(
                random,
                WEAPON_ELEMENTS[random.nextInt(WEAPON_ELEMENTS.length)],
                WEAPON_ELEMENTS[random.nextInt(WEAPON_ELEMENTS.length)]);
    }

    private CombatSession(Random random, String element, String other) {
        this.random = random;
        this.element = element;
        this.offElement = other.equals(element) ? "void" : other;
        nextFoe();
    }

    /** An earlier session with the same weapons, finished after {@code rounds} rounds. */
    CombatSession earlier(Random random, int rounds) {
        CombatSession s = new CombatSession(random, element, offElement);
        for (int i = 0; i < rounds; i++) {
            s.fight();
            if (random.nextDouble() < 0.002) s.died();
        }
        return s;
    }

    long kills() {
        return kills;
    }

    long deaths() {
        return deaths;
    }

    /** The character died in this session (when is the caller's to decide). */
    void died() {
        deaths++;
    }

    /** One telemetry interval of fighting: a few swings at the current foe and its answer. */
    void fight() {
        MonsterTally m = monsters.computeIfAbsent(foe.name(), n -> new MonsterTally());
        int swings = 2 + random.nextInt(3);
        for (int i = 0; i < swings && foeHealth > 0; i++) {
            offense.attacks++;
            m.attacks++;
            if (random.nextDouble() < 0.09) {
                offense.evades++;
                continue;
            }
            boolean crit = random.nextDouble() < 0.12;
            int damage = (150 + random.nextInt(300)) * (crit ? 2 : 1);
            String el = random.nextDouble() < 0.8 ? element : offElement;
            offense.hits++;
            offense.damage += damage;
            offense.maxHit = Math.max(offense.maxHit, damage);
            ElementTally e = offense.byElement.computeIfAbsent(el, k -> new ElementTally());
            e.hits++;
            e.damage += damage;
            e.maxHit = Math.max(e.maxHit, damage);
            m.hits++;
            m.damageGiven += damage;
            m.maxHit = Math.max(m.maxHit, damage);
            if (crit) {
                offense.crits++;
                e.crits++;
                m.crits++;
            }
            foeHealth -= damage;
        }
        int blows = 1 + random.nextInt(2);
        for (int i = 0; i < blows; i++) {
            defense.attacks++;
            double roll = random.nextDouble();
            if (roll < 0.3) {
                defense.evades++;
            } else if (roll < 0.41) {
                defense.resists++;
            } else {
                int damage = 20 + random.nextInt(foe.maxHit() - 19);
                defense.hits++;
                defense.damage += damage;
                defense.maxHit = Math.max(defense.maxHit, damage);
                ElementTally e = defense.byElement.computeIfAbsent(foe.element(), k -> new ElementTally());
                e.hits++;
                e.damage += damage;
                e.maxHit = Math.max(e.maxHit, damage);
                m.damageTaken += damage;
            }
        }
        if (foeHealth <= 0) {
            kills++;
            m.kills++;
            nextFoe();
        }
    }

    private void nextFoe() {
        foe = FOES[random.nextInt(FOES.length)];
        foeHealth = foe.health();
    }

    /** Writes the snapshot's fields (all but the envelope) into {@code frame}. */
    void writeTo(ObjectNode frame) {
        frame.put("kills", kills);
        frame.put("deaths", deaths);
        ObjectNode off = frame.putObject("offense");
        off.put("attacks", offense.attacks);
        off.put("hits", offense.hits);
        off.put("evades", offense.evades);
        off.put("crits", offense.crits);
        off.put("total_damage", offense.damage);
        off.put("max_hit", offense.maxHit);
        rate(off, "hit_rate", offense.hits, offense.attacks);
        rate(off, "crit_rate", offense.crits, offense.hits);
        average(off, "avg_hit", offense.damage, offense.hits);
        ObjectNode offByElement = off.putObject("by_element");
        offense.byElement.forEach((el, t) -> {
            ObjectNode e = offByElement.putObject(el);
            e.put("hits", t.hits);
            e.put("crits", t.crits);
            e.put("damage", t.damage);
            e.put("max_hit", t.maxHit);
        });
        ObjectNode def = frame.putObject("defense");
        def.put("attacks", defense.attacks);
        def.put("hits", defense.hits);
        def.put("evades", defense.evades);
        def.put("resists", defense.resists);
        def.put("damage_taken", defense.damage);
        def.put("max_hit", defense.maxHit);
        rate(def, "evade_rate", defense.evades, defense.attacks);
        average(def, "avg_hit", defense.damage, defense.hits);
        ObjectNode defByElement = def.putObject("by_element");
        defense.byElement.forEach((el, t) -> {
            ObjectNode e = defByElement.putObject(el);
            e.put("hits", t.hits);
            e.put("damage", t.damage);
            e.put("max_hit", t.maxHit);
        });
        ObjectNode mons = frame.putObject("monsters");
        monsters.forEach((name, t) -> {
            ObjectNode m = mons.putObject(name);
            m.put("kills", t.kills);
            m.put("attacks", t.attacks);
            m.put("hits", t.hits);
            m.put("crits", t.crits);
            m.put("damage_given", t.damageGiven);
            m.put("damage_taken", t.damageTaken);
            m.put("max_hit", t.maxHit);
        });
    }

    // A rate is written only when its denominator is known, as a plugin would (no 0/0).
    private static void rate(ObjectNode into, String name, long part, long whole) {
        if (whole > 0) into.put(name, Math.round(part * 10_000.0 / whole) / 10_000.0);
    }

    private static void average(ObjectNode into, String name, long sum, long count) {
        if (count > 0) into.put(name, Math.round(sum * 100.0 / count) / 100.0);
    }

    private static final class Offense {
        long attacks;
        long hits;
        long evades;
        long crits;
        long damage;
        long maxHit;
        final Map<String, ElementTally> byElement = new LinkedHashMap<>();
    }

    private static final class Defense {
        long attacks;
        long hits;
        long evades;
        long resists;
        long damage;
        long maxHit;
        final Map<String, ElementTally> byElement = new LinkedHashMap<>();
    }

    private static final class ElementTally {
        long hits;
        long crits;
        long damage;
        long maxHit;
    }

    private static final class MonsterTally {
        long kills;
        long attacks;
        long hits;
        long crits;
        long damageGiven;
        long damageTaken;
        long maxHit;
    }
}
