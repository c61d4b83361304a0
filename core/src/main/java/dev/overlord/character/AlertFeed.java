package dev.overlord.character;

import dev.overlord.alerts.Alert;
import java.time.Instant;
import java.util.List;

/**
 * Where a character's alerts go live the moment they are journaled (the live hub): raised ones,
 * and the end of a condition (an idle character active again, or gone offline). Delivery to Discord
 * and the alerts table are the projection's, which reads the journal.
 */
public interface AlertFeed {

    AlertFeed NONE = new AlertFeed() {
        @Override
        public void raised(String characterName, CharacterEvent.AlertRaised alert) {}

        @Override
        public void cleared(String characterName, String kind, Instant at) {}
    };

    void raised(String characterName, CharacterEvent.AlertRaised alert);

    void cleared(String characterName, String kind, Instant at);

    /** What journaling {@code events} onto {@code state} tells the feed, in order. */
    static void tell(AlertFeed feed, CharacterState state, List<CharacterEvent> events) {
        CharacterState s = state;
        for (CharacterEvent e : events) {
            boolean wasIdle = s.idleness().idle();
            switch (e) {
                case CharacterEvent.AlertRaised a -> feed.raised(s.name(), a);
                case CharacterEvent.BecameActive a when wasIdle -> feed.cleared(s.name(), Alert.KIND_IDLE, a.at());
                case CharacterEvent.WentOffline a when wasIdle -> feed.cleared(s.name(), Alert.KIND_IDLE, a.at());
                default -> {}
            }
            s = s.evolve(e);
        }
    }
}
