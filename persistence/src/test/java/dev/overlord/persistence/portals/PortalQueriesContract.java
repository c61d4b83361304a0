package dev.overlord.persistence.portals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.persistence.testing.ReadModelRows;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link PortalQueries} answers, given rows written with SQL; run once per vendor.
 */
abstract class PortalQueriesContract extends DatabaseTestBase {

    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    ReadModelRows rows;
    PortalQueries portalQueries;

    @BeforeEach
    void emptyTables() {
        var ds = database().dataSource();
        rows = new ReadModelRows(ds).clear();
        portalQueries = new PortalQueries(ds);
    }

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void portalsSeenWithinTheWindowMostRecentFirst() {
        rows.portal("Portal to Arwic", 12.3, -4.5, "Alice", t(-7200), t(-60))
                .portal("Portal to Holtburg", 1.0, 2.0, "Bob", t(-600), t(-10))
                .portal("Stale Portal", 5.0, 5.0, "Bob", t(-9000), t(-3601));

        List<Portal> portals = portalQueries.seenSince(t(-3600));

        assertEquals(
                List.of("Portal to Holtburg", "Portal to Arwic"),
                portals.stream().map(Portal::portalName).toList());
        assertEquals(new Portal("Portal to Arwic", 12.3, -4.5, null, "Alice", t(-7200), t(-60)), portals.get(1));
    }
}
