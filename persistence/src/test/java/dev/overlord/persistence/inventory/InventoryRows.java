package dev.overlord.persistence.inventory;

import dev.overlord.character.CharacterEvent;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.projection.CharacterProjectionHandler;
import dev.overlord.persistence.projection.PlainJdbcSession;
import dev.overlord.persistence.setaside.SetAside;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/** Writes inventory changes the way the character projection does, for tests of what reads them. */
public final class InventoryRows {

    private final DataSource dataSource;
    private final CharacterProjectionHandler handler;

    public InventoryRows(DataSource dataSource, Vendor vendor) {
        this.dataSource = dataSource;
        this.handler = new CharacterProjectionHandler(
                vendor, "test/inventory-rows", new SetAside(new Metrics(), Clock.systemUTC()));
    }

    /** One inventory change of {@code character}, projected and committed. */
    public InventoryRows change(
            String character, long version, Instant at, boolean snapshot, List<String> upserts, List<Long> removed) {
        PlainJdbcSession session = new PlainJdbcSession(dataSource);
        try {
            handler.process(
                    session,
                    List.of(EventEnvelope.create(
                            Offset.sequence(version),
                            "Character|" + character,
                            version,
                            (CharacterEvent)
                                    new CharacterEvent.InventoryChanged(at, version, at, snapshot, upserts, removed),
                            0L)));
            session.commit();
            session.close();
        } catch (Exception e) {
            throw new AssertionError("could not write an inventory change", e);
        }
        return this;
    }
}
