package dev.overlord.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.persistence.Database;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory search benchmark at a tiny size on H2, so it cannot rot; only its shape is checked. */
class InventorySearchBenchSmokeTest {

    @Test
    void everyCaseRunsAndPrintsItsRow(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TestDatabase test = TestDatabases.create(Vendor.H2, dir);
                Database db = test.open();
                PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            InventorySearchBench.run(db, Vendor.H2, 3, 40, 2, 1, out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("120 items written"), text);
        long rows = text.lines()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| h2 search"))
                .count();
        assertEquals(InventorySearchBench.cases(3).size(), rows, text);
        assertTrue(text.contains("| no filter (facets over all) | 120 |"), text);
    }
}
