package dev.overlord.http.simulator;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How often each simulated character dies, goes idle for a spell, sees a whirlwind of vortexes,
 * and how many of the fleet share their vitals: the events alerts are raised from, made frequent
 * enough to watch in a demo or a browser test. Each interval is a mean per character; events come
 * at random with that mean.
 *
 * @param deathEvery mean time between deaths (vitae goes from 0 to above 0 on the next vitals)
 * @param idleEvery mean time between idle spells
 * @param idleFor how long an idle spell lasts (telemetry says {@code Idle} throughout)
 * @param vortexEvery mean time between "whirlwind of vortexes" chat lines
 * @param sharingCharacters how many characters, the first of the fleet, send {@code share_vitals}
 * @param inventoryEvery mean time between inventory changes (loot, a stack used, an item sold)
 */
public record SimulatorEvents(
        Duration deathEvery,
        Duration idleEvery,
        Duration idleFor,
        Duration vortexEvery,
        int sharingCharacters,
        Duration inventoryEvery) {

    /** Inventory changes every 40 s, as by default. */
    public SimulatorEvents(
            Duration deathEvery, Duration idleEvery, Duration idleFor, Duration vortexEvery, int sharingCharacters) {
        this(deathEvery, idleEvery, idleFor, vortexEvery, sharingCharacters, Duration.ofSeconds(40));
    }

    public SimulatorEvents {
        for (Duration d : new Duration[] {deathEvery, idleEvery, idleFor, vortexEvery, inventoryEvery}) {
            if (d.isNegative() || d.isZero())
                throw new IllegalArgumentException("overlord.simulator.events: intervals must be positive, not " + d);
        }
        if (sharingCharacters < 0)
            throw new IllegalArgumentException("overlord.simulator.events.sharing-characters must not be negative");
    }

    /**
     * A death every 20 minutes, an idle spell of 6 minutes every 30, a vortex every 10; three share
     * vitals; an inventory change every 40 s.
     */
    public static SimulatorEvents defaults() {
        return new SimulatorEvents(
                Duration.ofMinutes(20),
                Duration.ofMinutes(30),
                Duration.ofMinutes(6),
                Duration.ofMinutes(10),
                3,
                Duration.ofSeconds(40));
    }

    /** From {@code overlord.simulator.events}. */
    public static SimulatorEvents from(Config c) {
        return new SimulatorEvents(
                c.getDuration("death-every"),
                c.getDuration("idle-every"),
                c.getDuration("idle-for"),
                c.getDuration("vortex-every"),
                c.getInt("sharing-characters"),
                c.hasPath("inventory-every") ? c.getDuration("inventory-every") : Duration.ofSeconds(40));
    }

    /** The chance that an event with mean interval {@code every} happens in one tick of {@code tick}. */
    static double chance(Duration tick, Duration every) {
        return Math.min(1.0, (double) tick.toMillis() / Math.max(1, every.toMillis()));
    }
}
