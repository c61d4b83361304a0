package dev.overlord.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.testing.DatabaseTestBase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/** Migrations and pool behaviour, run once per vendor by the concrete subclasses. */
abstract class DatabaseContract extends DatabaseTestBase {

    @Test
    void migrationsCreateJournalSnapshotAndUserTables() throws SQLException {
        try (Connection c = database().dataSource().getConnection();
                Statement st = c.createStatement()) {
            // Quoted lower-case names: how Slick addresses the journal tables on both vendors.
            for (String table : List.of("\"event_journal\"", "\"event_tag\"", "\"snapshot\"", "users")) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertTrue(rs.next());
                    assertEquals(0, rs.getLong(1), table);
                }
            }
            assertTrue(indexNames(c, "event_journal").contains("event_journal_ordering_idx"));
        }
    }

    @Test
    void appliesCommonAndVendorMigrationsInOrder() {
        MigrationInfo[] applied = flyway().info().applied();
        assertEquals(
                List.of("1", "2", "3", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18"),
                Arrays.stream(applied).map(m -> m.getVersion().getVersion()).toList());
        assertEquals(0, flyway().info().pending().length);
    }

    @Test
    void reopeningIsIdempotent() {
        int applied = flyway().info().applied().length;
        try (Database again = Database.open(settings())) {
            assertEquals(vendor(), again.vendor());
            assertTrue(again.isReachable(Duration.ofSeconds(5)));
        }
        assertEquals(applied, flyway().info().applied().length, "no migration is applied twice");
    }

    @Test
    void reachableWhileOpenNotAfterClose() {
        Database second = Database.open(settings());
        assertTrue(second.isReachable(Duration.ofSeconds(5)));
        second.close();
        assertFalse(second.isReachable(Duration.ofSeconds(1)));
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(database().dataSource())
                .locations(Database.migrationLocations(vendor()).toArray(String[]::new))
                .load();
    }

    private static List<String> indexNames(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (rs.next()) {
                names.add(rs.getString("INDEX_NAME"));
            }
        }
        return names;
    }
}
