package dev.overlord.character;

import java.time.Instant;

/**
 * One concern's pure decision about one frame: given the durable state, what is held in memory
 * and the time, the events to journal and the memory after. No actor, no clock, no side effect.
 */
@FunctionalInterface
interface Decider {
    Decision decide(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now);
}
