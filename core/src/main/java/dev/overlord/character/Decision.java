package dev.overlord.character;

import java.util.List;

/**
 * What one decision made: the events to journal (maybe none) and the memory after it.
 *
 * @param ephemeral what the entity holds in memory once these events are journaled
 */
record Decision(List<CharacterEvent> events, Ephemeral ephemeral) {

    Decision {
        events = List.copyOf(events);
    }

    /** Nothing to journal; the memory may still have changed. */
    static Decision none(Ephemeral ephemeral) {
        return new Decision(List.of(), ephemeral);
    }

    static Decision of(Ephemeral ephemeral, CharacterEvent... events) {
        return new Decision(List.of(events), ephemeral);
    }
}
