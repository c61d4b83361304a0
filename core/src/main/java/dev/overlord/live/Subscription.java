package dev.overlord.live;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One browser's choice of event types; it may change while the socket is open. No subscription
 * means everything, as in the reference. Control messages (snapshot, gap, errors) always pass.
 */
public final class Subscription {
    private final AtomicReference<Set<String>> types = new AtomicReference<>(null);

    public void subscribe(Set<String> messageTypes) {
        types.set(messageTypes == null || messageTypes.isEmpty() ? null : Set.copyOf(messageTypes));
    }

    public boolean admits(String type) {
        Set<String> t = types.get();
        return t == null || t.contains(type);
    }

    public Set<String> types() {
        Set<String> t = types.get();
        return t == null ? Set.of() : t;
    }
}
