package dev.overlord.persistence.telemetry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.persistence.testing.ReadModelRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * On H2 one character's history is read from the wide (character_name, ts, ...) index, which holds
 * every column the query returns, so H2 answers from the index without looking up each row (V6).
 */
class H2TelemetryIndexTest extends DatabaseTestBase {

    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }

    @Test
    void oneCharactersRangeUsesTheCoveringIndex() {
        new ReadModelRows(database().dataSource())
                .telemetrySeries("Char1", Instant.parse("2026-11-17T00:00:00Z"), Duration.ofSeconds(2), 500)
                .telemetrySeries("Char2", Instant.parse("2026-11-17T00:00:00Z"), Duration.ofSeconds(2), 500);
        Instant from = Instant.parse("2026-11-17T00:05:00Z");
        String plan;
        try (Connection c = database().dataSource().getConnection();
                PreparedStatement ps = TelemetryQueries.pageStatement(
                        c,
                        "EXPLAIN ",
                        from,
                        from.plus(Duration.ofHours(1)),
                        Optional.of("Char2"),
                        OptionalInt.empty(),
                        50_001,
                        Optional.empty());
                ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            plan = rs.getString(1);
        } catch (SQLException e) {
            throw new DataAccessException("could not explain", e);
        }
        assertTrue(plan.contains("TELEMETRY_EVENTS_CHARACTER_TS_COVER_IDX"), plan);
    }
}
