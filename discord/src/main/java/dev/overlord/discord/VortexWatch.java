package dev.overlord.discord;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Decides which chat lines deserve a vortex warning: the monitored character's lines containing
 * the phrase, at most one per debounce window (the game repeats the line while the spell lasts).
 * Not thread-safe: the bot calls it from one place under its own lock.
 */
final class VortexWatch {

    private final String character;
    private final String phrase;
    private final Duration debounce;
    private Instant lastWarning = Instant.MIN;

    VortexWatch(String character, String phrase, Duration debounce) {
        this.character = character;
        this.phrase = phrase.toLowerCase(Locale.ROOT);
        this.debounce = debounce;
    }

    boolean enabled() {
        return !character.isEmpty();
    }

    /** True when this line should be warned about now (and starts a new debounce window). */
    boolean warn(FeedMessage.Chat chat, Instant now) {
        if (!enabled() || !character.equalsIgnoreCase(chat.characterName())) return false;
        if (!chat.text().toLowerCase(Locale.ROOT).contains(phrase)) return false;
        if (lastWarning.plus(debounce).isAfter(now)) return false;
        lastWarning = now;
        return true;
    }
}
