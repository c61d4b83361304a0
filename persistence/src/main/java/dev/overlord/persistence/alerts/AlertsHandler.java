package dev.overlord.persistence.alerts;

import dev.overlord.alerts.Alert;
import dev.overlord.character.CharacterEvent;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.projection.FeatureHandler;
import dev.overlord.persistence.projection.GroupStatements;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Set;

/**
 * The alerts read model's part of the character projection: each alert a character raised is
 * stored and queued for its targets in the projection's transaction, with the group's offset, so
 * an alert is queued exactly once however often the group is retried; the end of an idle spell
 * (active again, or offline) clears the open idle alert.
 */
public final class AlertsHandler implements FeatureHandler {

    private final AlertWrites writes;
    private final OutboxWake wake;
    private final Clock clock;

    /**
     * @param wake told whenever a delivery is queued, so the outbox's job looks at once, also for
     *     alerts this server did not raise itself (the projection catching up after a restart)
     */
    public AlertsHandler(Vendor vendor, OutboxWake wake, Clock clock) {
        this.writes = new AlertWrites(vendor);
        this.wake = wake;
        this.clock = clock;
    }

    @Override
    public Set<Class<? extends CharacterEvent>> events() {
        return Set.of(
                CharacterEvent.AlertRaised.class, CharacterEvent.BecameActive.class, CharacterEvent.WentOffline.class);
    }

    @Override
    public void apply(GroupStatements statements, String character, CharacterEvent event) throws SQLException {
        switch (event) {
            case CharacterEvent.AlertRaised a -> {
                writes.raise(statements::update, toAlert(character, a), a.rule(), a.targets());
                // Before the commit: the job keeps looking for a while, so it sees the rows once they are.
                if (!a.targets().isEmpty()) wake.queued(clock.instant());
            }
            case CharacterEvent.BecameActive a ->
                AlertWrites.clear(statements::update, character, Alert.KIND_IDLE, a.at());
            case CharacterEvent.WentOffline a ->
                AlertWrites.clear(statements::update, character, Alert.KIND_IDLE, a.at());
            default -> {}
        }
    }

    /** The alert a character's event raised. */
    public static Alert toAlert(String character, CharacterEvent.AlertRaised a) {
        return new Alert(a.id(), a.kind(), character, a.at(), a.severity(), a.title(), a.message(), a.fields());
    }
}
