package dev.overlord.http.readapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.overlord.persistence.Database;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the database fails, every read endpoint answers 500 with a fixed message and nothing else. */
class ReadRoutesFailureTest {

    @Test
    void aDeadDatabaseGives500WithoutDetails(@TempDir Path dir) {
        ExecutorService blocking = Executors.newSingleThreadExecutor();
        try (TestDatabase db = TestDatabases.h2(dir);
                RouteProbe probe = new RouteProbe()) {
            Database database = db.open();
            Route routes = ReadRoutes.over(database.dataSource(), Duration.ofHours(1), blocking, Clock.systemUTC());
            database.close();

            for (String path : List.of(
                    "/portals",
                    "/trails",
                    "/spawns/heatmap",
                    "/rares",
                    "/quests/Larsson",
                    "/character-stats/Larsson",
                    "/combat-stats/Larsson",
                    "/history/snapshot?at=2026-11-20T12:00:00Z",
                    "/history?from=2026-11-20T12:00:00Z&to=2026-11-20T13:00:00Z")) {
                RouteProbe.Response r = probe.get(routes, path);
                assertEquals(500, r.status(), path);
                assertEquals("{\"error\":\"internal error\"}", r.body(), path);
                assertEquals("application/json", r.contentType(), path);
            }
        } finally {
            blocking.shutdownNow();
        }
    }
}
