package dev.overlord.alerts;

/**
 * Raises an alert that no character's entity raises (the game server going down or coming back):
 * it is stored and queued for its targets in one transaction and published on the live feed.
 */
@FunctionalInterface
public interface SystemAlerts {
    void raise(Alert alert);
}
